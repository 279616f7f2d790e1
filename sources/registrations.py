"""Reader for municipal registrations: per-postcode-6 counts, or one row per household/person.

The file is the municipality's own export (CSV or XLSX). Postcodes are
normalised and checked; every row that cannot be used is reported with its row
number as the user sees it in the file, the column and the reason, and left out.
The file itself is only read, never changed. This is raw, sensitive data: it is
meant for the release builder only, never for the map.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

from ..indicators.status import Status
from .aliases import squash
from .errors import SourceError
from .file_names import year_from_name
from .postcodes import normalise_postcodes, postcode6_problems
from .tabular import read_table
from .values import parse_cell

POSTCODE_NAMES = ("postcode", "postcode6", "pc6", "postcodezescijferig")
YEAR_NAMES = ("jaar", "peiljaar", "year")
ID_NAMES = ("huishouden_id", "huishoudenid", "persoon_id", "persoonid", "pseudoniem", "id")
SHAPES = ("counts", "microdata")


@dataclass
class RowIssue:
    """One row that could not be used as it is, and why (Dutch / English)."""

    row: int  # as the user sees it in the file: the header is row 1
    column: Optional[str]
    reason: str


@dataclass
class RegistrationResult:
    """A registrations file, read: usable rows, and a report of the rest."""

    frame: pd.DataFrame  # counts: index postcode6; microdata: index = file row
    shape: str  # counts or microdata
    path: Path
    year: Optional[int]
    status: Optional[pd.DataFrame] = None  # counts shape: Status per cell
    issues: List[RowIssue] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    encoding: str = ""


def _find(columns: List[str], names) -> Optional[str]:
    wanted = {squash(n) for n in names}
    return next((c for c in columns if squash(c) in wanted), None)


def read_registrations(
    path: Union[str, Path],
    *,
    shape: str = "auto",
    year: Optional[int] = None,
    sheet: Optional[str] = None,
) -> RegistrationResult:
    """Read a registrations CSV/XLSX in the ``counts`` or ``microdata`` shape (``auto`` detects).

    Raises ``SourceError`` when the file cannot be read or lacks a postcode (or,
    for microdata, an id) column; row-level problems go to ``issues``.
    """
    if shape not in SHAPES + ("auto",):
        raise ValueError(f"shape must be one of {SHAPES + ('auto',)}, not {shape!r}")
    table = read_table(path, sheet=sheet)
    p = Path(path)
    raw = table.frame
    columns = list(raw.columns)
    postcode_col = _find(columns, POSTCODE_NAMES)
    if postcode_col is None:
        raise SourceError(p, "kolom 'postcode' ontbreekt (gevonden: " + ", ".join(columns) + ").",
                          "column 'postcode' is missing (found: " + ", ".join(columns) + ").",
                          row=1, column="postcode")
    id_col = _find(columns, ID_NAMES)
    year_col = _find(columns, YEAR_NAMES)
    if shape == "auto":
        shape = "microdata" if id_col is not None else "counts"
    if shape == "microdata" and id_col is None:
        raise SourceError(p, "kolom met een (pseudoniem) id ontbreekt, bijv. 'huishouden_id'.",
                          "a (pseudonymous) id column is missing, e.g. 'huishouden_id'.",
                          row=1, column="huishouden_id")
    issues: List[RowIssue] = []
    codes = normalise_postcodes(raw[postcode_col])
    problems = postcode6_problems(codes)
    if problems.notna().all():
        raise SourceError(p, "geen enkele geldige postcode in deze kolom.",
                          "not a single valid postcode in this column.", column=postcode_col)
    for row, reason in problems.dropna().items():
        issues.append(RowIssue(int(row), postcode_col, reason))
    keep = problems.isna().to_numpy()
    raw, codes = raw.loc[keep], codes[keep]
    others = [c for c in columns if c not in (postcode_col, id_col, year_col)]
    year = year if year is not None else year_from_name(p)
    if year is None and year_col is not None:
        years = pd.to_numeric(raw[year_col], errors="coerce").dropna().unique()
        year = int(years[0]) if len(years) == 1 else None
    if shape == "counts":
        frame, status = _counts(raw, codes, postcode_col, others, issues)
        result = RegistrationResult(frame, shape, p, year, status)
    else:
        frame = _microdata(raw, codes, id_col, year_col, year, others, issues)
        result = RegistrationResult(frame, shape, p, year)
    result.issues = sorted(issues, key=lambda i: (i.row, i.column or ""))
    result.warnings = table.warnings
    result.encoding = table.encoding
    return result


_PROBLEMS = {  # problem kind → (status, reason reported per row, or None)
    None: (Status.PUBLISHED.value, None),
    "empty": (Status.NO_DATA.value, None),
    "unknown": (Status.NO_DATA.value, None),
    "secret": (Status.PRIMARY_SUPPRESSED.value, None),
    "text": (Status.NO_DATA.value, "geen getal / not a number"),
    "negative": (Status.NO_DATA.value, "negatief aantal / negative count"),
}


#: In microdata a hidden value is a problem of the row, not a published status.
_MICRODATA_PROBLEMS = {
    **_PROBLEMS, "secret": (Status.NO_DATA.value, "geheim in brongegevens / secret in source"),
}


def _parse_cell(cell: object) -> Tuple[float, Optional[str]]:
    number, problem = parse_cell(cell)
    if problem is None and number < 0:
        return np.nan, "negative"
    return (np.nan if number is None else number), problem


def _parse_column(series: pd.Series, column: str, issues: List[RowIssue], counts: bool):
    # Registrations repeat a handful of texts (0, 1, ja, nee) over many rows: parse each once.
    keys = series.map(lambda c: None if isinstance(c, float) and c != c else c)
    firsts = keys.drop_duplicates()
    parsed = {key: _parse_cell(series[row]) for row, key in firsts.items()}
    values = keys.map(lambda k: parsed[k][0]).to_numpy(dtype=float)
    problems = keys.map(lambda k: parsed[k][1])
    table = _PROBLEMS if counts else _MICRODATA_PROBLEMS
    status = problems.map(lambda k: table[k][0]).to_numpy(dtype=object)
    for row, problem in problems[problems.notna()].items():
        reason = table[problem][1]
        if reason is not None:
            issues.append(RowIssue(int(row), column, reason))
    values[status != Status.PUBLISHED.value] = np.nan
    return values, status


def _counts(raw, codes, postcode_col, others, issues):
    duplicated = codes.duplicated(keep="first")
    first_row = {code: row for row, code in codes[~duplicated].items()}
    for row, code in codes[duplicated].items():
        first = first_row[code]
        reason = f"postcode dubbel (eerst rij {first}) / duplicate postcode (first row {first})"
        issues.append(RowIssue(int(row), postcode_col, reason))
    raw, codes = raw.loc[~duplicated.to_numpy()], codes[~duplicated]
    values: Dict[str, np.ndarray] = {}
    status: Dict[str, np.ndarray] = {}
    for column in others:
        values[column], status[column] = _parse_column(raw[column], column, issues, counts=True)
    index = pd.Index(codes.to_numpy(dtype=object), name="postcode6")
    return pd.DataFrame(values, index=index), pd.DataFrame(status, index=index)


def _microdata(raw, codes, id_col, year_col, year, others, issues):
    out = pd.DataFrame(index=raw.index)
    out["postcode6"] = codes.to_numpy(dtype=object)
    ids = raw[id_col].map(lambda v: None if v is None else str(v).strip())
    for row in ids.index[ids.isna()]:
        issues.append(RowIssue(int(row), id_col, "id ontbreekt / id missing"))
    id_name = "persoon_id" if squash(id_col) == "persoonid" else "huishouden_id"
    out[id_name] = ids
    out["jaar"] = _years(raw, year_col, year, issues)
    dupes = out[ids.notna()].duplicated(subset=[id_name, "jaar"], keep="first")
    for row in dupes.index[dupes.to_numpy()]:
        issues.append(RowIssue(int(row), id_col, "id komt dubbel voor in hetzelfde jaar / "
                                                 "duplicate id within the same year"))
    for column in others:
        values, _ = _parse_column(raw[column], column, issues, counts=False)
        whole = np.isnan(values) | (values == np.round(values))
        out[column] = pd.array(values, dtype="Int64") if whole.all() else values
    drop = ids.isna().to_numpy() | dupes.reindex(out.index, fill_value=False).to_numpy()
    return out.loc[~drop]


def _years(raw, year_col, year, issues) -> pd.Series:
    if year_col is None:
        return pd.Series(year, index=raw.index, dtype="Int64")
    parsed = pd.to_numeric(raw[year_col].astype("string").str.strip(), errors="coerce")
    for row in parsed.index[parsed.isna()]:
        issues.append(RowIssue(int(row), year_col, "jaar ontbreekt of is geen getal / "
                                                   "year missing or not a number"))
    return parsed.round().astype("Int64")
