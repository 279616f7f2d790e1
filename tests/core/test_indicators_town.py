"""A hand-made town of twelve postcodes for the engine tests, and checks of the town itself.

The release is written with ``privacy.release_io.write_release`` and read back with
``read_release``, so the engine sees exactly what it sees in use. Known cells are planted
so tests can check how suppression propagates.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point, box

from ruimtelijke_kijk.indicators.inputs import CbsTable, LeefbaarometerTable, RecipeInputs
from ruimtelijke_kijk.privacy.release_io import read_release, write_release
from ruimtelijke_kijk.sources.cbs_columns import decode_columns

CODES = [f"1234A{c}" for c in "ABCDEFGHJKLM"]
X0, Y0 = 150_000.0, 450_000.0
SOORTEN = ("huisarts", "apotheek", "supermarkt", "ov_halte", "basisschool",
           "speelvoorziening", "wijkteam")


def postcodes() -> gpd.GeoDataFrame:
    geoms = [box(X0 + i * 200, Y0, X0 + i * 200 + 100, Y0 + 100) for i in range(len(CODES))]
    return gpd.GeoDataFrame(index=pd.Index(CODES, name="postcode6"), geometry=geoms,
                            crs="EPSG:28992")


SINGLES = ("budgetbeheer", "schuldhulp_aanmelding", "huurachterstand", "laag_inkomen",
           "uitkering_onder_aow", "minimaregeling", "wmo_toegekend", "wmo_afgewezen",
           "mantelzorg_toelage", "jeugdhulp", "voortijdig_schoolverlater", "kinderen_0_17",
           "eenouderhuishouden", "eenpersoonshuishouden", "personen_45_64", "personen_65_74",
           "personen_75_plus")
ORS = {  # in the format of privacy/catalogue_default.json ("a&b" is one characteristic)
    "schulden": ["budgetbeheer", "schuldhulp_aanmelding", "huurachterstand"],
    "financieel_kwetsbaar": ["laag_inkomen", "uitkering_onder_aow", "minimaregeling"],
    "zorg_en_ondersteuning": ["wmo_toegekend", "wmo_afgewezen", "mantelzorg_toelage"],
    "jeugd_signalen": ["jeugdhulp", "voortijdig_schoolverlater"],
    "kinderarmoede_risico": ["eenouderhuishouden", "kinderen_0_17&laag_inkomen"],
    "eenzaamheid_risico": ["eenpersoonshuishouden", "personen_75_plus"],
    "ouderen": ["personen_65_74", "personen_75_plus"],
}


def catalogue() -> dict:
    """A release catalogue like the privacy room's default (its own copy: tests stay put)."""
    stats = [{"id": "huishoudens", "kind": "denominator"}]
    stats += [{"id": c, "kind": "single", "column": c, "denominator": "huishoudens"}
              for c in SINGLES]
    stats += [{"id": k, "kind": "or", "columns": v, "denominator": "huishoudens"}
              for k, v in ORS.items()]
    return {"name": "test", "version": 1, "statistics": stats}


def release_cells(seed: int = 1) -> pd.DataFrame:
    """Every statistic of the default catalogue per postcode, with planted suppressions.

    1234AA: 'laag_inkomen' primary-suppressed; 1234AB: households complement-suppressed;
    1234AC: 'eenpersoonshuishouden' perturbed; 1234AD: every statistic primary-suppressed.
    """
    rng = np.random.default_rng(seed)
    rows = []
    stats = [e["id"] for e in catalogue()["statistics"]]
    for code in CODES:
        households = int(rng.integers(15, 40))
        for stat in stats:
            value = households if stat == "huishoudens" else int(rng.integers(5, households))
            status = "published"
            if (code, stat) in {("1234AA", "laag_inkomen")} or code == "1234AD":
                value, status = None, "primary_suppressed"
            if (code, stat) == ("1234AB", "huishoudens"):
                value, status = None, "complement_suppressed"
            if (code, stat) == ("1234AC", "eenpersoonshuishouden"):
                status = "perturbed"
            rows.append(("postcode6", code, stat, value, status))
    return pd.DataFrame(rows, columns=["area_level", "area_code", "statistic", "value", "status"])


def make_release(folder: Path, cells: pd.DataFrame = None, cat: dict = None, year: int = 2023):
    path = Path(folder) / f"release_{year}.gpkg"
    meta = {"year": year, "parameters": {"mode": "suppression", "threshold": 5},
            "catalogue": cat or catalogue(), "input_fingerprint": "sha256:test"}
    write_release(path, release_cells() if cells is None else cells, meta)
    return read_release(path)


def cbs_table(year: int = 2023) -> CbsTable:
    rng = np.random.default_rng(7)
    n = len(CODES)

    def fives(lo, hi):
        return (rng.integers(lo, hi, n) * 5).astype(float)

    frame = pd.DataFrame(index=pd.Index(CODES, name="postcode6"))
    frame["aantal_inwoners"] = fives(10, 20)
    for band in ("0_tot_15", "15_tot_25", "25_tot_45", "45_tot_65"):
        frame[f"aantal_inwoners_{band}_jaar"] = fives(1, 3)
    frame["aantal_inwoners_65_jaar_en_ouder"] = fives(1, 4)
    frame["aantal_part_huishoudens"] = fives(5, 10)
    for field in ("eenpersoonshuishoudens", "eenouderhuishoudens", "tweeouderhuishoudens"):
        frame[f"aantal_{field}"] = fives(1, 3)
    frame["aantal_personen_met_uitkering_onder_aowlft"] = fives(1, 3)
    frame["aantal_woningen"] = fives(5, 10)
    frame["aantal_huurwoningen_in_bezit_woningcorporaties"] = fives(0, 4)
    frame["percentage_huurwoningen"] = rng.integers(0, 100, n).astype(float)
    frame["percentage_koopwoningen"] = 100 - frame["percentage_huurwoningen"]
    frame["percentage_geb_buiten_nederland_herkmst_buiten_europa"] = rng.integers(0, 40, n) * 1.0
    frame["gemiddelde_woz_waarde_woning"] = rng.integers(150, 600, n) * 1.0
    frame["stedelijkheid"] = rng.integers(1, 6, n) * 1.0
    frame["dichtstbijzijnde_huisartsenpraktijk_afstand_in_km"] = rng.uniform(0.2, 3, n).round(1)
    frame["mediaan_inkomen_huishouden"] = rng.choice(
        ["00-20 laag", "20-40 onder midden", "40-60 midden", "80-100 hoog"], n).astype(object)
    # CBS special values: secret and "later version" in known places.
    frame.loc["1234AE", "aantal_eenpersoonshuishoudens"] = -99997
    frame.loc["1234AF", "aantal_part_huishoudens"] = -99997
    frame.loc["1234AG", "mediaan_inkomen_huishouden"] = "-99997"
    frame["aantal_inwoners_0_tot_15_jaar"] = frame["aantal_inwoners_0_tot_15_jaar"].where(
        frame.index != "1234AH", -99995)
    geo = gpd.GeoDataFrame(frame, geometry=postcodes().geometry, crs="EPSG:28992")
    values, status = decode_columns(geo, Path(f"cbs_pc6_{year}_v1.gpkg"), [])
    return CbsTable(values, status, year, f"cbs_pc6_{year}_v1.gpkg")


def points() -> gpd.GeoDataFrame:
    rows = []
    for k, soort in enumerate(SOORTEN):
        for j in range(2):
            rows.append((soort, Point(X0 + 50 + (k * 3 + j * 7) % 12 * 200, Y0 + 300 + 100 * j)))
    return gpd.GeoDataFrame({"soort": [r[0] for r in rows]}, geometry=[r[1] for r in rows],
                            crs="EPSG:28992")


def leefbaarometer() -> LeefbaarometerTable:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(index=pd.Index(CODES, name="postcode6"))
    for field in ("kscore", "kfys", "konv", "ksoc", "kvrz", "kwon"):
        frame[field] = pd.array(rng.integers(1, 10, len(CODES)), dtype="Int64")
    frame.loc["1234AM", "kscore"] = pd.NA
    return LeefbaarometerTable(frame, 2022, "lbm3_grid_2022.csv")


def town(folder: Path, **overrides) -> RecipeInputs:
    parts = dict(release=make_release(folder), cbs=cbs_table(), points=points(),
                 points_file="voorzieningen.gpkg", leefbaarometer=leefbaarometer(),
                 postcodes=postcodes())
    parts.update(overrides)
    return RecipeInputs(**parts)


def test_town_release_round_trips_with_planted_cells(tmp_path):
    release = make_release(tmp_path)
    wide = release.values("postcode6")
    assert list(wide.index) == CODES
    assert wide.loc["1234AA", "laag_inkomen__status"] == "primary_suppressed"
    assert pd.isna(wide.loc["1234AA", "laag_inkomen"])
    assert wide.loc["1234AC", "eenpersoonshuishouden__status"] == "perturbed"


def test_town_cbs_keeps_special_values_as_status():
    cbs = cbs_table()
    assert cbs.status.loc["1234AE", "aantal_eenpersoonshuishoudens"] == "cbs_secret"
    assert np.isnan(cbs.values.loc["1234AE", "aantal_eenpersoonshuishoudens"])
    assert cbs.status.loc["1234AH", "aantal_inwoners_0_tot_15_jaar"] == "cbs_later_version"
    assert cbs.status.loc["1234AG", "mediaan_inkomen_huishouden"] == "cbs_secret"
