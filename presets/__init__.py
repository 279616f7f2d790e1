"""Presets: the policy and information questions as data, and user presets (QGIS-free)."""
