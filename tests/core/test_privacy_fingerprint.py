"""The input fingerprint hashes each frame as sorted CSV text, however it is computed."""
from __future__ import annotations

import numpy as np
import pandas as pd
from privacy_helpers import municipality

from ruimtelijke_kijk.privacy.fingerprint import _csv_text, _plain_text, input_fingerprint


def _frames() -> list[pd.DataFrame]:
    rng = np.random.default_rng(5)
    n = 400
    mun = municipality(60, seed=1)
    mixed = pd.Series([1, "1", "01", 2, "b", "é"] * (n // 6) + [3] * (n % 6), dtype=object)
    return [
        mun.households,
        mun.hierarchy.reset_index(),
        pd.DataFrame({"z": rng.integers(-3, 3, n), "a": rng.choice(["x", "y", "", "é"], n),
                      "m": mixed, "b": rng.random(n) < 0.5}),
        # Equal text from unequal values (1 and "1") must sort by the next column.
        pd.DataFrame({"a": pd.Series([1, "1", 1, "1"], dtype=object), "b": [4, 3, 2, 1]}),
    ]


def test_the_plain_text_is_the_sorted_csv_text_byte_for_byte():
    for frame in _frames():
        text = _plain_text(frame)
        assert text is not None
        assert text == _csv_text(frame)


def test_frames_csv_would_quote_or_write_otherwise_take_the_csv_route():
    quoted = pd.DataFrame({"a": ["x,y", "z"], "b": [1, 2]})
    floats = pd.DataFrame({"a": [0.1, -0.0], "b": [1, 2]})
    one = pd.DataFrame({"a": ["", "x"]})
    missing = pd.DataFrame({"a": ["x", None, np.nan], "b": [1, 2, 3]})
    for frame in (quoted, floats, one, missing):
        assert _plain_text(frame) is None
    assert '"x,y"' in _csv_text(quoted)


def test_the_fingerprint_ignores_row_and_column_order_but_not_a_value():
    mun = municipality(60, seed=1)
    hh = mun.households
    base = input_fingerprint(hh, mun.hierarchy, mun.cbs)
    shuffled = hh.sample(frac=1, random_state=3)[hh.columns[::-1]]
    assert input_fingerprint(shuffled, mun.hierarchy, mun.cbs) == base
    changed = hh.copy()
    changed.iloc[7, changed.columns.get_loc("postcode6")] = "9999ZZ"
    assert input_fingerprint(changed, mun.hierarchy, mun.cbs) != base
