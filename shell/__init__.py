"""Small QGIS-side services the plugin wires up once: translation and logging."""
