"""Deterministic synthetic municipality in the real file formats (QGIS-free).

``generator.generate(out_dir, size="demo", seed=1, progress=None, is_cancelled=None)``
writes the folder described in docs/data-contracts.md; ``old_schemas`` turns a generated
folder into the 2015-2018 shapefile, PDOK WFS GeoJSON and pre-2021 wijk-buurt spellings.
"""
