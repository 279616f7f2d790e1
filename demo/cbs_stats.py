"""CBS statistics per postcode for one year, with CBS's rounding and special values."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .housing import ERAS, Stock

SECRET, LATER, NO_LONGER = -99997, -99995, -99991
INCOME_CLASSES = ((0, "0-20 laag"), (27e3, "20-40 onder midden"), (38e3, "40-60 midden"),
                  (52e3, "60-80 boven midden"), (70e3, "80-100 hoog"))
PERSON_COUNTS = {
    "aantal_inwoners": "aantal_personen", "aantal_mannen": "_men", "aantal_vrouwen": "_women",
    "aantal_inwoners_0_tot_15_jaar": "_b0", "aantal_inwoners_15_tot_25_jaar": "_b15",
    "aantal_inwoners_25_tot_45_jaar": "_b25", "aantal_inwoners_45_tot_65_jaar": "_b45",
    "aantal_inwoners_65_jaar_en_ouder": "_b65", "aantal_geboorten": "_births",
}
HOUSEHOLD_COUNTS = {
    "aantal_part_huishoudens": "_one", "aantal_eenpersoonshuishoudens": "_single",
    "aantal_meerpersoonshuishoudens_zonder_kind": "_couple",
    "aantal_eenouderhuishoudens": "_oneparent", "aantal_tweeouderhuishoudens": "_twoparent",
}


def raw_sums(table: pd.DataFrame, key: np.ndarray, n: int) -> pd.DataFrame:
    """Exact (unrounded) counts per area ``key`` (0..n-1) from the household table."""
    t = table
    cols = {
        "aantal_personen": t.aantal_personen, "_men": t._men,
        "_women": t.aantal_personen - t._men, "_b0": t._b0, "_b15": t._b15, "_b25": t._b25,
        "_b45": t._b45, "_b65": t._b65, "_births": t._births, "_one": np.ones(len(t)),
        "_single": t._kind == 0, "_couple": t._kind == 1, "_oneparent": t._kind == 2,
        "_twoparent": t._kind == 3, "_uitk": t.uitkering_onder_aow,
    }
    out = {c: np.bincount(key, np.asarray(v, dtype=float), minlength=n) for c, v in cols.items()}
    income = np.full(n, np.nan)
    order = np.argsort(key, kind="stable")
    ks, inc = key[order], t._income.to_numpy()[order]
    bounds = np.searchsorted(ks, np.arange(n + 1))
    for i in range(n):  # medians per area; areas are few thousand
        if bounds[i + 1] > bounds[i]:
            income[i] = np.median(inc[bounds[i]:bounds[i + 1]])
    out["_median_income"] = income
    return pd.DataFrame(out)


def round5(x: np.ndarray) -> np.ndarray:
    """CBS rounding of counts to the nearest multiple of 5."""
    return (5 * np.floor(np.asarray(x, float) / 5 + 0.5)).astype(np.int64)


def income_class(median: np.ndarray) -> np.ndarray:
    labels = np.array([lab for _, lab in INCOME_CLASSES], dtype=object)
    bounds = np.array([b for b, _ in INCOME_CLASSES])
    return labels[np.searchsorted(bounds, np.nan_to_num(median), side="right") - 1]


def publish(raw: pd.DataFrame, dwellings: np.ndarray, stock: Stock, year: int,
            rng: np.random.Generator, text_income: bool = True) -> pd.DataFrame:
    """Published columns: rounded to 5, person data only for ≥ 5 inhabitants, and so on."""
    inh = raw.aantal_personen.to_numpy()
    people_ok = inh >= 5
    homes_ok = dwellings >= 5
    out = {}
    for name, src in PERSON_COUNTS.items():
        out[name] = round5(raw[src])
    out["aantal_inwoners"] = np.maximum(out["aantal_inwoners"], 5)
    if year >= 2023:
        origin = stock.origin_new
    else:
        origin = stock.origin_old
    for c in origin:
        out[c] = np.round(origin[c].to_numpy()).astype(np.int64)
    for name, src in HOUSEHOLD_COUNTS.items():
        out[name] = round5(raw[src])
    out["aantal_part_huishoudens"] = np.maximum(out["aantal_part_huishoudens"], 5)
    hh = np.maximum(raw["_one"].to_numpy(), 1)
    out["gemiddelde_huishoudensgrootte"] = np.round(inh / hh, 1)
    person_cols = list(out)
    out["aantal_woningen"] = np.maximum(round5(dwellings), 5)
    for i, era in enumerate(ERAS):
        out[f"aantal_woningen_bouwjaar_{era}"] = round5(stock.era[:, i])
    out["aantal_meergezins_woningen"] = round5(stock.meergezins)
    out["percentage_koopwoningen"] = np.round(100 * (1 - stock.huur_share)).astype(np.int64)
    out["percentage_huurwoningen"] = 100 - out["percentage_koopwoningen"]
    out["aantal_huurwoningen_in_bezit_woningcorporaties"] = round5(
        dwellings * stock.corporatie_share)
    out["aantal_niet_bewoonde_woningen"] = round5(dwellings - raw["_one"].to_numpy())
    out["gemiddelde_woz_waarde_woning"] = np.round(stock.woz / 1e3).astype(np.int64)
    out["gemiddeld_gasverbruik_woning"] = stock.gas.astype(np.int64)
    out["gemiddeld_elektriciteitsverbruik_woning"] = stock.elek.astype(np.int64)
    home_cols = [c for c in out if c not in person_cols]
    if text_income:
        out["mediaan_inkomen_huishouden"] = income_class(raw["_median_income"].to_numpy())
    else:
        out["mediaan_inkomen_huishouden"] = np.round(raw["_median_income"].to_numpy() / 1e3, 1)
    out["aantal_personen_met_uitkering_onder_aowlft"] = round5(raw["_uitk"])
    df = pd.DataFrame(out)
    for c in person_cols + ["aantal_personen_met_uitkering_onder_aowlft"]:
        df.loc[~people_ok, c] = SECRET
    income_ok = raw["_one"].to_numpy() >= 10
    df["mediaan_inkomen_huishouden"] = df["mediaan_inkomen_huishouden"].where(
        income_ok, str(SECRET) if text_income else SECRET)
    for c in home_cols:
        df.loc[~homes_ok, c] = SECRET
    # Occasional special values of other kinds, as in the real files (gas: -99991 where
    # the newer files stopped publishing it for very small postcodes).
    df.loc[rng.random(len(df)) < 0.004, "gemiddelde_woz_waarde_woning"] = LATER
    if year >= 2023:
        df.loc[homes_ok & (dwellings < 7), "gemiddeld_gasverbruik_woning"] = NO_LONGER
    return df
