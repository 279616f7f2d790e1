"""Reading a CSV or XLSX table as the user sees it: text cells, indexed by row number.

Detects the encoding (UTF-8 with or without BOM, Windows-1252, and files where
lines of both are mixed), the delimiter (semicolon, comma, tab) and keeps the
row numbers as the user sees them (header = row 1), so every problem can be
reported at its row. Files are opened read-only and never changed.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Union

import pandas as pd

from .errors import SourceError, require_file

DELIMITERS = (";", ",", "\t", "|")


@dataclass
class Table:
    """Cells as text (``None`` when empty), index = row number in the file (header = 1)."""

    frame: pd.DataFrame
    encoding: str
    delimiter: Optional[str]
    warnings: List[str] = field(default_factory=list)


def read_table(path: Union[str, Path], sheet: Optional[str] = None) -> Table:
    """A CSV (``.csv``/``.txt``) or Excel (``.xlsx``) table; ``SourceError`` when unreadable."""
    p = require_file(path)
    if p.suffix.lower() in (".xlsx", ".xlsm") or zipfile.is_zipfile(p):
        return _read_xlsx(p, sheet)
    return _read_csv(p)


def _decode(path: Path, data: bytes, warnings: List[str]) -> tuple:
    if b"\x00" in data[:4096]:
        raise SourceError(path, "binair bestand, geen tekst (CSV) of Excel.",
                          "binary file, not text (CSV) or Excel.")
    if data.startswith(b"\xef\xbb\xbf"):
        data, label = data[3:], "utf-8-sig"
    else:
        label = "utf-8"
    lines = data.split(b"\n")
    kinds = set()
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            if any(b > 127 for b in line):
                kinds.add("utf-8")
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
            kinds.add("cp1252")
    if kinds == {"cp1252"}:
        label = "cp1252"
    elif len(kinds) == 2:
        label = "mixed"
        warnings.append("gemengde tekenset (UTF-8 en Windows-1252), per regel gelezen / "
                        "mixed encodings (UTF-8 and Windows-1252), read line by line")
    return "\n".join(out), label


def _sniff(path: Path, header: str) -> str:
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise SourceError(path, "geen scheidingsteken gevonden in de kopregel (verwacht ; of ,).",
                          "no delimiter found in the header row (expected ; or ,).", row=1)
    return best


def _read_csv(path: Path) -> Table:
    warnings: List[str] = []
    with open(path, "rb") as handle:
        data = handle.read()
    text, encoding = _decode(path, data, warnings)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise SourceError(path, "bestand bevat alleen witruimte.", "file holds only whitespace.")
    delimiter = _sniff(path, first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: List[list] = []
    numbers: List[int] = []
    try:
        for row in reader:
            rows.append(row)
            numbers.append(reader.line_num)
    except csv.Error as exc:
        raise SourceError(path, f"CSV kan niet gelezen worden: {exc}",
                          f"CSV cannot be parsed: {exc}", row=reader.line_num) from exc
    return Table(_to_frame(path, rows, numbers), encoding, delimiter, warnings)


def _to_frame(path: Path, rows: List[list], numbers: List[int]) -> pd.DataFrame:
    pairs = [(n, r) for n, r in zip(numbers, rows) if any(_filled(c) for c in r)]
    if not pairs:
        raise SourceError(path, "bestand bevat geen rijen.", "file holds no rows.")
    header_row, header = pairs[0]
    names = [str(c).strip().lstrip("\ufeff") if c is not None else "" for c in header]
    while names and names[-1] == "":
        names.pop()
    for position, name in enumerate(names):
        if name == "":
            raise SourceError(path, f"kolom {position + 1} heeft geen naam.",
                              f"column {position + 1} has no name.", row=header_row)
        if name in names[:position]:
            raise SourceError(path, "kolomnaam komt twee keer voor.", "column name appears twice.",
                              row=header_row, column=name)
    body, index = [], []
    for number, row in pairs[1:]:
        cells = [None if c is None or str(c).strip() == "" else c for c in row]
        extra = [c for c in cells[len(names):] if c is not None]
        if extra:
            raise SourceError(path, f"rij heeft meer velden ({len(cells)}) dan de kopregel "
                              f"({len(names)}); verkeerd scheidingsteken?",
                              f"row has more fields ({len(cells)}) than the header "
                              f"({len(names)}); wrong delimiter?", row=number)
        body.append(cells[: len(names)] + [None] * (len(names) - len(cells)))
        index.append(number)
    if not body:
        raise SourceError(path, "alleen een kopregel, geen gegevens.",
                          "header only, no data rows.", row=header_row)
    return pd.DataFrame(body, columns=names, index=pd.Index(index, name="rij"), dtype=object)


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _read_xlsx(path: Path, sheet: Optional[str]) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for broken files
        raise SourceError(path, f"Excel-bestand kan niet geopend worden: {exc}",
                          f"Excel file cannot be opened: {exc}") from exc
    try:
        if not book.sheetnames:
            raise SourceError(path, "Excel-bestand bevat geen werkblad.",
                              "Excel file holds no worksheet.")
        if sheet is not None and sheet not in book.sheetnames:
            raise SourceError(path, f"werkblad '{sheet}' ontbreekt.",
                              f"worksheet '{sheet}' is missing.")
        rows = [list(r) for r in book[sheet or book.sheetnames[0]].iter_rows(values_only=True)]
    except SourceError:
        raise
    except Exception as exc:
        raise SourceError(path, f"Excel-bestand kan niet gelezen worden: {exc}",
                          f"Excel file cannot be read: {exc}") from exc
    finally:
        book.close()
    return Table(_to_frame(path, rows, list(range(1, len(rows) + 1))), "xlsx", None)
