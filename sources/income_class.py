"""The postcode-6 median household income: a percentile class as text, read as an ordered category.

CBS publishes ``mediaan_inkomen_huishouden`` for postcode-6 as a class of the
national percentile distribution, written as ``"<from>-<to> <label>"``, for
example ``"80-100 hoog"`` or ``"20-60 onder midden tot midden"``. A postcode
whose households span several 20 % bands gets a wider class. The percentile band
decides the class; a label that does not match the band is accepted with a
warning; a band or label that is not a CBS class raises ``BadValue``.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

import pandas as pd

from ..indicators.status import Status
from .special_values import MISSING_TEXT, NOT_PUBLISHED_BELOW, SPECIAL_CODES, BadValue

_BAND_LABELS = ("laag", "onder midden", "midden", "boven midden", "hoog")
#: Spellings seen in exports and documentation for the same band labels.
_SYNONYMS = (("beneden", "onder"), ("gemiddeld", "midden"), ("gemiddelde", "midden"))
#: "Cannot be classified" — not a number and not a class.
UNCLASSIFIABLE = frozenset({"onclassificeerbaar", "niet classificeerbaar"})


def _label(low: int, high: int) -> str:
    first, last = _BAND_LABELS[low // 20], _BAND_LABELS[high // 20 - 1]
    return first if first == last else f"{first} tot {last}"


def _classes() -> List[Tuple[int, int, str]]:
    bands = [(lo, hi) for lo in range(0, 100, 20) for hi in range(lo + 20, 101, 20)
             if hi - lo <= 60]
    bands.sort(key=lambda b: ((b[0] + b[1]) / 2, b[1] - b[0]))
    return [(lo, hi, f"{lo:02d}-{hi} {_label(lo, hi)}") for lo, hi in bands]


#: Every class, ordered from low to high income (by middle of the band, narrow first).
INCOME_CLASSES: Tuple[str, ...] = tuple(name for _, _, name in _classes())
_BY_BAND: Dict[Tuple[int, int], str] = {(lo, hi): name for lo, hi, name in _classes()}
_BY_LABEL: Dict[str, str] = {_label(lo, hi): name for lo, hi, name in _classes()}
_PATTERN = re.compile(r"^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})\s*%?\s*(.*?)\s*$")


def _normal_label(text: str) -> str:
    label = " ".join(text.lower().split())
    for old, new in _SYNONYMS:
        label = re.sub(rf"\b{old}\b", new, label)
    return label


def parse_income_class(text: str) -> Tuple[str, Optional[str]]:
    """``(canonical class, warning or None)`` for one CBS class text; ``BadValue`` if unknown."""
    match = _PATTERN.match(text)
    if match:
        band = (int(match.group(1)), int(match.group(2)))
        if band not in _BY_BAND:
            raise BadValue(text, f"onbekende inkomensklasse / unknown income class: {text!r}")
        name = _BY_BAND[band]
        given = _normal_label(match.group(3))
        if given and given != name.split(" ", 1)[1]:
            return name, f"klasse {text!r} gelezen als / read as {name!r}"
        return name, None
    label = _normal_label(text)
    if label in _BY_LABEL:
        return _BY_LABEL[label], None
    raise BadValue(text, f"onbekende inkomensklasse / unknown income class: {text!r}")


def decode_income_classes(series: pd.Series) -> Tuple[pd.Series, pd.Series, List[str]]:
    """``(ordered Categorical, status, warnings)`` for a column of class texts.

    Missing markers and CBS special codes (also as text) become NaN with their
    status; "onclassificeerbaar" is not available.
    """
    categories = pd.CategoricalDtype(INCOME_CLASSES, ordered=True)
    texts = series.astype(object).where(series.notna(), "").astype(str).str.strip()
    decoded: Dict[str, Tuple[Optional[str], str]] = {}
    warnings: List[str] = []
    for text in pd.unique(texts):  # a few dozen distinct texts, even nationally
        decoded[text] = _decode_one(text, warnings)
    values = texts.map(lambda t: decoded[t][0])
    status = texts.map(lambda t: decoded[t][1])
    return (
        pd.Series(pd.Categorical(values, dtype=categories), index=series.index, name=series.name),
        pd.Series(status.to_numpy(dtype=object), index=series.index, name=series.name),
        warnings,
    )


def _decode_one(text: str, warnings: List[str]) -> Tuple[Optional[str], str]:
    code = _special_code(text)
    if code is not None:
        return None, SPECIAL_CODES.get(code, Status.CBS_NOT_AVAILABLE).value
    if text.lower() in MISSING_TEXT or text.lower() in UNCLASSIFIABLE:
        return None, Status.CBS_NOT_AVAILABLE.value
    name, warning = parse_income_class(text)
    if warning and warning not in warnings:
        warnings.append(warning)
    return name, Status.PUBLISHED.value


def _special_code(text: str) -> Optional[int]:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number <= NOT_PUBLISHED_BELOW else None
