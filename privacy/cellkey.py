"""Cell-key perturbation (the method CBS and Eurostat used for the 2021 census).

Each household gets a persistent record key from a keyed hash (HMAC-SHA256) of its
pseudonymous id with a secret salt that only the data analyst holds — the salt is never
written to a release, and the same salt gives the same keys in every year. A cell's key is
the sum of its households' record keys modulo 1, so the same set of households gets the
same noise on every path. A fixed perturbation table maps (true value, cell key) to noise
with zero mean, maximum deviation D and variance close to V, never producing a value in
1..T-1 (small values move to 0 or to T and above).
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.optimize import linprog

KEY_BITS = 32
MODULUS = 2**KEY_BITS


def record_keys(household_ids, salt: bytes) -> np.ndarray:
    """Integer record keys in [0, 2**32) — persistent across years for the same salt."""
    if not salt:
        raise ValueError("cell-key mode needs a secret salt (geheime sleutel)")
    out = np.empty(len(household_ids), dtype=np.int64)
    for i, hid in enumerate(household_ids):
        digest = hmac.new(salt, str(hid).encode(), hashlib.sha256).digest()
        out[i] = int.from_bytes(digest[:4], "big")
    return out


@dataclass(frozen=True)
class PerturbationTable:
    threshold: int
    max_deviation: int
    variance: float

    @property
    def last_row(self) -> int:
        return self.threshold + self.max_deviation

    def row(self, value: int) -> np.ndarray:
        """Probabilities of noise -D..D for a true value (rows beyond the last repeat)."""
        return _row(self.threshold, self.max_deviation, self.variance,
                    min(int(value), self.last_row))

    def perturb(self, values: np.ndarray, cell_keys: np.ndarray) -> np.ndarray:
        d = self.max_deviation
        out = np.empty_like(values)
        for v in np.unique(values):
            mask = values == v
            cdf = np.cumsum(self.row(int(v)))
            idx = np.searchsorted(cdf, cell_keys[mask] * cdf[-1], side="right")
            out[mask] = v + np.minimum(idx, 2 * d) - d
        return out

    def possible_true(self, shown: int) -> tuple[int, int]:
        """The interval of true values that can be shown as ``shown`` (it is contiguous)."""
        d = self.max_deviation
        hits = [v for v in range(max(0, shown - d), shown + d + 1)
                if self.row(v)[shown - v + d] > 0]
        if not hits or hits != list(range(hits[0], hits[-1] + 1)):
            raise ValueError("perturbation table gives a non-contiguous set of true values")
        return hits[0], hits[-1]

    def to_json(self) -> dict:
        d = self.max_deviation
        return {"threshold": self.threshold, "max_deviation": d, "variance": self.variance,
                "rows": {str(v): [round(float(p), 12) for p in self.row(v)]
                         for v in range(self.last_row + 1)}, "noise": list(range(-d, d + 1))}


@cache
def _row(threshold: int, d: int, variance: float, value: int) -> np.ndarray:
    noise = np.arange(-d, d + 1)
    landing = value + noise
    if value == 0:
        allowed = noise == 0
    elif value < threshold:
        allowed = (landing == 0) | (landing >= threshold)
    else:
        allowed = landing >= threshold
    target = np.exp(-noise**2 / (2 * variance))
    target = target / target.sum()
    k = len(noise)
    # variables: p (k), |p - target| split (2k), variance slack (2); minimise deviations
    c = np.concatenate([np.zeros(k), np.ones(2 * k), [10.0, 10.0]])
    a_eq = np.zeros((k + 3, 3 * k + 2))
    b_eq = np.zeros(k + 3)
    a_eq[0, :k] = 1
    b_eq[0] = 1
    a_eq[1, :k] = noise
    a_eq[2, :k] = noise**2
    a_eq[2, 3 * k:] = [-1, 1]
    b_eq[2] = variance
    for j in range(k):
        a_eq[3 + j, j] = 1
        a_eq[3 + j, k + j] = -1
        a_eq[3 + j, 2 * k + j] = 1
        b_eq[3 + j] = target[j]
    bounds = [(0, 1 if ok else 0) for ok in allowed] + [(0, None)] * (2 * k + 2)
    res = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if not res.success:
        raise ValueError(f"no perturbation row for value {value}")
    p = np.clip(res.x[:k], 0, None)
    p[p < 1e-9] = 0
    return p / p.sum()


def cell_key_sums(keys: np.ndarray, postcode_index: np.ndarray, member: np.ndarray,
                  n_areas: int) -> np.ndarray:
    """Sum of record keys (mod 2**32) per area for the given households."""
    sums = np.zeros(n_areas, dtype=np.int64)
    np.add.at(sums, member[postcode_index], keys)
    return sums % MODULUS
