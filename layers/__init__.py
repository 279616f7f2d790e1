"""Measures → map layers: the question GeoPackage and its QGIS style."""
