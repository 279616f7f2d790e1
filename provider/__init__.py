"""Processing provider "ruimtelijkekijk" and its algorithms (QGIS shell)."""
