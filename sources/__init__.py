"""Readers for the real Dutch sources (QGIS-free): one canonical shape per kind of source.

- ``cbs_postcode.read_cbs_postcode`` — CBS statistics per postcode-6/-4, 2015–2024
  (GeoPackage, shapefile, PDOK WFS GeoJSON, XLSX); values with a parallel status.
- ``postcode_geometry.read_postcode_areas`` / ``read_postcode_points`` — just the areas,
  or one point inside each, fast at national size.
- ``wijkbuurt.read_wijkbuurt`` — gemeenten, wijken, buurten without water.
- ``hierarchy.load_hierarchy`` / ``derive_hierarchy`` — postcode-6 → postcode-4, buurt,
  wijk, gemeente, cached outside the user's folders.
- ``registrations.read_registrations`` — municipal counts or household/person rows,
  with a row-numbered report of every row that could not be used.
- ``points.read_points`` — facilities, stops, signals in RD New.
- ``leefbaarometer.read_leefbaarometer`` / ``assign_to_postcode6`` — scores per postcode-6.
- ``detect.detect_source_kind`` — which of these a file is.

Every unreadable file raises ``errors.SourceError`` (file, row, column; Dutch and
English). Nothing here writes next to the user's files. Submodules are imported
on use, so importing this package stays cheap.
"""
