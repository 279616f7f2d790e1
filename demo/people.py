"""Drawing new households: composition, ages, sex and latent vulnerability."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_KIDS = 6
# Household types, as CBS counts them per postcode.
SINGLE, COUPLE, ONE_PARENT, TWO_PARENT = 0, 1, 2, 3


@dataclass
class Households:
    """Column arrays, one entry per household (the state that persists across years)."""

    hid: np.ndarray  # int64 counter, turned into a pseudonymous id when written
    pc: np.ndarray  # postcode index within the town
    kind: np.ndarray  # SINGLE .. TWO_PARENT
    adults: np.ndarray  # (n, 2) ages, -1 where absent
    kids: np.ndarray  # (n, MAX_KIDS) ages, -1 where absent
    men: np.ndarray  # number of males
    vuln: np.ndarray  # latent vulnerability (higher = more problems)
    income: np.ndarray  # standardised yearly household income, euro
    eps: np.ndarray  # (n, k) persistent normal draws per indicator
    status: np.ndarray  # statushouder 0/1 (fixed)

    def take(self, idx: np.ndarray) -> Households:
        return Households(*(getattr(self, f)[idx] for f in self.__dataclass_fields__))

    @staticmethod
    def concat(a: Households, b: Households) -> Households:
        return Households(*(np.concatenate([getattr(a, f), getattr(b, f)])
                            for f in a.__dataclass_fields__))


N_EPS = 12


def draw_households(rng: np.random.Generator, pc: np.ndarray, first_id: int, dep: np.ndarray,
                    ageing: np.ndarray, centre: np.ndarray, arrivals: bool = False
                    ) -> Households:
    """``len(pc)`` new households at postcode indices ``pc`` (fields given per household)."""
    n = len(pc)
    u = rng.random(n)
    p_single = 0.33 + 0.12 * centre + 0.10 * ageing
    p_one = 0.05 + 0.08 * dep
    p_two = np.clip(0.28 - 0.2 * ageing - 0.06 * centre, 0.04, None)
    kind = np.where(u < p_single, SINGLE,
                    np.where(u < p_single + p_one, ONE_PARENT,
                             np.where(u < p_single + p_one + p_two, TWO_PARENT, COUPLE)))
    with_kids = kind >= ONE_PARENT
    v = rng.random(n)
    p_old = 0.25 + 0.6 * ageing
    p_young = 0.22 + 0.10 * centre + (0.15 if arrivals else 0.0)
    head = np.where(v < p_old, 65 + np.minimum(rng.exponential(10, n), 35),
                    np.where(v < p_old + p_young, rng.uniform(19, 35, n), rng.uniform(35, 65, n)))
    head = np.where(with_kids, np.clip(rng.normal(41, 7, n), 22, 62), head).astype(np.int64)
    partner = np.clip(head + np.round(rng.normal(0, 3, n)), 18, 104).astype(np.int64)
    adults = np.column_stack([head, np.where((kind == COUPLE) | (kind == TWO_PARENT),
                                             partner, -1)])
    nk = np.where(with_kids, np.minimum(1 + rng.poisson(0.75, n), MAX_KIDS), 0)
    span = np.clip(head - 20, 1, 23)
    kid_age = np.floor(rng.random((n, MAX_KIDS)) * span[:, None]).astype(np.int64)
    kids = np.where(np.arange(MAX_KIDS) < nk[:, None], kid_age, -1)
    male_head = rng.random(n) < np.where(kind == ONE_PARENT, 0.15,
                                         np.where(kind == SINGLE,
                                                  np.where(head >= 75, 0.32, 0.5), 0.97))
    men = male_head.astype(np.int64) + ((adults[:, 1] >= 0) & ~male_head)
    men = men + rng.binomial(nk, 0.51)
    vuln = 2.8 * dep - 1.2 + rng.normal(0, 0.8, n)
    base = np.select([kind == SINGLE, kind == COUPLE, kind == ONE_PARENT], [30e3, 58e3, 31e3],
                     66e3)
    income = base * np.exp(-0.38 * vuln + rng.normal(0, 0.28, n)) * np.where(head >= 67, 0.8, 1)
    status = (rng.random(n) < (0.003 + 0.04 * dep ** 2) * (3.0 if arrivals else 1.0)).astype(
        np.int64)
    return Households(np.arange(first_id, first_id + n, dtype=np.int64), pc.astype(np.int64),
                      kind, adults, kids, men.astype(np.int64), vuln, income,
                      rng.normal(size=(n, N_EPS)), status)


def age_one_year(rng: np.random.Generator, hh: Households) -> Households:
    """Everyone a year older; some young families get a baby."""
    adults = np.where(hh.adults >= 0, hh.adults + 1, -1)
    kids = np.where(hh.kids >= 0, hh.kids + 1, -1)
    free = (kids < 0).any(axis=1)
    baby = free & (hh.kind >= ONE_PARENT) & (adults[:, 0] < 42) & (rng.random(len(kids)) < 0.06)
    slot = np.argmax(kids < 0, axis=1)
    kids[np.flatnonzero(baby), slot[baby]] = 0
    men = hh.men + (baby & (rng.random(len(kids)) < 0.51))
    return Households(hh.hid, hh.pc, hh.kind, adults, kids, men, hh.vuln, hh.income, hh.eps,
                      hh.status)
