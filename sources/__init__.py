"""Readers for the real Dutch sources: CBS, wijk-buurt, registrations, points, Leefbaarometer (QGIS-free)."""
