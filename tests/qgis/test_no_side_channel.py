"""No number a person can see on the map side is missing from the release or public data.

A small demo municipality gets two real protected releases (``build_release``, exact
audit). The schulden question then runs as the panel runs it: ``GenerateTask`` for every
release year, ``ResultSession.show`` for the map, ``ResultSession.describe`` for identify
and ``ResultSession.export_praatplaat`` for the PDF. Every number on those surfaces must be
a published value, derived from published values only (percentages, scores, ranks, class
bounds, key figures) or public (CBS files, years, postcodes, threshold, scale bar).

The raw registrations are read here only to know the hidden true values to look for: a
suppressed cell's count or percentage, and the raw total of an area the release hides.
"""
from __future__ import annotations

import dataclasses
import datetime
import html
import logging
import re
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QVariant
from scipy.stats import rankdata

from ruimtelijke_kijk.analyst.release_files import cbs_households
from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.demo.sizes import SizeSpec, TownSpec
from ruimtelijke_kijk.dialogs.generate_task import GenerateTask
from ruimtelijke_kijk.dialogs.session import ResultSession
from ruimtelijke_kijk.layers.classification import class_bounds
from ruimtelijke_kijk.layers.question_job import preset_display
from ruimtelijke_kijk.layers.status_classes import status_label
from ruimtelijke_kijk.presets.library import builtin_presets
from ruimtelijke_kijk.privacy.builder import build_release
from ruimtelijke_kijk.privacy.release_io import LEVELS, read_release
from ruimtelijke_kijk.sources.hierarchy import load_hierarchy
from ruimtelijke_kijk.sources.postcodes import normalise_postcodes
from ruimtelijke_kijk.sources.registrations import read_registrations
from ruimtelijke_kijk.workspace.pipeline import build_question
from ruimtelijke_kijk.workspace.praatplaat_content import praatplaat_content
from ruimtelijke_kijk.workspace.source_set import scan_folder

PRESET = "schulden"
YEARS = (2023, 2024)
THRESHOLD = 5
TOWN = SizeSpec("side-channel", (TownSpec(postcodes=30, pc4_groups=2, wijken=2, buurten=4,
                                          households_per_postcode=40.0, lake=False),))
DEBT = ["budgetbeheer", "schuldhulp_aanmelding", "huurachterstand"]
CATALOGUE = {"name": "schulden", "version": 1, "statistics": [
    {"id": "huishoudens", "kind": "denominator"},
    *[{"id": c, "kind": "single", "column": c, "denominator": "huishoudens"} for c in DEBT],
    {"id": "schulden", "kind": "or", "columns": DEBT, "denominator": "huishoudens"},
    {"id": "laag_inkomen", "kind": "single", "column": "laag_inkomen",
     "denominator": "huishoudens"},
    {"id": "uitkering_onder_aow", "kind": "single", "column": "uitkering_onder_aow",
     "denominator": "huishoudens"},
]}
# Layer field → (release statistic, denominator statistic for a percentage, or None).
RELEASE_FIELDS = {
    "laag_inkomen": ("laag_inkomen", "huishoudens"),
    "uitkering": ("uitkering_onder_aow", "huishoudens"),
    "budgetbeheer": ("budgetbeheer", "huishoudens"),
    "schuldhulp": ("schuldhulp_aanmelding", "huishoudens"),
    "huurachterstand": ("huurachterstand", "huishoudens"),
    "or_schulden": ("schulden", None),
    "or_schulden_pct": ("schulden", "huishoudens"),
}
SCORE = "schuldenscore"
SHOWN = ("published", "perturbed")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
POSTCODE = re.compile(r"\b\d{4} ?[A-Z]{2}\b")


# ---------------------------------------------------------------------------------------
# What is true (raw), what is published (release), what is public (CBS and the product).


@dataclass
class Truth:
    """The raw registrations of one year, counted: what the release must not give away."""

    postcode6: pd.DataFrame  # true households and counts per statistic, index postcode6
    areas: Dict[str, pd.DataFrame]  # the same per area level, index area code


def _true_counts(path: Path, year: int, hierarchy: pd.DataFrame) -> Truth:
    frame = read_registrations(path, shape="microdata", year=year).frame
    frame = frame[frame["postcode6"].isin(hierarchy.index)]
    flags = frame[DEBT + ["laag_inkomen", "uitkering_onder_aow"]].astype(float).fillna(0) > 0
    table = flags.astype(int)
    table["schulden"] = flags[DEBT].any(axis=1).astype(int)
    table["huishoudens"] = 1
    table["postcode6"] = frame["postcode6"].to_numpy()
    pc6 = table.groupby("postcode6").sum().reindex(hierarchy.index, fill_value=0)
    areas = {"postcode6": pc6}
    joined = pc6.join(hierarchy)
    for level, column in (("postcode4", "postcode4"), ("buurt", "buurtcode"),
                          ("wijk", "wijkcode"), ("gemeente", "gemeentecode")):
        areas[level] = joined.groupby(column)[list(pc6.columns)].sum()
    return Truth(pc6, areas)


def _force_a_complement(path: Path) -> str:
    """Gives all but two households of the largest postcode a low income (a poor street),
    so the release must hide that count by the complement rule. Returns the postcode."""
    raw = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    codes = normalise_postcodes(raw["postcode"])
    largest = codes.value_counts().index[0]
    rows = raw.index[(codes == largest).to_numpy()]
    raw.loc[rows[2:], "laag_inkomen"] = "ja"
    raw.loc[rows[:2], "laag_inkomen"] = "nee"
    raw.to_csv(path, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return str(largest)


def _format(value: float, decimals: int) -> float:
    """``value`` as it reads when printed with ``decimals`` decimals."""
    return float(f"{value:.{decimals}f}")


def _numbers(text: str) -> List[float]:
    """The numbers a reader sees in ``text`` ("12,5" and "12.5" both read 12.5)."""
    return [float(n.replace(" ", "").replace(",", ".")) if n.count(",") + n.count(".") <= 1
            else float(re.sub(r"[.,]", "", n)) for n in NUMBER.findall(text)]


def _is_null(value) -> bool:
    return value is None or (isinstance(value, QVariant) and value.isNull()) or (
        isinstance(value, float) and np.isnan(value))


@dataclass
class Known:
    """Everything the checks need: expected shown values, hidden truths, public numbers."""

    threshold: int
    expected: Dict[int, pd.DataFrame]  # year → per measure field: value, NaN when hidden
    public_fields: Dict[int, pd.DataFrame]  # year → the public-only run's frame
    releases: Dict[int, object]
    truth: Dict[int, Truth]
    hierarchy: pd.DataFrame
    cbs_fid: Dict[int, Dict[str, int]]  # year → postcode6 → feature id in the CBS file
    public_numbers: set = field(default_factory=set)
    public_tokens: List[str] = field(default_factory=list)  # file names, fingerprints
    hidden: Dict[int, Dict[str, Dict[str, float]]] = field(default_factory=dict)
    hidden_areas: Dict[float, List[str]] = field(default_factory=dict)

    # -- hidden values, by postcode and as loose numbers -------------------------------

    def hidden_at(self, year: int, postcode: str) -> Dict[str, float]:
        """Measure field → the true value the release hides at ``postcode``."""
        return self.hidden.get(year, {}).get(postcode, {})

    def leak_reasons(self, number: float) -> List[str]:
        """What hidden quantity ``number`` equals, if any (for the failure message)."""
        reasons = []
        for year, by_pc in self.hidden.items():
            for postcode, fields in by_pc.items():
                for name, value in fields.items():
                    if number in (_format(value, 0), _format(value, 1)):
                        reasons.append(f"hidden {name} of {postcode} in {year}")
        return reasons + list(self.hidden_areas.get(number, []))


def _hidden(release, truth: Truth) -> Dict[str, Dict[str, float]]:
    """Per postcode, the true value of every layer field the release hides there."""
    wide = release.values("postcode6")
    out: Dict[str, Dict[str, float]] = {}
    for name, (stat, den) in RELEASE_FIELDS.items():
        for postcode in wide.index:
            shown = wide.at[postcode, f"{stat}__status"] in SHOWN and (
                den is None or wide.at[postcode, f"{den}__status"] in SHOWN)
            if shown:
                continue
            count = float(truth.postcode6.at[postcode, stat])
            if den is None:
                out.setdefault(postcode, {})[name] = count
            elif truth.postcode6.at[postcode, den] > 0:
                out.setdefault(postcode, {})[name] = \
                    100.0 * count / float(truth.postcode6.at[postcode, den])
    return out


def _hidden_area_totals(release, truth: Truth, year: int) -> Dict[float, List[str]]:
    """Raw totals of the areas above postcode-6 whose cell the release hides."""
    out: Dict[float, List[str]] = {}
    for level in LEVELS[1:]:
        wide = release.values(level)
        for stat in {s for s, _ in RELEASE_FIELDS.values()}:
            for code in wide.index:
                if wide.at[code, f"{stat}__status"] in SHOWN:
                    continue
                total = float(truth.areas[level].at[code, stat])
                out.setdefault(total, []).append(f"raw {stat} total of {level} {code} in {year}")
    return out


def _expected(release, public: pd.DataFrame, preset, fields: List[str]) -> pd.DataFrame:
    """The value each measure field may show per postcode, computed from published
    release cells and the public-only run alone; NaN where nothing may be shown."""
    wide = release.values("postcode6")
    out = pd.DataFrame(index=public.index)
    for name, (stat, den) in RELEASE_FIELDS.items():
        count = wide[stat].astype(float).reindex(out.index)
        shown = wide[f"{stat}__status"].reindex(out.index).isin(SHOWN)
        if den is None:
            out[name] = count.where(shown)
            continue
        base = wide[den].astype(float).reindex(out.index)
        shown &= wide[f"{den}__status"].reindex(out.index).isin(SHOWN) & (base > 0)
        out[name] = (100.0 * count / base).where(shown)
    for name in fields:
        if name not in out and name in public and name != SCORE \
                and not name.endswith("__status") and pd.api.types.is_numeric_dtype(public[name]):
            out[name] = public[name].where(public[f"{name}__status"].isin(SHOWN)) \
                if f"{name}__status" in public else public[name]
    spec = preset.recipe.score
    inputs = [m for m in spec.inputs if m in out]
    ranks = []
    for measure in inputs:
        values = out[measure].to_numpy(dtype=float)
        visible = ~np.isnan(values)
        rank = np.full(len(values), np.nan)
        worse = values if preset.recipe.measure(measure).risk_direction == "higher" else -values
        rank[visible] = rankdata(worse[visible], method="average") / visible.sum()
        ranks.append(rank)
    stacked = pd.DataFrame(np.column_stack(ranks), index=out.index)
    enough = stacked.notna().sum(axis=1) >= spec.min_inputs
    out[SCORE] = (100.0 * stacked.mean(axis=1, skipna=True)).where(enough)
    return out


# ---------------------------------------------------------------------------------------
# The checks. Each returns findings "surface | where | number: why"; none is a pass.


class Checker:
    def __init__(self, known: Known) -> None:
        self.known = known

    # -- the attribute table ----------------------------------------------------------

    def attributes(self, surface: str, year: int, rows: Dict[str, Dict[str, object]]
                   ) -> List[str]:
        known, found = self.known, []
        expected = known.expected[year]
        public = known.public_fields[year]
        for postcode, row in rows.items():
            where = f"{surface} | {year} {postcode}"
            if postcode not in expected.index:
                found.append(f"{where} | postcode not in the release or CBS file")
                continue
            hidden = known.hidden_at(year, postcode)
            for name, value in row.items():
                if name == "postcode6":
                    continue
                if name.endswith("__status"):
                    found += self._status(where, name, value, expected, public, postcode)
                    continue
                if name == "fid":
                    if value != known.cbs_fid[year].get(postcode):
                        found.append(f"{where} | fid {value}: not the CBS file's feature id")
                    continue
                if name in expected.columns:
                    want = expected.at[postcode, name]
                    if _is_null(value):
                        if not np.isnan(want):
                            found.append(f"{where} | {name} empty where {want} is published")
                        continue
                    if name in hidden and abs(float(value) - hidden[name]) < 1e-9:
                        found.append(f"{where} | {name} = {value}: the hidden true value")
                    elif np.isnan(want):
                        found.append(f"{where} | {name} = {value}: nothing may be shown here"
                                     + self._why(float(value), year, postcode))
                    elif abs(float(value) - want) > 1e-6:
                        found.append(f"{where} | {name} = {value}: the release explains "
                                     f"{want}" + self._why(float(value), year, postcode))
                elif name in public.columns:
                    want = public.at[postcode, name]
                    if not (_is_null(value) and pd.isna(want)) and value != want:
                        found.append(f"{where} | {name} = {value!r}: public data says "
                                     f"{want!r}")
                elif not _is_null(value):
                    found.append(f"{where} | {name} = {value!r}: a field nothing explains")
        return found

    def _status(self, where: str, name: str, value, expected: pd.DataFrame,
                public: pd.DataFrame, postcode: str) -> List[str]:
        """A status shows a value exactly where a value is expected; it is never a number."""
        measure = name[: -len("__status")]
        if NUMBER.search(str(value)):
            return [f"{where} | {name} = {value!r}: a status holding a number"]
        if measure in expected.columns:
            shows = str(value) in SHOWN
            if shows == bool(np.isnan(expected.at[postcode, measure])):
                return [f"{where} | {name} = {value}: expected "
                        f"{'hidden' if shows else 'shown'}"]
            return []
        if name in public.columns and value != public.at[postcode, name]:
            return [f"{where} | {name} = {value}: public data says {public.at[postcode, name]}"]
        return [] if name in public.columns else [f"{where} | {name}: a field nothing explains"]

    # -- identify ---------------------------------------------------------------------

    def identify(self, surface: str, postcode: str, text: str, labels: Dict[str, str]
                 ) -> List[str]:
        """Rows "label | value (rank r of n)" per year, or a status text without a value."""
        known, found = self.known, []
        by_label = {label: measure for measure, label in labels.items()}
        heading = re.search(r"<h3>(.*?)</h3>", text)
        if heading is None or html.unescape(heading.group(1)) != postcode:
            found.append(f"{surface} | {postcode} | heading is not the postcode")
        names = re.search(r"</h3><p>(.*?)</p>", text)
        if names is not None:
            for number in _numbers(re.sub(r"<[^>]+>", " ", html.unescape(names.group(1)))):
                if number not in known.public_numbers:
                    found.append(f"{surface} | {postcode} buurt/wijk | {number:g}: "
                                 "unexplained" + self._why(number))
        for year_text, table in re.findall(r"<p><b>(\d+)</b></p><table>(.*?)</table>", text):
            year = int(year_text)
            expected = known.expected[year]
            for label, cell in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table):
                measure = by_label.get(html.unescape(label))
                where = f"{surface} | {year} {postcode} {measure or html.unescape(label)}"
                shown_numbers = _numbers(html.unescape(cell))
                tokens = NUMBER.findall(html.unescape(cell))
                if measure not in expected.columns:
                    found.append(f"{where} | a row nothing explains")
                    continue
                want = expected.at[postcode, measure]
                if np.isnan(want):
                    # A status text ("fewer than <threshold> — not shown", "all but fewer than
                    # <threshold> — not shown", ...) and no other number.
                    extra = [n for n, t in zip(shown_numbers, tokens)
                             if t != str(known.threshold)]
                    hidden = known.hidden_at(year, postcode).get(measure)
                    if hidden is not None and _format(hidden, 1) in extra:
                        found.append(f"{where} | {_format(hidden, 1):g}: the hidden true value")
                    elif extra:
                        found.append(f"{where} | {extra}: a value where none is published"
                                     + self._why(extra[0], year, postcode))
                    continue
                shown = expected[measure].dropna()
                rank = int((shown > want).sum()) + 1
                if shown_numbers != [_format(want, 1), rank, len(shown)]:
                    found.append(f"{where} | {shown_numbers}: the release explains "
                                 f"{[_format(want, 1), rank, len(shown)]}")
        return found

    # -- the ranking table --------------------------------------------------------------

    def ranking(self, surface: str, year: int, measure: str, rows, decimals: int = 0
                ) -> List[str]:
        expected = self.known.expected[year][measure]
        found, previous = [], None
        for position, row in enumerate(rows, start=1):
            where = f"{surface} | {year} rank {row.rank} {row.area}"
            want = expected.get(row.area, np.nan)
            value = _numbers(row.value)
            if np.isnan(want):
                found.append(f"{where} | {row.value}: the release shows no {measure} here"
                             + self._why(value[0] if value else -1.0, year, row.area))
                continue
            if row.rank != str(position) or value != [_format(want, decimals)]:
                found.append(f"{where} | {row.value}: expected rank {position}, value "
                             f"{_format(want, decimals):g}")
            if previous is not None and want > previous:
                found.append(f"{where} | not in order of the published values")
            previous = want
        return found

    def pdf_ranking(self, surface: str, year: int, measure: str, text: str, decimals: int
                    ) -> List[str]:
        """A line of the PDF with a postcode ends in that postcode's published value."""
        expected, found = self.known.expected[year][measure], []
        for line in text.splitlines():
            for match in re.finditer(r"(\d{4}[A-Z]{2})\b(.*?)(\d+(?:,\d+)?)\s*%?\s*$", line):
                postcode, value = match.group(1), float(match.group(3).replace(",", "."))
                want = expected.get(postcode, np.nan)
                if np.isnan(want):
                    found.append(f"{surface} | {postcode} | {value:g}: the release shows no "
                                 f"{measure} here" + self._why(value, year, postcode))
                elif value != _format(want, decimals):
                    found.append(f"{surface} | {postcode} | {value:g}: the release shows "
                                 f"{want:g}" + self._why(value, year, postcode))
        return found

    # -- free text: metadata, legend, praatplaat --------------------------------------

    def text(self, surface: str, text: str, allowed: set) -> List[str]:
        """Every number in ``text`` must be public or in ``allowed``."""
        for token in sorted(self.known.public_tokens, key=len, reverse=True):
            text = text.replace(token, " ")
        text = POSTCODE.sub(self._postcode_or_keep, text)
        found = []
        for number in _numbers(text):
            if number not in self.known.public_numbers and number not in allowed:
                found.append(f"{surface} | {number:g}: unexplained" + self._why(number))
        return found

    def _postcode_or_keep(self, match: re.Match) -> str:
        return " " if match.group(0).replace(" ", "") in self.known.hierarchy.index \
            else match.group(0)

    def _why(self, number: float, year: int = 0, postcode: str = "") -> str:
        """The hidden quantities ``number`` equals, this postcode's own first."""
        own = [f"hidden {name} of {postcode} in {year}"
               for name, value in self.known.hidden_at(year, postcode).items()
               if number in (_format(value, 0), _format(value, 1))]
        reasons = own + [r for r in self.known.leak_reasons(number) if r not in own]
        return f" — equals the {'; '.join(reasons[:3])}" if reasons else ""


def _report(found: List[str], shown: int = 40) -> str:
    more = f"\n… and {len(found) - shown} more" if len(found) > shown else ""
    return f"{len(found)} number(s) not explained by the release or public data:\n" + \
        "\n".join(found[:shown]) + more


def _layer_rows(layer) -> Dict[str, Dict[str, object]]:
    names = layer.fields().names()
    return {str(f["postcode6"]): {n: f[n] for n in names} for f in layer.getFeatures()}


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def _shown_numbers(expected: Dict[int, pd.DataFrame], measures: List[str]) -> set:
    """Published values and what is derived from them alone: as printed (0 or 1 decimal),
    ranks and counts of shown values, and medians."""
    out = set()
    for frame in expected.values():
        for measure in measures:
            shown = frame[measure].dropna()
            out |= {_format(v, d) for v in shown for d in (0, 1)}
            out |= set(range(1, len(shown) + 1))
            if len(shown):
                out |= {_format(shown.median(), d) for d in (0, 1)}
    return out


def _class_numbers(expected: Dict[int, pd.DataFrame], measure: str, display, decimals: int
                   ) -> set:
    values = [v for frame in expected.values() for v in frame[measure].dropna()]
    bounds = class_bounds(values, display.method, display.classes, display.manual_breaks)
    return {_format(b, decimals) for pair in bounds for b in pair} | {
        float(repr(b)) for pair in bounds for b in pair}


# ---------------------------------------------------------------------------------------
# The run: inputs, releases, the panel's path, and everything a person could see.


@dataclass
class Run:
    known: Known
    checker: Checker
    preset: object
    session: ResultSession
    layers: list
    outcomes: dict
    pdf_text: str
    content: object
    scale_numbers: set
    complement_postcode: str
    gpkg_tables: Dict[int, List[str]]
    logged: List[str]
    project_xml: str


@pytest.fixture(scope="module")
def run(tmp_path_factory, qgis_iface):
    root = tmp_path_factory.mktemp("side-channel")
    town = root / "gemeente"
    generate(town, size=TOWN, seed=1)
    complement = _force_a_complement(town / "registraties" / f"huishoudens_{YEARS[-1]}.csv")
    sources = scan_folder(town)
    releases, truth = {}, {}
    hierarchy = None
    for year in YEARS:
        hierarchy = load_hierarchy(sources.cbs_postcode6[year], sources.wijkbuurt[year]).frame
        registrations = town / "registraties" / f"huishoudens_{year}.csv"
        truth[year] = _true_counts(registrations, year, hierarchy)
        frame = read_registrations(registrations, shape="microdata", year=year).frame
        frame = frame[frame["postcode6"].isin(hierarchy.index)]
        target = root / "releases" / f"release_{year}.gpkg"
        # The CBS file's own household counts, read as the analyst's release job reads them.
        # ReleaseRefusedError here would mean the release could not be protected.
        result = build_release(frame, year, hierarchy, target, catalogue=CATALOGUE,
                               cbs_households=cbs_households(sources.cbs_postcode6[year]))
        assert result.audit.passed and target.is_file()
        sources.add(target)
        releases[year] = read_release(target)

    # The count map: every shown number is a published value (the score map is checked
    # through the attributes; its ranks are relative, not release values).
    base = builtin_presets()[PRESET]
    count_display = dataclasses.replace(base.recipe.display, measure="or_schulden",
                                        style="circles")
    preset = dataclasses.replace(base, recipe=dataclasses.replace(base.recipe,
                                                                  display=count_display))
    QgsProject.instance().clear()
    logged: List[str] = []
    log = QgsApplication.messageLog()
    def record(message, tag, level):
        logged.append(f"{tag}: {message}")

    log.messageReceived.connect(record)
    handler = _ListHandler(logged)
    logging.getLogger("ruimtelijke_kijk").addHandler(handler)
    task = GenerateTask(preset, sources, sources.years(), root / "lagen",
                        list(preset.recipe.default_selection()), {})
    assert task.run(), task.error
    public_sources = dataclasses.replace(sources, releases={})
    (root / "public").mkdir()
    public = {year: build_question(preset, public_sources, year,
                                   root / "public" / f"{year}.gpkg").measures.frame
              for year in YEARS}
    for year, frame in public.items():
        areas = task.outcomes[year].areas
        public[year] = frame.join(areas, how="left") if areas is not None else frame
    session = ResultSession(qgis_iface, language="nl")
    display = preset_display(preset)
    session.show(preset.title.nl, preset.question.nl, task.outcomes,
                 preset.recipe.display.measure, display)

    fields = session.layers[0].fields().names()
    expected = {year: _expected(releases[year], public[year], preset, fields)
                for year in YEARS}
    cbs_fid = {}
    for year in YEARS:
        with closing(sqlite3.connect(sources.cbs_postcode6[year])) as con:
            cbs_fid[year] = {str(pc): int(fid) for fid, pc in
                             con.execute('SELECT fid, "postcode6" FROM "postcode6"')}
    known = Known(THRESHOLD, expected, public, releases, truth, hierarchy, cbs_fid)
    for year in YEARS:
        known.hidden[year] = _hidden(releases[year], truth[year])
        for number, reasons in _hidden_area_totals(releases[year], truth[year], year).items():
            known.hidden_areas.setdefault(number, []).extend(reasons)
    known.public_numbers = _public_numbers(sources, known, preset, session)
    known.public_tokens = _public_tokens(sources, releases)

    out_pdf = root / "praatplaat" / "schulden.pdf"
    out_pdf.parent.mkdir()
    from qgis.PyQt.QtWidgets import QFileDialog

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QFileDialog, "getSaveFileName",
                      staticmethod(lambda *a, **k: (str(out_pdf), "PDF (*.pdf)")))
        assert session.export_praatplaat() == out_pdf
    newest = max(task.outcomes)
    content = praatplaat_content(task.outcomes[newest], session.question, session.measure,
                                 newest, session.legend, session.language)
    layout = QgsProject.instance().layoutManager().layoutByName(content.title)
    bar = layout.itemById("scalebar")
    scale = {float(bar.unitsPerSegment() * k) for k in range(bar.numberOfSegments() + 1)}
    tables = {}
    for year, outcome in task.outcomes.items():
        with closing(sqlite3.connect(outcome.layer_path)) as con:
            tables[year] = sorted(r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))
    for postcode in known.expected[YEARS[-1]].index:
        session.describe(postcode)
    project_file = root / "vraag.qgs"
    assert QgsProject.instance().write(str(project_file))
    yield Run(known, Checker(known), preset, session, session.layers, task.outcomes,
              _pdf_text(out_pdf), content, scale, complement, tables, logged,
              project_file.read_text(encoding="utf-8"))
    log.messageReceived.disconnect(record)
    logging.getLogger("ruimtelijke_kijk").removeHandler(handler)
    session.identify(False)
    session.layers = []
    QgsProject.instance().clear()
    sip.delete(session)


class _ListHandler(logging.Handler):
    def __init__(self, into: List[str]) -> None:
        super().__init__()
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


def _public_numbers(sources, known: Known, preset, session) -> set:
    """Numbers anyone may know: years, the threshold, catalogue and preset wording."""
    years = set(sources.cbs_postcode6) | set(sources.wijkbuurt) | set(sources.releases) \
        | set(sources.leefbaarometer)
    today = datetime.date.today()
    words = [preset.title.nl, preset.question.nl, *session.labels().values()]
    return {float(y) for y in years} | {float(known.threshold), float(today.day),
                                        float(today.year)} | {
        n for text in words for n in _numbers(text)}


def _public_tokens(sources, releases) -> List[str]:
    """Texts whose digits are not numbers about people: file names, fingerprints, dates."""
    paths = [*sources.cbs_postcode6.values(), *sources.wijkbuurt.values(),
             *sources.releases.values(), *sources.points,
             *[p for files in sources.leefbaarometer.values() for p in files]]
    tokens = [Path(p).name for p in paths]
    for release in releases.values():
        tokens += [release.checksum[:n] for n in (16, 12)]
    tokens += [datetime.date.today().isoformat(), "postcode-6", "postcode-4"]
    return tokens


# ---------------------------------------------------------------------------------------
# The tests.


def test_the_release_hides_small_counts_and_complements(run):
    """The inputs are what the checks need: primary, complement and secondary cells."""
    statuses = set()
    for release in run.known.releases.values():
        statuses |= set(release.cells["status"])
    assert {"primary_suppressed", "complement_suppressed", "secondary_suppressed",
            "published"} <= statuses
    newest = run.known.releases[YEARS[-1]].values("postcode6")
    assert newest.at[run.complement_postcode, "laag_inkomen__status"] == "complement_suppressed"
    small = run.known.truth[YEARS[-1]].postcode6["schulden"].between(1, THRESHOLD - 1)
    assert small.any() and (newest.loc[small[small].index, "schulden__status"] != "published"
                            ).all()
    shown = newest["schulden__status"] == "published"
    assert shown.sum() >= 3, "the display measure needs published values to draw classes"


def test_every_attribute_of_every_year_is_published_or_public(run):
    found = []
    for layer in run.layers:
        year = int(layer.customProperty("ruimtelijke_kijk/year"))
        rows = _layer_rows(layer)
        assert len(rows) == len(run.known.expected[year])
        found += run.checker.attributes("attributes", year, rows)
    assert found == [], _report(found)


def test_the_question_geopackage_holds_the_layer_only(run):
    for year, tables in run.gpkg_tables.items():
        own = [t for t in tables if not t.startswith(("gpkg_", "rtree_", "sqlite_"))]
        assert own == [run.outcomes[year].table], (year, tables)


def test_metadata_aliases_and_legend_show_no_unexplained_number(run):
    known, found = run.known, []
    measure = run.session.measure
    info = run.outcomes[YEARS[-1]].measures.info[measure]
    decimals = 0 if info.kind == "count" else 1
    bounds = _class_numbers(known.expected, measure, run.session.display, decimals)
    for layer in run.layers:
        year = int(layer.customProperty("ruimtelijke_kijk/year"))
        md = layer.metadata()
        texts = [md.title(), md.abstract(), *md.rights(), *md.history(), layer.name(),
                 *[w for words in md.keywords().values() for w in words]]
        found += run.checker.text(f"metadata {year}", "\n".join(texts), set())
        aliases = [layer.attributeAlias(i) for i in range(layer.fields().count())]
        found += run.checker.text(f"field aliases {year}", "\n".join(aliases), set())
        rules = layer.renderer().rootRule().children()
        found += run.checker.text(f"legend labels {year}",
                                  "\n".join(r.label() for r in rules), bounds)
        found += run.checker.text(f"rule filters {year}", "\n".join(
            r.filterExpression().replace(f'"{measure}__status"', "") for r in rules), bounds)
        items = layer.renderer().legendSymbolItems()
        found += run.checker.text(f"layer tree legend {year}",
                                  "\n".join(i.label() for i in items), bounds)
    found += run.checker.text("legend entries", "\n".join(e.label for e in run.session.legend),
                              bounds)
    assert found == [], _report(found)
    # Each reason the measure is hidden for somewhere has its own legend class and words.
    hidden = {str(s) for o in run.outcomes.values() for s in o.measures.status(measure)
              if str(s) not in SHOWN}
    words = {e.key: e.label for e in run.session.legend if e.role != "value"}
    assert hidden and len(set(words.values())) == len(words)
    for status in hidden:
        assert status_label(status, THRESHOLD) in words.values(), status


def test_identify_shows_published_values_and_nothing_for_hidden_cells(run):
    labels = run.session.labels()
    newest = run.known.expected[YEARS[-1]]
    found, hidden_rows = [], 0
    for postcode in newest.index:
        text = run.session.describe(postcode)
        found += run.checker.identify("identify", postcode, text, labels)
        hidden_rows += len(run.known.hidden_at(YEARS[-1], postcode))
    assert hidden_rows > 0, "identify was asked about suppressed cells"
    complement = run.session.describe(run.complement_postcode)
    true_share = run.known.hidden_at(YEARS[-1], run.complement_postcode)["laag_inkomen"]
    assert f"{true_share:.1f}".replace(".", ",") not in complement
    # The complement cell says what it is, as the legend does: the rest is small.
    assert html.escape(status_label("complement_suppressed", THRESHOLD)) in complement
    assert found == [], _report(found)


def test_ranking_table_ranks_published_values_only(run):
    year, measure = max(run.outcomes), run.session.measure
    rows = run.content.top_areas
    assert rows, "the ranking has published values to rank"
    found = run.checker.ranking("ranking table", year, measure, rows)
    assert found == [], _report(found)


def _praatplaat_allowed(run) -> tuple:
    """Numbers the praatplaat may print besides public ones: published values of the shown
    measure and what they alone give (ranks, median, class bounds), status counts, scale."""
    known = run.known
    measure = run.session.measure
    year = max(run.outcomes)
    info = run.outcomes[year].measures.info[measure]
    decimals = 0 if info.kind == "count" else 1
    stat = RELEASE_FIELDS[measure][0]
    statuses = known.releases[year].values("postcode6")[f"{stat}__status"]
    counted = {float(n) for n in statuses.value_counts()} | {
        float(statuses.isin(["primary_suppressed", "complement_suppressed",
                             "secondary_suppressed", "suppressed"]).sum())}
    allowed = (counted | _shown_numbers({year: known.expected[year]}, [measure])
               | _class_numbers(known.expected, measure, run.session.display, decimals)
               | run.scale_numbers | set(range(1, 11)))
    return allowed, decimals


def test_praatplaat_pdf_shows_no_unexplained_number(run):
    measure = run.session.measure
    year = max(run.outcomes)
    allowed, decimals = _praatplaat_allowed(run)
    found = run.checker.text("praatplaat PDF", run.pdf_text, allowed)
    found += run.checker.text("praatplaat content", "\n".join(run.content.printed_texts()),
                              allowed)
    found += run.checker.pdf_ranking("praatplaat PDF ranking", year, measure, run.pdf_text,
                                     decimals)
    assert sum(row.area in run.pdf_text for row in run.content.top_areas) == \
        len(run.content.top_areas), "the PDF's ranking rows were read"
    assert found == [], _report(found)


def test_project_file_layout_texts_show_no_unexplained_number(run):
    """The praatplaat stays in the project: its labels and table cells as saved."""
    from xml.etree import ElementTree

    allowed, _decimals = _praatplaat_allowed(run)
    tree = ElementTree.fromstring(run.project_xml)
    layouts = tree.findall(".//Layouts/Layout")
    assert layouts, "the praatplaat is in the project"
    texts = [item.get("labelText", "") for layout in layouts
             for item in layout.iter("LayoutItem")]
    texts += [option.get("value", "") for layout in layouts for option in layout.iter("Option")
              if option.get("name") == "content"]
    texts += [rule.get("label", "") for rule in tree.iter("rule")]
    assert run.content.title in texts and any(r.area in texts for r in run.content.top_areas)
    found = run.checker.text("project file", "\n".join(texts), allowed)
    assert found == [], _report(found)


def test_messages_and_log_show_no_unexplained_number(run):
    """Problems shown in the panel and anything logged while the question ran."""
    found = []
    for year, outcome in run.outcomes.items():
        messages = [p.message for p in outcome.problems]
        allowed = {float(outcome.written)}
        found += run.checker.text(f"problems {year}", "\n".join(messages), allowed)
    found += run.checker.text("message log", "\n".join(run.logged), set())
    assert found == [], _report(found)


def test_the_checker_catches_a_planted_leak(run):
    """The checks can fail: a hidden true value planted on each surface is reported."""
    known, checker = run.known, run.checker
    year = YEARS[-1]
    postcode = run.complement_postcode
    true_count = known.hidden_at(year, postcode)
    assert "laag_inkomen" in true_count
    rows = _layer_rows(run.layers[0])
    row = dict(rows[postcode])
    row["laag_inkomen"] = true_count["laag_inkomen"]
    planted = checker.attributes("planted attributes", year, {postcode: row})
    assert any("laag_inkomen" in f and "hidden true value" in f for f in planted), planted

    labels = run.session.labels()
    text = run.session.describe(postcode)
    label = html.escape(labels["laag_inkomen"])
    share = f"{true_count['laag_inkomen']:.1f}".replace(".", ",")
    leaked = re.sub(rf"(<tr><td>{re.escape(label)}</td><td>)(.*?)(</td>)",
                    rf"\g<1>{share} (rang 1 van 9)\g<3>", text, count=1)
    assert leaked != text
    planted = checker.identify("planted identify", postcode, leaked, labels)
    assert any("hidden true value" in f for f in planted), planted

    total = next(n for n in sorted(known.hidden_areas) if n > THRESHOLD
                 and n not in known.public_numbers and known.leak_reasons(n)[0].startswith("raw"))
    fake = f"Totaal in de wijk: {total:g} huishoudens met schulden ({share} %)"
    planted = checker.text("planted praatplaat", fake, set())
    assert any(f"| {total:g}: unexplained" in f and "raw" in f for f in planted), planted
    assert any(f"| {share.replace(',', '.')}: unexplained" in f for f in planted), planted

    measure = run.session.measure
    hidden = {pc: v[measure] for pc, v in known.hidden[year].items() if measure in v}
    secret, count = next((pc, v) for pc, v in sorted(hidden.items()) if v > 0)
    row = run.content.top_areas[0]
    fake_row = dataclasses.replace(row, area=secret, value=f"{count:g}")
    planted = checker.ranking("planted ranking", year, measure, [fake_row])
    assert any(secret in f and "shows no" in f for f in planted), planted
    line = f"  1 {secret}   Buurt   Wijk   {count:g}"
    planted = checker.pdf_ranking("planted PDF", year, measure, line, 0)
    assert any(secret in f and f"hidden {measure} of {secret}" in f for f in planted), planted

