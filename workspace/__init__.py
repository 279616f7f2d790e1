"""The map side's one pipeline: which sources are loaded, and preset → measures → layer.

QGIS-free. The panel, the Processing algorithms and the demo all go through it,
so the same release gives the same numbers on every path.
"""
