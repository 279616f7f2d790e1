"""The praatplaat: a one-page conversation map for a policy meeting, as a QGIS print layout."""
