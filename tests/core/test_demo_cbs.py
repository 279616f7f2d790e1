"""CBS files: rounding, special values, schema changes, and consistency with the households."""
from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from ruimtelijke_kijk.demo.generator import generate

SPECIAL = (-99997, -99995, -99991)
COUNTS = ["aantal_inwoners", "aantal_mannen", "aantal_vrouwen", "aantal_inwoners_0_tot_15_jaar",
          "aantal_inwoners_65_jaar_en_ouder", "aantal_part_huishoudens",
          "aantal_eenpersoonshuishoudens", "aantal_eenouderhuishoudens", "aantal_woningen",
          "aantal_woningen_bouwjaar_voor_1945", "aantal_huurwoningen_in_bezit_woningcorporaties",
          "aantal_personen_met_uitkering_onder_aowlft"]


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


def _pc6(folder: Path, year: int, version: str) -> pd.DataFrame:
    return gpd.read_file(folder / "cbs" / f"cbs_pc6_{year}_{version}.gpkg", layer="postcode6")


def _households(folder: Path, year: int) -> pd.DataFrame:
    df = pd.read_csv(folder / "registraties" / f"huishoudens_{year}.csv", sep=";", decimal=",",
                     encoding="utf-8-sig", dtype={"postcode": str}, keep_default_na=False)
    df["postcode6"] = df.postcode.str.replace(" ", "").str.upper()
    return df


def test_counts_are_rounded_to_five_with_a_minimum_of_five(small):
    for year, version in ((2022, "vol"), (2023, "vol"), (2024, "v1")):
        pc6 = _pc6(small, year, version)
        for col in COUNTS:
            values = pc6[col][~pc6[col].isin(SPECIAL)]
            assert (values % 5 == 0).all(), col
        for col in ("aantal_inwoners", "aantal_part_huishoudens", "aantal_woningen"):
            published = pc6[col][~pc6[col].isin(SPECIAL)]
            assert published.min() >= 5, col


def test_secret_rate_and_other_special_values(demo):
    pc6 = _pc6(demo, 2023, "vol")
    secret = (pc6.aantal_inwoners == -99997).mean()
    assert 0.08 <= secret <= 0.10
    # Person data only where at least five inhabitants: secret together.
    secret_rows = pc6.aantal_inwoners == -99997
    assert (pc6.loc[secret_rows, "aantal_part_huishoudens"] == -99997).all()
    assert (pc6.loc[secret_rows, "aantal_inwoners_65_jaar_en_ouder"] == -99997).all()
    assert 0 < (pc6.gemiddelde_woz_waarde_woning == -99995).mean() < 0.02
    assert 0 < (pc6.gemiddeld_gasverbruik_woning == -99991).mean() < 0.1


def test_v1_file_has_a_column_entirely_published_later(small):
    v1 = _pc6(small, 2024, "v1")
    vol = _pc6(small, 2023, "vol")
    later = [c for c in v1.columns if c != "geometry" and v1[c].astype(str).eq("-99995").all()]
    assert "aantal_personen_met_uitkering_onder_aowlft" in later
    assert not any(vol[c].astype(str).eq("-99995").all() for c in later)


def test_schema_follows_the_real_files(small):
    old, new = _pc6(small, 2022, "vol"), _pc6(small, 2023, "vol")
    assert "percentage_niet_westerse_migr_achtergr" in old.columns
    assert "percentage_geb_buiten_nederland_herkmst_buiten_europa" in new.columns
    assert "percentage_niet_westerse_migr_achtergr" not in new.columns
    income = new.mediaan_inkomen_huishouden
    assert income.dtype == object
    published = income[income != "-99997"]
    assert published.map(lambda s: bool(re.match(r"^\d+-\d+ [a-z ]+$", s))).all()
    assert {"dichtstbijzijnde_huisartsenpraktijk_afstand_in_km",
            "grote_supermarkt_aantal_binnen_1_km", "omgevingsadressendichtheid",
            "stedelijkheid"} <= set(new.columns)
    assert new.stedelijkheid.between(1, 5).all()
    pc4_2022 = gpd.read_file(small / "cbs" / "cbs_pc4_2022_vol.gpkg", layer="postcode4")
    pc4_2023 = gpd.read_file(small / "cbs" / "cbs_pc4_2023_vol.gpkg", layer="postcode4")
    assert "postcode" in pc4_2022.columns and "postcode4" in pc4_2023.columns
    assert sorted(pc4_2023.postcode4) == sorted(new.postcode6.str[:4].unique())


def test_cbs_households_match_the_registrations(small):
    for year, version in ((2022, "vol"), (2024, "v1")):
        pc6 = _pc6(small, year, version).set_index("postcode6")
        hh = _households(small, year)
        valid = hh.postcode6.str.match(r"^\d{4}[A-Z]{2}$")
        n_bad = int((~valid).sum())
        counts = hh[valid].groupby("postcode6").size().reindex(pc6.index, fill_value=0)
        persons = hh[valid].groupby("postcode6").aantal_personen.sum().reindex(pc6.index,
                                                                                fill_value=0)
        published = pc6.aantal_part_huishoudens != -99997
        expected = np.maximum(5, 5 * np.floor(counts / 5 + 0.5))
        wrong = published & (pc6.aantal_part_huishoudens != expected)
        assert wrong.sum() <= n_bad  # only a mistyped postcode can move a household
        assert (persons[~published] < 5 + n_bad).all()
        assert (persons[published] >= 5 - n_bad).all()
        total = pc6.aantal_part_huishoudens[published].sum()
        assert total == pytest.approx(len(hh), rel=0.05)
