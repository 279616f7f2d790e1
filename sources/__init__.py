"""Readers for the real Dutch sources (QGIS-free).

CBS postcode statistics, the wijk- en buurtkaart, municipal registrations,
points, and Leefbaarometer scores, each read into one canonical shape.
"""
