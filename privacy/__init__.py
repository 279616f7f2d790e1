"""Disclosure control: protected releases, their audit and ledger (QGIS-free).

Public API:

* ``builder.build_release(registrations, year, hierarchy, output, *, catalogue, parameters,
  cbs_households, ledger, salt, progress, is_cancelled) -> BuildResult``
* ``audit_release.audit_releases(releases, registrations, hierarchy, cbs_households,
  progress, is_cancelled) -> {year: AuditResult}``; ``report.format_report`` /
  ``report.report_json`` turn that into text (Dutch and English) and JSON.
* ``release_io.read_release(path) -> Release`` (checksum verified) and ``write_release``.
* ``catalogue.load_catalogue(path | dict | None) -> Catalogue``.
* ``derived.drawn_area_sum`` / ``published_change``: outputs from releases only.
"""
