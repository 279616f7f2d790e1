"""Status arithmetic and the composite score on small hand-made series."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ruimtelijke_kijk.indicators.score import composite_score, percentile_rank
from ruimtelijke_kijk.indicators.status_math import combine, percentage

IDX = pd.Index(["a", "b", "c", "d"])


def s(*values):
    return pd.Series(list(values), index=IDX, dtype=object)


def test_combine_keeps_the_most_specific_reason():
    out = combine([s("published", "cbs_secret", "perturbed", "no_data"),
                   s("primary_suppressed", "no_data", "published", "cbs_later_version")])
    assert list(out) == ["primary_suppressed", "cbs_secret", "perturbed", "cbs_later_version"]
    with pytest.raises(ValueError, match="unknown status"):
        combine([s("published", "published", "published", "shown")])


def test_percentage_hides_and_never_divides_by_zero():
    num = pd.Series([5.0, np.nan, 6.0, 5.0], index=IDX)
    den = pd.Series([20.0, 10.0, 0.0, 4.0], index=IDX)
    value, status = percentage(num, s("published", "primary_suppressed", "published",
                                      "perturbed"),
                               den, s("published", "published", "published", "published"))
    assert value["a"] == 25.0 and value["d"] == 100.0  # a perturbed count capped at 100 %
    assert np.isnan(value["b"]) and status["b"] == "primary_suppressed"
    assert np.isnan(value["c"]) and status["c"] == "no_data"
    assert status["d"] == "perturbed"


def test_percentile_rank_ignores_hidden_values():
    values = pd.Series([1.0, 2.0, 99.0, 3.0], index=IDX)
    rank = percentile_rank(values, s("published", "published", "cbs_secret", "published"), True)
    assert list(rank.round(3).fillna(-1)) == [0.333, 0.667, -1, 1.0]
    reverse = percentile_rank(values, s(*["published"] * 4), False)
    assert reverse["a"] == 1.0


def test_composite_score_mean_rank_min_inputs_and_status():
    v1 = pd.Series([1.0, 2.0, 3.0, 4.0], index=IDX)
    v2 = pd.Series([4.0, 3.0, np.nan, 1.0], index=IDX)
    v3 = pd.Series([np.nan, 1.0, 2.0, np.nan], index=IDX)
    st1 = s("published", "published", "perturbed", "published")
    st2 = s("published", "published", "complement_suppressed", "published")
    st3 = s("primary_suppressed", "published", "published", "cbs_secret")
    score, status = composite_score([(v1, st1, "higher"), (v2, st2, "lower"),
                                     (v3, st3, "higher")], min_inputs=2)
    # a: v1 ranks 1st of 4 (0.25); v2 reversed ranks a's 4 highest of 4, 3, 1 -> 1/3.
    assert score["a"] == pytest.approx(100 * (0.25 + 1 / 3) / 2)
    assert status["c"] == "perturbed"  # v1 perturbed and v3 published enter the score
    strict, strict_status = composite_score([(v1, st1, "higher"), (v2, st2, "lower"),
                                             (v3, st3, "higher")], min_inputs=3)
    assert np.isnan(strict["a"]) and strict_status["a"] in ("primary_suppressed", "no_score")
    assert not np.isnan(strict["b"])
