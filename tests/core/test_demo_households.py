"""Household registrations: export format, churn, correlation and spatial clustering."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree

from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.demo.registrations import COLUMNS


def _generated(tmp_path_factory, size: str) -> Path:
    out = tmp_path_factory.getbasetemp() / f"demo_{size}_seed1"
    if not (out / "manifest.json").exists():
        generate(out, size=size, seed=1)
    return out


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, "small")


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, "demo")


def _households(folder: Path, year: int) -> pd.DataFrame:
    df = pd.read_csv(folder / "registraties" / f"huishoudens_{year}.csv", sep=";", decimal=",",
                     encoding="utf-8-sig", dtype={"postcode": str}, keep_default_na=False)
    df["postcode6"] = df.postcode.str.replace(" ", "").str.upper()
    return df[df.postcode6.str.match(r"^\d{4}[A-Z]{2}$")]


def _rates_with_xy(folder: Path, year: int, column: str) -> pd.DataFrame:
    hh = _households(folder, year)
    if hh[column].dtype == object:
        hh[column] = (hh[column] == "ja").astype(int)
    per = hh.groupby("postcode6").agg(n=(column, "size"), k=(column, "sum"))
    pc6 = gpd.read_file(folder / "cbs" / f"cbs_pc6_{year}_vol.gpkg", layer="postcode6")
    c = pc6.geometry.centroid
    xy = pd.DataFrame({"x": c.x.to_numpy(), "y": c.y.to_numpy()}, index=pc6.postcode6)
    per = per.join(xy, how="inner")
    per = per[per.n >= 5]
    return per.assign(rate=per.k / per.n)


def morans_i(values: np.ndarray, x: np.ndarray, y: np.ndarray, k: int = 6) -> float:
    """Moran's I with row-standardised k-nearest-neighbour weights."""
    _, nn = cKDTree(np.column_stack([x, y])).query(np.column_stack([x, y]), k=k + 1)
    z = values - values.mean()
    lag = z[nn[:, 1:]].mean(axis=1)
    return float((z * lag).sum() / (z * z).sum())


def test_export_looks_like_a_municipal_csv(small):
    raw = (small / "registraties" / "huishoudens_2023.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.split(";") == list(COLUMNS)
    df = pd.read_csv(small / "registraties" / "huishoudens_2023.csv", sep=";", dtype=str,
                     encoding="utf-8-sig", keep_default_na=False)
    assert (df.jaar == "2023").all()
    assert set(df.eenpersoonshuishouden) == {"ja", "nee"}
    amounts = df.schuld_bedrag[df.schuld_bedrag != ""]
    assert len(amounts) > 0 and amounts.str.match(r"^\d+,\d{2}$").all()
    assert (df.schuld_bedrag != "").sum() == (df.schuldhulp_aanmelding == "1").sum()
    styles = {"spaced": r"^\d{4} [A-Z]{2}$", "tight": r"^\d{4}[A-Z]{2}$",
              "lower": r"^\d{4}[a-z]{2}$"}
    for name, pattern in styles.items():
        assert df.postcode.str.match(pattern).mean() > 0.1, name
    assert df.huishouden_id.is_unique and df.huishouden_id.str.match(r"^HH[0-9A-F]{12}$").all()


def test_some_postcodes_are_mistyped(demo):
    df = pd.read_csv(demo / "registraties" / "huishoudens_2022.csv", sep=";", dtype=str,
                     encoding="utf-8-sig", keep_default_na=False)
    normal = df.postcode.str.replace(" ", "").str.upper().str.match(r"^\d{4}[A-Z]{2}$")
    assert 0.001 <= (~normal).mean() <= 0.004
    assert (df.postcode == "").any() and df.postcode.str.match(r"^\d{4}$").any()


def test_household_sizes_are_overdispersed(demo):
    hh = _households(demo, 2022)
    per = hh.groupby("postcode6").size()
    assert 85_000 <= len(hh) <= 95_000
    assert 15 <= per.mean() <= 20
    assert per.var() / per.mean() > 5
    assert per.between(1, 4).mean() > 0.03 and (per >= 60).mean() > 0.005


def test_about_ten_percent_change_each_year_with_persistent_ids(small):
    years = [_households(small, y).set_index("huishouden_id") for y in (2022, 2023, 2024)]
    for before, after in zip(years, years[1:]):
        both = before.index.intersection(after.index)
        left = len(before) - len(both)
        arrived = len(after) - len(both)
        moved = (before.loc[both, "postcode6"] != after.loc[both, "postcode6"]).sum()
        churn = (left + arrived + moved) / len(before)
        assert 0.07 <= churn <= 0.13
        assert left > 0 and arrived > 0 and moved > 0
        # Stayers keep their composition apart from ageing.
        stay = both[before.loc[both, "postcode6"] == after.loc[both, "postcode6"]]
        assert (before.loc[stay, "eenpersoonshuishouden"]
                == after.loc[stay, "eenpersoonshuishouden"]).mean() > 0.99


def test_problems_go_together(small):
    hh = _households(small, 2022)
    low = (hh.laag_inkomen == "ja").astype(float)
    for column in ("minimaregeling", "uitkering_onder_aow", "schuldhulp_aanmelding",
                   "huurachterstand"):
        assert np.corrcoef(low, (hh[column] > 0).astype(float))[0, 1] > 0.1, column
    assert 0.05 <= low.mean() <= 0.2
    with_kids = hh[hh.kinderen_0_17 > 0]
    assert np.corrcoef((with_kids.laag_inkomen == "ja"), with_kids.jeugdhulp > 0)[0, 1] > 0.05


def test_low_income_clusters_in_space_across_wijk_borders(small):
    per = _rates_with_xy(small, 2022, "laag_inkomen")
    assert morans_i(per.rate.to_numpy(), per.x.to_numpy(), per.y.to_numpy()) > 0.2
    # The hottest postcodes lie in more than one wijk: hotspots ignore wijk borders.
    path = small / "wijkbuurt" / "wijkenbuurten_2022.gpkg"
    wijken = gpd.read_file(path, layer="wijken")
    hot = per[per.rate >= per.rate.quantile(0.9)]
    points = gpd.points_from_xy(hot.x, hot.y)
    in_wijk = {w.wijkcode for w in wijken.itertuples() for p in points if w.geometry.contains(p)}
    assert len(in_wijk) >= 2


def test_ageing_district_exists(small):
    per = _rates_with_xy(small, 2022, "personen_75_plus")
    assert morans_i(per.rate.to_numpy(), per.x.to_numpy(), per.y.to_numpy()) > 0.1
