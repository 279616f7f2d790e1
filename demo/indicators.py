"""Yearly social-domain registrations derived from the persistent household state.

Every indicator is a persistent draw (``eps``) mixed with a yearly one, turned into
a probability that rises with low income and latent vulnerability — so benefits,
minimaregeling, debt counselling, rent arrears and youth care cluster together,
and a household that has one this year probably has it next year too.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr

from .people import ONE_PARENT, SINGLE, Households

# Columns of eps: which persistent draw each indicator uses.
_E = {"income": 0, "minima": 1, "uitk": 2, "debt": 3, "budget": 4, "huur": 5, "jeugd": 6,
      "vsv": 7, "wmo": 8, "wmo_af": 9, "mantel": 10, "taxi": 11}


def _hit(hh: Households, noise: np.ndarray, key: str, p: np.ndarray,
         shared: str | None = None) -> np.ndarray:
    z = hh.eps[:, _E[key]]
    if shared is not None:  # debt problems come together
        z = 0.7 * hh.eps[:, _E[shared]] + 0.714 * z
    z = 0.85 * z + 0.527 * noise[:, _E[key]]
    return ndtr(z) < np.clip(p, 0, 1)


def yearly_table(rng: np.random.Generator, hh: Households, year: int) -> pd.DataFrame:
    """One row per household: the contract columns plus helpers for the CBS counts."""
    n = len(hh.pc)
    noise = rng.normal(size=(n, len(_E)))
    ages = np.concatenate([hh.adults, hh.kids], axis=1)
    present = ages >= 0
    persons = present.sum(axis=1)
    kids_0_17 = ((hh.kids >= 0) & (hh.kids < 18)).sum(axis=1)
    band = {lo: ((ages >= lo) & (ages < hi)).sum(axis=1)
            for lo, hi in ((0, 15), (15, 25), (25, 45), (45, 65), (65, 200))}
    n_45_64 = ((ages >= 45) & (ages < 65)).sum(axis=1)
    n_65_74 = ((ages >= 65) & (ages < 75)).sum(axis=1)
    n_75 = (ages >= 75).sum(axis=1)
    working = ((ages >= 18) & (ages < 67)).sum(axis=1)
    income = hh.income * np.exp(0.08 * noise[:, _E["income"]])
    n_adults = (hh.adults >= 0).sum(axis=1)
    minimum = np.where(n_adults == 2, 29e3, 21e3) + 3.5e3 * kids_0_17
    low = income < minimum
    vpos = np.clip(hh.vuln, 0, 3)
    lowf = low.astype(float)
    minima = _hit(hh, noise, "minima", 0.02 + 0.55 * lowf)
    uitk_hit = _hit(hh, noise, "uitk", 0.03 + 0.55 * lowf + 0.04 * vpos) & (working > 0)
    second = (working == 2) & (noise[:, 0] > 0.9)
    uitkering = uitk_hit * (1 + second)
    debt = _hit(hh, noise, "debt", 0.015 + 0.08 * lowf + 0.025 * vpos)
    budget = _hit(hh, noise, "budget", 0.008 + 0.05 * lowf + 0.02 * vpos, shared="debt")
    huur = _hit(hh, noise, "huur", 0.012 + 0.06 * lowf + 0.02 * vpos, shared="debt")
    one_parent = (hh.kind == ONE_PARENT).astype(float)
    jeugd_hit = _hit(hh, noise, "jeugd", 0.05 + 0.08 * lowf + 0.03 * vpos + 0.05 * one_parent)
    jeugd = np.where(jeugd_hit & (kids_0_17 > 0), 1 + ((kids_0_17 > 1) & (noise[:, 1] > 1.0)), 0)
    teens = ((hh.kids >= 16) & (hh.kids <= 22)).sum(axis=1)
    vsv = (_hit(hh, noise, "vsv", 0.04 + 0.07 * lowf + 0.03 * vpos) & (teens > 0)).astype(int)
    old = (n_65_74 > 0).astype(float)
    very_old = (n_75 > 0).astype(float)
    wmo = _hit(hh, noise, "wmo", 0.015 + 0.08 * old + 0.28 * very_old + 0.03 * lowf)
    wmo_af = _hit(hh, noise, "wmo_af", 0.004 + 0.02 * (old + very_old)) & ~wmo
    mantel = _hit(hh, noise, "mantel", 0.01 + 0.03 * very_old + 0.01 * old)
    taxi = _hit(hh, noise, "taxi", 0.004 + 0.04 * old + 0.16 * very_old)
    bedrag = np.where(debt, np.round(np.exp(np.log(12e3) + 0.9 * hh.eps[:, _E["budget"]]
                                            + 0.1 * noise[:, 2]), 2), np.nan)
    return pd.DataFrame({
        "pc": hh.pc, "hid": hh.hid, "jaar": year, "aantal_personen": persons,
        "personen_45_64": n_45_64, "personen_65_74": n_65_74, "personen_75_plus": n_75,
        "kinderen_0_17": kids_0_17,
        "eenpersoonshuishouden": (hh.kind == SINGLE).astype(int),
        "eenouderhuishouden": (hh.kind == ONE_PARENT).astype(int),
        "laag_inkomen": low.astype(int), "uitkering_onder_aow": uitkering.astype(int),
        "minimaregeling": minima.astype(int), "budgetbeheer": budget.astype(int),
        "schuldhulp_aanmelding": debt.astype(int), "wmo_toegekend": wmo.astype(int),
        "wmo_afgewezen": wmo_af.astype(int), "jeugdhulp": jeugd.astype(int),
        "voortijdig_schoolverlater": vsv, "huurachterstand": huur.astype(int),
        "mantelzorg_toelage": mantel.astype(int), "statushouder": hh.status,
        "regiotaxi": taxi.astype(int), "schuld_bedrag": bedrag,
        # Helpers for the CBS aggregates (not written to the registrations file).
        "_kind": hh.kind, "_men": hh.men, "_income": income,
        "_b0": band[0], "_b15": band[15], "_b25": band[25], "_b45": band[45], "_b65": band[65],
        "_births": (hh.kids == 0).sum(axis=1),
    })
