"""The release catalogue: which household counts a release holds.

Each statistic counts *households*. ``denominator`` counts all households; ``single``
counts households where one characteristic is present (column > 0); ``or`` counts
households with one or more of several characteristics. A characteristic may itself be a
household-level conjunction written ``a&b`` ("household with children and a low
income"): it is one characteristic of one household, never an AND of two published
statistics. A catalogue may be extended by a preset; statistics are referenced by id.

For the audit, columns that appear together in a statistic form a *group*: the attacker
reasons about the households of a postcode per pattern of the group's columns (atoms).
"""
from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_CATALOGUE = Path(__file__).with_name("catalogue_default.json")
KINDS = ("denominator", "single", "or")
MAX_GROUP_COLUMNS = 6  # 64 atoms per postcode: beyond that the exact audit gets slow
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class CatalogueError(ValueError):
    """The catalogue is malformed (unknown kind, missing column, duplicate id...)."""


@dataclass(frozen=True)
class Statistic:
    """One count of households. ``terms`` is an OR of ANDs of columns."""

    id: str
    kind: str
    terms: tuple[tuple[str, ...], ...]
    denominator: str | None
    entry: tuple[tuple[str, Any], ...]  # the catalogue entry as given, for the metadata

    @property
    def columns(self) -> frozenset[str]:
        return frozenset(c for term in self.terms for c in term)


@dataclass(frozen=True)
class Group:
    """Columns linked by statistics; atoms are the 2**k patterns over them."""

    index: int
    columns: tuple[str, ...]
    statistics: tuple[str, ...]

    @cached_property
    def patterns(self) -> np.ndarray:
        """(2**k, k) bool: bit j of atom a is column j present."""
        k = len(self.columns)
        atoms = np.arange(2**k)[:, None]
        return ((atoms >> np.arange(k)[None, :]) & 1).astype(bool)

    def holds(self, terms: tuple[tuple[str, ...], ...]) -> np.ndarray:
        """Bool per atom: the household pattern satisfies one or more of ``terms``."""
        pos = {c: j for j, c in enumerate(self.columns)}
        out = np.zeros(len(self.patterns), dtype=bool)
        for term in terms:
            out |= self.patterns[:, [pos[c] for c in term]].all(axis=1)
        return out


@dataclass(frozen=True)
class AndCell:
    """A never-published intersection of two or more terms of an OR statistic."""

    id: str
    statistic: str
    terms: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Catalogue:
    name: str
    statistics: tuple[Statistic, ...]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.statistics]

    def __getitem__(self, stat_id: str) -> Statistic:
        for stat in self.statistics:
            if stat.id == stat_id:
                return stat
        raise KeyError(stat_id)

    @property
    def denominator(self) -> Statistic:
        return next(s for s in self.statistics if s.kind == "denominator")

    @property
    def columns(self) -> list[str]:
        return sorted({c for s in self.statistics for c in s.columns})

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        return _groups(self.statistics)

    def group_of(self, stat_id: str) -> Group:
        return next(g for g in self.groups if stat_id in g.statistics)

    @cached_property
    def and_cells(self) -> tuple[AndCell, ...]:
        """Every intersection of >= 2 terms of every OR statistic (the inclusion-exclusion
        cells an attacker could try to derive)."""
        out = []
        for stat in self.statistics:
            if stat.kind != "or":
                continue
            for r in range(2, len(stat.terms) + 1):
                for combo in itertools.combinations(stat.terms, r):
                    merged = tuple(sorted({c for term in combo for c in term}))
                    label = "+".join("&".join(t) for t in combo)
                    out.append(AndCell(f"{stat.id}[{label}]", stat.id, (merged,)))
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "statistics": [dict(s.entry) for s in self.statistics]}

    def extended(self, entries: list[dict[str, Any]]) -> "Catalogue":
        """This catalogue plus entries (e.g. from a preset); ids must stay unique."""
        return catalogue_from_dict(
            {"name": self.name, "statistics": self.to_json()["statistics"] + list(entries)})


def _terms(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, str) or not raw:
        raise CatalogueError(f"{where}: a column must be a non-empty string")
    parts = tuple(sorted(raw.split("&")))
    for part in parts:
        if not _NAME.match(part):
            raise CatalogueError(f"{where}: {part!r} is not a column name")
    return parts


def _statistic(entry: dict[str, Any]) -> Statistic:
    if not isinstance(entry, dict) or "id" not in entry or "kind" not in entry:
        raise CatalogueError(f"entry {entry!r} needs 'id' and 'kind'")
    sid, kind = entry["id"], entry["kind"]
    if not isinstance(sid, str) or not _NAME.match(sid) or "__" in sid:
        raise CatalogueError(f"{sid!r} is not a valid statistic id")
    if kind not in KINDS:
        raise CatalogueError(f"{sid}: kind {kind!r} not in {KINDS}")
    if kind == "denominator":
        terms: tuple[tuple[str, ...], ...] = ()
    elif kind == "single":
        terms = (_terms(entry.get("column"), sid),)
    else:
        cols = entry.get("columns")
        if not isinstance(cols, list) or len(cols) < 2:
            raise CatalogueError(f"{sid}: an 'or' statistic needs two or more columns")
        terms = tuple(sorted({_terms(c, sid) for c in cols}))
        if len(terms) < 2:
            raise CatalogueError(f"{sid}: duplicate columns")
    denominator = None if kind == "denominator" else entry.get("denominator")
    entry_items = tuple((k, entry[k]) for k in entry)
    return Statistic(sid, kind, terms, denominator, entry_items)


def catalogue_from_dict(data: dict[str, Any]) -> Catalogue:
    """Validate a catalogue given as a dict (the JSON structure)."""
    entries = data.get("statistics")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError("a catalogue needs a non-empty 'statistics' list")
    stats = tuple(_statistic(e) for e in entries)
    ids = [s.id for s in stats]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise CatalogueError(f"duplicate statistic ids {dupes}")
    dens = [s for s in stats if s.kind == "denominator"]
    if len(dens) != 1:
        raise CatalogueError("a catalogue has exactly one 'denominator' statistic (households)")
    for stat in stats:
        if stat.kind != "denominator" and stat.denominator not in (None, dens[0].id):
            raise CatalogueError(f"{stat.id}: denominator must be {dens[0].id!r}")
    catalogue = Catalogue(str(data.get("name", "catalogue")), stats)
    big = [g.columns for g in catalogue.groups if len(g.columns) > MAX_GROUP_COLUMNS]
    if big:
        raise CatalogueError(f"column groups too large for the exact audit: {big}")
    return catalogue


def load_catalogue(source: str | Path | dict[str, Any] | None = None) -> Catalogue:
    """Load and validate a catalogue: a path to JSON, a dict, or None for the default."""
    if isinstance(source, dict):
        return catalogue_from_dict(source)
    path = Path(source) if source is not None else DEFAULT_CATALOGUE
    with open(path, encoding="utf-8") as handle:
        return catalogue_from_dict(json.load(handle))


def _groups(stats: tuple[Statistic, ...]) -> tuple[Group, ...]:
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for stat in stats:
        cols = sorted(stat.columns)
        for col in cols[1:]:
            parent[find(col)] = find(cols[0])
        if cols:
            find(cols[0])
    members: dict[str, list[str]] = {}
    for col in sorted(parent):
        members.setdefault(find(col), []).append(col)
    ordered = sorted(members.values())
    out = []
    for i, cols in enumerate(ordered):
        names = tuple(s.id for s in stats if s.columns and s.columns <= set(cols))
        out.append(Group(i, tuple(cols), names))
    return tuple(out)
