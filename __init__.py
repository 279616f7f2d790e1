"""Ruimtelijke Kijk — QGIS plugin entry point.

QGIS imports this module when it scans the plugin folder; everything heavy is
imported only inside ``classFactory`` so that start-up stays quick and the
QGIS-free rooms can be imported from a plain Python without QGIS.
"""


def classFactory(iface):  # the name QGIS looks for
    from .plugin import RuimtelijkeKijkPlugin

    return RuimtelijkeKijkPlugin(iface)
