"""From status codes and shown values to the release's long cell table."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .release_io import LEVELS
from .rules import PERTURBED, PUBLISHED, STATUS_OF_CODE, SUPPRESSED
from .tables import TrueTable


def cells_frame(table: TrueTable, codes: dict, shown: dict, own: list[int]) -> pd.DataFrame:
    """Long cells (level, code, statistic, value, status); hidden values are NULL."""
    frames = []
    ids = [table.stat_ids[j] for j in own]
    for lv in LEVELS:
        c = codes[lv][:, own]
        v = shown[lv][:, own]
        n_areas = c.shape[0]
        status = np.vectorize(lambda k: STATUS_OF_CODE[int(k)].value, otypes=[object])(c)
        shows = np.isin(c, [PUBLISHED, PERTURBED])
        frames.append(pd.DataFrame({
            "area_level": lv,
            "area_code": np.repeat(table.areas.codes[lv], len(own)),
            "statistic": np.tile(np.array(ids, dtype=object), n_areas),
            "value": pd.array(np.where(shows, v, np.nan).ravel(), dtype="Int64"),
            "status": status.ravel(),
        }))
    return pd.concat(frames, ignore_index=True)


def suppression_counts(reasons: dict, public: dict, own: list[int]) -> dict[str, int]:
    """Cells per level and reason, and per level how many of them the release shows
    without their reason (for the analyst's report; never written to the release)."""
    counts = {}
    for lv in LEVELS:
        codes, n = np.unique(reasons[lv][:, own], return_counts=True)
        counts.update({f"{lv}:{STATUS_OF_CODE[int(c)].value}": int(k) for c, k in zip(codes, n)})
        withheld = int((public[lv][:, own] == SUPPRESSED).sum())
        if withheld:
            counts[f"{lv}:reason_withheld"] = withheld
    return counts
