"""Smooth latent fields over a town: deprivation hotspots and an ageing district.

Hotspots sit partly on wijk borders on purpose: problem areas that cross
administrative borders are what a postcode-6 map shows and a wijk table hides.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .town import Town


@dataclass
class Fields:
    """Field parameters; evaluate anywhere in the town with the methods."""

    hot_x: np.ndarray
    hot_y: np.ndarray
    hot_sigma: np.ndarray
    hot_weight: np.ndarray
    age_x: float
    age_y: float
    age_sigma: float
    wave: tuple[float, float, float, float]

    def deprivation(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """About 0 (well off) to 1 (hotspot core)."""
        d2 = (x[:, None] - self.hot_x) ** 2 + (y[:, None] - self.hot_y) ** 2
        bumps = (self.hot_weight * np.exp(-d2 / (2 * self.hot_sigma ** 2))).max(axis=1)
        kx, ky, phase, amp = self.wave
        return np.clip(bumps + amp * np.sin(kx * x + ky * y + phase) + 0.1, 0, 1.2)

    def ageing(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """About 0 to 1; 1 in the heart of the ageing district."""
        d2 = (x - self.age_x) ** 2 + (y - self.age_y) ** 2
        return np.exp(-d2 / (2 * self.age_sigma ** 2))


def build_fields(rng: np.random.Generator, town: Town) -> Fields:
    """Hotspots (one per ~1,500 postcodes, at least two), half of them on wijk borders."""
    pc = town.postcodes
    n_hot = max(2, int(round(len(pc) / 1500)))
    border = _border_postcodes(town)
    picks = []
    for i in range(n_hot):
        pool = border if (i % 2 == 0 and len(border)) else np.arange(len(pc))
        picks.append(int(rng.choice(pool)))
    hx, hy = pc.x.to_numpy()[picks], pc.y.to_numpy()[picks]
    sigma = town.radius * rng.uniform(0.10, 0.17, n_hot)
    weight = rng.uniform(0.75, 1.0, n_hot)
    # The ageing district is a different place from the worst hotspot.
    far = np.hypot(pc.x.to_numpy() - hx[0], pc.y.to_numpy() - hy[0])
    a = int(rng.choice(np.argsort(far)[-max(1, len(pc) // 4):]))
    k = 2 * np.pi / (town.radius * rng.uniform(0.8, 1.4))
    ang = rng.uniform(0, 2 * np.pi)
    return Fields(hx, hy, sigma, weight, float(pc.x.iloc[a]), float(pc.y.iloc[a]),
                  0.18 * town.radius,
                  (k * np.cos(ang), k * np.sin(ang), rng.uniform(0, 2 * np.pi), 0.08))


def _border_postcodes(town: Town) -> np.ndarray:
    """Postcodes whose nearest neighbours include another wijk."""
    from scipy.spatial import cKDTree

    pc = town.postcodes
    xy = np.column_stack([pc.x, pc.y])
    _, nn = cKDTree(xy).query(xy, k=min(6, len(pc)))
    wk = pc.wijkcode.to_numpy()
    return np.flatnonzero((wk[nn] != wk[:, None]).any(axis=1))
