"""Deterministic synthetic municipality in the real file formats (QGIS-free)."""
