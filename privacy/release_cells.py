"""From status codes and shown values to the release's long cell table."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .release_io import LEVELS
from .rules import STATUS_OF_CODE
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
        shows = np.isin(c, [0, 4])
        frames.append(pd.DataFrame({
            "area_level": lv,
            "area_code": np.repeat(table.areas.codes[lv], len(own)),
            "statistic": np.tile(np.array(ids, dtype=object), n_areas),
            "value": pd.array(np.where(shows, v, np.nan).ravel(), dtype="Int64"),
            "status": status.ravel(),
        }))
    return pd.concat(frames, ignore_index=True)


def suppression_counts(cells: pd.DataFrame) -> dict[str, int]:
    """Cells per status and level (for the analyst's report)."""
    counts = cells.groupby(["area_level", "status"]).size()
    return {f"{lv}:{st}": int(n) for (lv, st), n in counts.items()}
