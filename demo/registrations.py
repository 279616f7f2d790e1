"""Household registrations written the way a Dutch municipal export looks."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .gpkg_io import write_csv

COLUMNS = ("huishouden_id", "postcode", "jaar", "aantal_personen", "personen_45_64",
           "personen_65_74", "personen_75_plus", "kinderen_0_17", "eenpersoonshuishouden",
           "eenouderhuishouden", "laag_inkomen", "uitkering_onder_aow", "minimaregeling",
           "budgetbeheer", "schuldhulp_aanmelding", "wmo_toegekend", "wmo_afgewezen",
           "jeugdhulp", "voortijdig_schoolverlater", "huurachterstand", "mantelzorg_toelage",
           "statushouder", "regiotaxi", "schuld_bedrag")
JA_NEE = ("eenpersoonshuishouden", "eenouderhuishouden", "laag_inkomen")
BAD_POSTCODE_RATE = 0.002
_MASK48 = (1 << 48) - 1


def pseudonym(town_index: int, counter: np.ndarray, key: int) -> np.ndarray:
    """Persistent pseudonymous ids: a keyed bijection of (town, counter) onto 48 bits."""
    x = (np.uint64(town_index) << np.uint64(32)) | counter.astype(np.uint64)
    with np.errstate(over="ignore"):
        y = (x * np.uint64(0x9E3779B97F4B) + np.uint64(key & _MASK48)) & np.uint64(_MASK48)
        y ^= y >> np.uint64(21)
    return np.char.add("HH", np.char.upper(np.char.zfill(
        np.array([format(int(v), "x") for v in y]), 12)))


def typed_postcodes(rng: np.random.Generator, pc6: np.ndarray) -> np.ndarray:
    """Postcodes as typed into a source system: '1234 AB', '1234AB', '1234ab', some broken."""
    pick = rng.choice(4, size=len(pc6), p=[0.5, 0.3, 0.15, 0.05])
    bad = rng.random(len(pc6)) < BAD_POSTCODE_RATE
    kind = rng.integers(0, 3, len(pc6))
    styles = (lambda c: f"{c[:4]} {c[4:]}", lambda c: c, lambda c: c[:4] + c[4:].lower(),
              lambda c: f"{c[:4]} {c[4:].lower()}")
    broken = (lambda c: c[:4], lambda c: "", lambda c: c[:5])  # digits only, empty, one letter
    return np.array([broken[k](c) if b else styles[s](c)
                     for c, s, b, k in zip(pc6.tolist(), pick.tolist(), bad.tolist(),
                                           kind.tolist())], dtype=object)


def export_frame(rng: np.random.Generator, table: pd.DataFrame, postcodes: np.ndarray,
                 town_index: int, key: int) -> pd.DataFrame:
    """The contract columns, with ids, typed postcodes and ja/nee flags."""
    df = table.loc[:, [c for c in COLUMNS if c in table.columns]].copy()
    df.insert(0, "huishouden_id", pseudonym(town_index, table.hid.to_numpy(), key))
    df.insert(1, "postcode", typed_postcodes(rng, postcodes[table.pc.to_numpy()]))
    for c in JA_NEE:
        df[c] = np.where(df[c].to_numpy() == 1, "ja", "nee")
    # The source system lists households by id, not by the order they were simulated in.
    return df.loc[:, list(COLUMNS)].sort_values("huishouden_id", kind="stable")


def write_registrations(df: pd.DataFrame, root: Path, year: int, append: bool) -> Path:
    """registraties/huishoudens_<year>.csv: semicolon, UTF-8 with BOM, decimal comma."""
    path = root / "registraties" / f"huishoudens_{year}.csv"
    first = not (append and path.exists())
    write_csv(df, path, append=append, sep=";", decimal=",", float_format="%.2f",
              encoding="utf-8-sig" if first else "utf-8", lineterminator="\r\n")
    return path
