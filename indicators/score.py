"""The composite risk score: mean of percentile ranks over the published inputs only.

Method (documented in docs/presets.md):

1. For each input measure, rank the postcodes whose value is shown (published/perturbed)
   within the loaded area; the percentile rank is in (0, 1], ties share their mean rank.
   For an input where *lower* is worse (e.g. income class, Leefbaarometer) the ranking is
   reversed, so a high rank always means more attention.
2. A postcode's score is 100 x the mean of its available ranks, if at least ``min_inputs``
   inputs are shown there; else it has no score and keeps the most specific reason why
   (a privacy suppression, a CBS secret, no data).

Hidden inputs are skipped, never read as zero, and only shown values enter, so the score
reveals nothing the inputs do not. A score map is therefore possible where an OR-count is
not in the release. Ranks are relative to the loaded area, not to the country.
"""
from __future__ import annotations

from typing import List, Tuple

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from .status import Status
from .status_math import combine, shown

METHOD = "mean_percentile_rank"
# A status for "too few inputs" arrives in status.py as NO_SCORE; until then the most
# specific reason among the hidden inputs is kept.
_NO_SCORE = Status.__members__.get("NO_SCORE")


def percentile_rank(values: pd.Series, status: pd.Series, higher_is_worse: bool) -> pd.Series:
    """Percentile rank (0, 1] of the shown values (ties share their mean); NaN elsewhere."""
    arr = values.to_numpy(dtype=float)
    visible = shown(status) & ~np.isnan(arr)
    out = np.full(len(arr), np.nan)
    if visible.any():
        ranked = arr[visible] if higher_is_worse else -arr[visible]
        out[visible] = rankdata(ranked, method="average") / visible.sum()
    return pd.Series(out, index=values.index)


def composite_score(inputs: List[Tuple[pd.Series, pd.Series, str]],
                    min_inputs: int) -> Tuple[pd.Series, pd.Series]:
    """``(score 0-100, status)`` from ``(values, status, risk_direction)`` triples."""
    index = inputs[0][0].index
    ranks = pd.concat(
        [percentile_rank(v, s, direction == "higher") for v, s, direction in inputs], axis=1)
    available = ranks.notna().sum(axis=1)
    enough = (available >= min_inputs).to_numpy()
    score = (100.0 * ranks.mean(axis=1, skipna=True)).where(enough)
    statuses = [s for _, s, _ in inputs]
    any_perturbed = np.column_stack(
        [(s == Status.PERTURBED.value).to_numpy() & r.notna().to_numpy()
         for s, (_, r) in zip(statuses, ranks.items())]).any(axis=1)
    shown_status = np.where(any_perturbed, Status.PERTURBED.value, Status.PUBLISHED.value)
    if _NO_SCORE is not None:
        hidden_status = np.full(len(index), _NO_SCORE.value, dtype=object)
    else:
        hidden_status = combine(statuses).to_numpy()
        # All inputs shown but too few of them (min_inputs > number of inputs given).
        hidden_status = np.where(np.isin(hidden_status, [Status.PUBLISHED.value,
                                                         Status.PERTURBED.value]),
                                 Status.NO_DATA.value, hidden_status)
    status = pd.Series(np.where(enough, shown_status, hidden_status), index=index, dtype=object)
    return score, status
