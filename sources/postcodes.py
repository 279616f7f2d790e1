"""Dutch postcodes: normalising what people type, and checking it is a real postcode shape."""
from __future__ import annotations

import re
from typing import Optional

import numpy as np
import pandas as pd

#: Letter pairs the postal service never issues (and CBS leaves out).
EXCLUDED_LETTERS = frozenset({"SA", "SD", "SS"})
_PC6 = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
_PC4 = re.compile(r"^[1-9][0-9]{3}$")


def normalise_postcodes(values: pd.Series) -> pd.Series:
    """``"1234 ab"``, ``"1234AB "``, ``"1234-AB"`` → ``"1234AB"``; missing stays missing."""
    text = values.astype("string").str.upper()
    return text.str.replace(r"[\s\-._]", "", regex=True)


def postcode6_problem(code: Optional[str]) -> Optional[str]:
    """Why a normalised postcode-6 is invalid (Dutch / English), or ``None`` when valid."""
    if code is None or code is pd.NA or (isinstance(code, float) and np.isnan(code)) or code == "":
        return "postcode ontbreekt / postcode missing"
    if not _PC6.match(code):
        return f"ongeldige postcode '{code}' (verwacht 4 cijfers, niet met 0, en 2 letters) / " \
               f"invalid postcode '{code}' (expected 4 digits, not starting with 0, and 2 letters)"
    if code[4:] in EXCLUDED_LETTERS:
        return f"postcode '{code}': lettercombinatie {code[4:]} bestaat niet / " \
               f"postcode '{code}': letters {code[4:]} are never issued"
    return None


def postcode6_problems(codes: pd.Series) -> pd.Series:
    """Per normalised postcode: the reason it is invalid, or ``None``."""
    text = codes.astype("string").fillna("")
    valid = text.str.match(_PC6.pattern) & ~text.str[4:].isin(EXCLUDED_LETTERS)
    out = pd.Series([None] * len(codes), index=codes.index, dtype=object)
    bad = ~valid.fillna(False).astype(bool)
    out[bad] = [postcode6_problem(c) for c in text[bad].tolist()]
    return out


def normalise_postcode4(values: pd.Series) -> pd.Series:
    """Postcode-4 as a 4-character string (numbers such as ``1234.0`` or ``1234`` accepted)."""
    if pd.api.types.is_numeric_dtype(values):
        return values.map(lambda v: None if pd.isna(v) else str(int(v))).astype("string")
    return values.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)


def is_postcode4(codes: pd.Series) -> pd.Series:
    """True for a 4-digit postcode-4 that does not start with 0."""
    return codes.astype("string").fillna("").str.match(_PC4.pattern).astype(bool)
