"""A fingerprint of the inputs: a SHA-256 hash, never data.

It lets a data analyst show which registrations, hierarchy and CBS counts a release was
built from (rebuild and compare) without the release holding any of them.
"""
from __future__ import annotations

import hashlib

import pandas as pd


def _frame_digest(digest, frame: pd.DataFrame) -> None:
    ordered = frame.reindex(sorted(frame.columns), axis=1)
    ordered = ordered.sort_values(list(ordered.columns), kind="mergesort")
    digest.update(ordered.to_csv(index=False, lineterminator="\n").encode())


def input_fingerprint(registrations: pd.DataFrame, hierarchy: pd.DataFrame,
                      cbs_households: pd.Series | None) -> str:
    digest = hashlib.sha256()
    digest.update(b"registrations\n")
    _frame_digest(digest, registrations.reset_index(drop=True).astype(str))
    digest.update(b"hierarchy\n")
    _frame_digest(digest, hierarchy.reset_index().astype(str))
    if cbs_households is not None:
        digest.update(b"cbs\n")
        _frame_digest(digest, pd.Series(cbs_households).rename("n").reset_index().astype(str))
    return "sha256:" + digest.hexdigest()
