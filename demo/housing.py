"""The housing stock and population background of each postcode (fixed across years)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

ERAS = ("voor_1945", "45_tot_65", "65_tot_75", "75_tot_85", "85_tot_95", "95_tot_05",
        "05_tot_15", "15_en_later")


@dataclass
class Stock:
    """Per-postcode dwelling counts by era and shares that CBS publishes as percentages."""

    era: np.ndarray  # (n, 8) dwellings by construction period
    meergezins: np.ndarray
    huur_share: np.ndarray
    corporatie_share: np.ndarray  # share of all dwellings owned by housing corporations
    woz: np.ndarray  # euro
    gas: np.ndarray  # m3 per dwelling per year
    elek: np.ndarray  # kWh
    origin_old: pd.DataFrame  # classification until 2022, percentages
    origin_new: pd.DataFrame  # classification from 2023


def build_stock(rng: np.random.Generator, rho: np.ndarray, dep: np.ndarray,
                dwellings: np.ndarray) -> Stock:
    """Older, denser, more rented and cheaper in the centre and in deprived areas."""
    n = len(rho)
    centre = np.clip(1 - rho, 0, 1)
    main = np.clip(np.round(rho * 7.5 + rng.normal(0, 0.9, n)), 0, 7).astype(int)
    per = np.repeat(np.arange(n), dwellings)
    shift = rng.choice([-1, 0, 0, 0, 0, 0, 1], size=len(per))
    era_of = np.clip(main[per] + shift, 0, 7)
    era = np.zeros((n, 8), dtype=np.int64)
    np.add.at(era, (per, era_of), 1)
    meergezins = rng.binomial(dwellings, np.clip(0.08 + 0.8 * centre ** 1.5 + 0.2 * dep, 0, 0.98))
    huur = np.clip(0.2 + 0.55 * dep + 0.2 * centre + rng.normal(0, 0.08, n), 0.03, 0.98)
    corp = huur * np.clip(0.5 + 0.35 * dep + rng.normal(0, 0.05, n), 0.1, 0.95)
    newness = main / 7
    woz = 1e3 * np.round(300 * np.exp(-0.55 * dep + 0.25 * newness - 0.25 * centre
                                      + rng.normal(0, 0.12, n)))
    gas = np.round(1450 - 900 * newness + rng.normal(0, 120, n), -1).clip(150)
    elek = np.round(2700 + 300 * newness - 400 * centre + rng.normal(0, 200, n), -1).clip(900)
    nl = np.clip(85 - 45 * dep + rng.normal(0, 6, n), 10, 98)
    west = np.clip(9 + rng.normal(0, 3, n), 1, None)
    west = np.minimum(west, 100 - nl)
    nw = 100 - nl - west
    origin_old = pd.DataFrame({"percentage_nederlandse_achtergrond": nl,
                               "percentage_westerse_migr_achtergr": west,
                               "percentage_niet_westerse_migr_achtergr": nw})
    origin_new = pd.DataFrame({
        "percentage_geb_nederland_herkomst_nederland": nl,
        "percentage_geb_nederland_herkomst_overig_europa": west * 0.4,
        "percentage_geb_nederland_herkomst_buiten_europa": nw * 0.45,
        "percentage_geb_buiten_nederland_herkomst_europa": west * 0.6,
        "percentage_geb_buiten_nederland_herkmst_buiten_europa": nw * 0.55})
    return Stock(era, meergezins, huur, corp, woz, gas, elek, origin_old, origin_new)
