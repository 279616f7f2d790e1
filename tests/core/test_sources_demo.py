"""The demo municipality's ``small`` output, read end to end through every reader."""
from __future__ import annotations

import pytest

from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.sources.cbs_postcode import read_cbs_postcode
from ruimtelijke_kijk.sources.detect import detect_source_kind
from ruimtelijke_kijk.sources.hierarchy import load_hierarchy
from ruimtelijke_kijk.sources.leefbaarometer import assign_to_postcode6, read_leefbaarometer
from ruimtelijke_kijk.sources.points import read_points
from ruimtelijke_kijk.sources.postcode_geometry import read_postcode_areas
from ruimtelijke_kijk.sources.registrations import read_registrations
from ruimtelijke_kijk.sources.vector_io import read_vector
from ruimtelijke_kijk.sources.wijkbuurt import read_wijkbuurt


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "small"
    manifest = generate(out, "small", seed=1)
    return out, manifest


def test_demo_small_reads_end_to_end(demo, tmp_path):
    out, manifest = demo
    year = max(manifest.years)
    version = manifest.versions[str(year)]
    pc6_path = out / "cbs" / f"cbs_pc6_{year}_{version}.gpkg"
    wb_path = out / "wijkbuurt" / f"wijkenbuurten_{year}.gpkg"
    pc6 = read_cbs_postcode(pc6_path)
    assert (pc6.year, pc6.version, pc6.level) == (year, version, "postcode6")
    assert len(pc6.frame) == manifest.counts["postcodes"]["postcode6"]
    assert pc6.frame.crs.to_epsg() == 28992 and pc6.unknown_fields == []
    assert set(pc6.status.stack().unique()) <= {"published", "cbs_secret", "cbs_later_version",
                                               "cbs_no_longer_published", "cbs_not_available",
                                               "cbs_secondary_suppressed"}
    assert read_cbs_postcode(out / "cbs" / f"cbs_pc4_{year}_{version}.gpkg").level == "postcode4"
    buurten = read_wijkbuurt(wb_path)
    assert buurten.frame["gemeentecode"].eq(manifest.gemeentecode).all()
    hierarchy = load_hierarchy(pc6_path, wb_path, tmp_path / "cache")
    assert hierarchy.frame["gemeentecode"].eq(manifest.gemeentecode).sum() >= 0.95 * len(pc6.frame)
    households = read_registrations(out / "registraties" / f"huishoudens_{year}.csv")
    assert households.shape == "microdata" and households.frame["jaar"].eq(year).all()
    assert len(households.frame) + len(households.issues) >= 0.9 * manifest.counts[str(year)][
        "households"]
    facilities = read_points(out / "voorzieningen" / "voorzieningen.gpkg")
    stops = read_points(out / "voorzieningen" / "ov_haltes.csv")
    assert "soort" in facilities.columns and stops.crs.to_epsg() == 28992 and len(stops)
    grid = read_vector(out / "leefbaarometer" / "grid100m.gpkg")
    lbm_year = max(manifest.leefbaarometer_years)
    scores = assign_to_postcode6(
        read_postcode_areas(pc6_path),
        grid_scores=read_leefbaarometer(out / "leefbaarometer" / f"lbm3_grid_{lbm_year}.csv"),
        grid=grid,
        buurt_scores=read_leefbaarometer(out / "leefbaarometer" / f"lbm3_buurt_{lbm_year}.csv"),
        buurten=buurten.frame)
    assert scores["methode"].isin(["grid", "buurt"]).mean() > 0.9
    kinds = {p.relative_to(out).as_posix(): detect_source_kind(p)
             for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert kinds[f"cbs/cbs_pc6_{year}_{version}.gpkg"] == "cbs_postcode6"
    assert kinds["voorzieningen/voorzieningen.gpkg"] == "points"
    assert kinds[f"wijkbuurt/wijkenbuurten_{year}.gpkg"] == "wijkbuurt"
