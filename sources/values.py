"""Cell values as municipal systems export them: ja/nee, true/false, 0/1, counts and amounts."""
from __future__ import annotations

from typing import Optional, Tuple

import pandas as pd

YES = frozenset({"ja", "j", "yes", "y", "true", "waar"})
NO = frozenset({"nee", "n", "no", "false", "onwaar"})
#: Text meaning "the source does not say" — not a number, and never zero.
UNKNOWN = frozenset({"onbekend", "unknown", "n.b.", "nb", "n.v.t.", "nvt", ".", "-", "?"})
#: Text meaning "hidden at the source because it is small".
SECRET = frozenset({"geheim", "secret", "<5", "< 5", "afgeschermd"})


def parse_cell(value: object) -> Tuple[Optional[float], Optional[str]]:
    """``(number, problem)``: ja/nee → 1/0, decimal comma accepted; problem is a kind word.

    Problems: ``"empty"``, ``"unknown"``, ``"secret"``, ``"text"`` (not a number).
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None, "empty"
    if isinstance(value, bool):
        return float(value), None
    if isinstance(value, (int, float)):
        return float(value), None
    text = str(value).strip().lower()
    if text == "":
        return None, "empty"
    if text in YES:
        return 1.0, None
    if text in NO:
        return 0.0, None
    if text in UNKNOWN:
        return None, "unknown"
    if text in SECRET:
        return None, "secret"
    cleaned = text.replace("€", "").replace(" ", "")
    if "," in cleaned:
        # Dutch notation: 1.234,56 — dots group thousands, the comma is the decimal mark.
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return float(cleaned), None
    except ValueError:
        return None, "text"
