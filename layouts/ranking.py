"""The ranking of areas for the praatplaat, from published values only.

A ranking is a derived output: it orders what the release already shows and
adds nothing to it. Suppressed, CBS-unpublished and missing values are left
out, never ranked as zero.
"""
from __future__ import annotations

from typing import Mapping, Optional

import pandas as pd

from .content import MAX_TOP_AREAS, TopArea

SHOWN = ("published", "perturbed")


def format_number(value: float, decimals: int, language: str) -> str:
    """"1 234,5" in Dutch, "1,234.5" in English."""
    text = f"{value:,.{decimals}f}"
    if language == "nl":
        return text.replace(",", " ").replace(".", ",")
    return text


def top_areas(measures: pd.DataFrame, measure: str, names: Optional[pd.DataFrame] = None,
              count: int = MAX_TOP_AREAS, highest_first: bool = True, decimals: int = 1,
              unit: str = "", language: str = "nl") -> list[TopArea]:
    """The ``count`` areas with the highest (or lowest) published value of ``measure``.

    ``measures`` is indexed by postcode-6 with ``measure`` and ``measure__status``;
    ``names`` (optional, same index) has ``buurt`` and ``wijk`` name columns.
    Ties keep postcode order, so the same release always gives the same table.
    """
    status = measures[f"{measure}__status"].astype(str)
    shown = measures.loc[status.isin(SHOWN), measure].dropna().astype(float)
    shown = shown.sort_index(kind="mergesort")
    ordered = shown.sort_values(ascending=not highest_first, kind="mergesort").head(count)
    lookup: Mapping = names.to_dict("index") if names is not None else {}
    suffix = f" {unit}" if unit else ""
    return [
        TopArea(
            rank=str(rank),
            area=str(code),
            buurt=str(lookup.get(code, {}).get("buurt", "") or ""),
            wijk=str(lookup.get(code, {}).get("wijk", "") or ""),
            value=format_number(value, decimals, language) + suffix,
        )
        for rank, (code, value) in enumerate(ordered.items(), start=1)
    ]
