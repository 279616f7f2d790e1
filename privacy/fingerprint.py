"""A fingerprint of the inputs: a SHA-256 hash, never data.

It lets a data analyst show which registrations, hierarchy and CBS counts a release was
built from (rebuild and compare) without the release holding any of them. What is hashed
is each frame as text: its columns in name order, its rows sorted, written as CSV.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

_QUOTED = (",", '"', "\n", "\r")  # a field with one of these is quoted in CSV


def _csv_text(frame: pd.DataFrame) -> str:
    """The frame as text, sorted: the definition of what is hashed."""
    ordered = frame.astype(str).reindex(sorted(frame.columns), axis=1)
    ordered = ordered.sort_values(list(ordered.columns), kind="mergesort")
    return ordered.to_csv(index=False, lineterminator="\n")


def _plain_text(frame: pd.DataFrame) -> str | None:
    """The same text without converting every cell: each column's distinct values are
    written once and sorted once, the rows ordered by their ranks (a registration file of
    half a million households: about 2 s instead of 8). None where CSV would quote a
    field, or a column is not integers, booleans or strings or misses a value:
    ``_csv_text`` writes those."""
    names = sorted(frame.columns)
    if len(names) < 2 or any(any(q in str(n) for q in _QUOTED) for n in names):
        return None  # one column: CSV quotes an empty field
    words, ranks = [], []
    for name in names:
        column = frame[name]
        if not (pd.api.types.is_integer_dtype(column) or pd.api.types.is_bool_dtype(column)
                or pd.api.types.is_object_dtype(column)) or column.isna().any():
            return None  # a missing value: None and NaN would become one text
        codes, uniques = pd.factorize(column)
        text = pd.Series(uniques, dtype=object).astype(str).to_numpy(dtype=object)
        if any(q in t for t in text for q in _QUOTED):
            return None
        rank = np.unique(text, return_inverse=True)[1]  # equal texts, equal ranks
        words.append(text[codes])
        ranks.append(rank[codes])
    order = np.lexsort(ranks[::-1])  # the first column sorts first
    rows = zip(*(column[order].tolist() for column in words))
    return ",".join(map(str, names)) + "\n" + "".join(",".join(row) + "\n" for row in rows)


def _frame_digest(digest, frame: pd.DataFrame) -> None:
    text = _plain_text(frame)
    digest.update((_csv_text(frame) if text is None else text).encode())


def input_fingerprint(registrations: pd.DataFrame, hierarchy: pd.DataFrame,
                      cbs_households: pd.Series | None) -> str:
    digest = hashlib.sha256()
    digest.update(b"registrations\n")
    _frame_digest(digest, registrations.reset_index(drop=True))
    digest.update(b"hierarchy\n")
    _frame_digest(digest, hierarchy.reset_index())
    if cbs_households is not None:
        digest.update(b"cbs\n")
        _frame_digest(digest, pd.Series(cbs_households).rename("n").reset_index())
    return "sha256:" + digest.hexdigest()
