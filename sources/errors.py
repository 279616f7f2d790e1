"""One clear exception for every source file that cannot be read."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union


class SourceError(Exception):
    """A source file cannot be read as the kind of source it was given as.

    Carries the file, and where known the row (as the user sees it in the file:
    the header is row 1) and the column, with a message in Dutch and English.
    """

    def __init__(
        self,
        path: Union[str, Path, None],
        message_nl: str,
        message_en: str,
        *,
        row: Optional[int] = None,
        column: Optional[str] = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.row = row
        self.column = column
        self.message_nl = message_nl
        self.message_en = message_en
        super().__init__(self._compose())

    def _compose(self) -> str:
        where_nl, where_en = [], []
        if self.row is not None:
            where_nl.append(f"rij {self.row}")
            where_en.append(f"row {self.row}")
        if self.column is not None:
            where_nl.append(f"kolom '{self.column}'")
            where_en.append(f"column '{self.column}'")
        name = str(self.path) if self.path is not None else "?"
        nl = f"{name}" + (f" ({', '.join(where_nl)})" if where_nl else "") + f": {self.message_nl}"
        en = f"{name}" + (f" ({', '.join(where_en)})" if where_en else "") + f": {self.message_en}"
        return f"{nl}\n{en}"


def require_file(path: Union[str, Path]) -> Path:
    """The path as a ``Path``, or a ``SourceError`` when it is no readable, non-empty file."""
    p = Path(path)
    if not p.exists():
        raise SourceError(p, "bestand bestaat niet.", "file does not exist.")
    if p.is_dir() and p.suffix.lower() != ".gdb":
        raise SourceError(p, "dit is een map, geen bestand.", "this is a folder, not a file.")
    if p.is_file() and p.stat().st_size == 0:
        raise SourceError(p, "bestand is leeg.", "file is empty.")
    return p
