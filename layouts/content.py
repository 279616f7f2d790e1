"""What a praatplaat says, as plain data (no QGIS).

Every number a person can see on a praatplaat goes through the protected
release: the texts here arrive already formatted and already protected, and
the layout prints them as they are. The layout adds no number of its own apart
from the scale bar.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Protocol, Sequence, Tuple, Union

LANGUAGES = ("nl", "en")
MAX_TOP_AREAS = 10

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class LegendLine(Protocol):
    """A legend class as ``layers.style.style_measure`` returns it."""

    label: str
    role: str  # "value", "privacy", "cbs" or "no_data"


@dataclass(frozen=True)
class TopArea:
    """One row of the top-areas table; every field is already formatted text."""

    rank: str
    area: str  # postcode-6 or area name
    buurt: str
    wijk: str
    value: str


KeyFigure = Tuple[str, str]  # (label, formatted value)
TopAreaRow = Union[TopArea, Sequence[object]]


@dataclass
class PraatplaatContent:
    """The texts of one praatplaat, in its language ("nl" or "en")."""

    title: str  # the policy question
    subtitle: str  # measure label and year
    key_figures: Sequence[KeyFigure] = ()
    top_areas: Sequence[TopAreaRow] = ()
    sources: Sequence[str] = ()  # one source with its year per line
    privacy_note: str = ""
    date: datetime.date = field(default_factory=datetime.date.today)
    language: str = "nl"
    legend: Sequence[LegendLine] = ()
    top_areas_heading: str = ""  # e.g. "Highest share"; a default heading when empty

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.language!r}")
        if len(self.top_areas) > MAX_TOP_AREAS:
            raise ValueError(f"at most {MAX_TOP_AREAS} top areas, got {len(self.top_areas)}")
        self.key_figures = [(str(label), str(text)) for label, text in self.key_figures]
        self.top_areas = [_top_area(row) for row in self.top_areas]
        self.sources = [str(source) for source in self.sources]

    @property
    def date_text(self) -> str:
        return format_date(self.date, self.language)

    def printed_texts(self) -> list[str]:
        """Every text of this content that the layout prints."""
        texts = [self.title, self.subtitle, self.privacy_note, self.date_text,
                 self.top_areas_heading]
        texts += [part for figure in self.key_figures for part in figure]
        texts += [part for row in self.top_areas
                  for part in (row.rank, row.area, row.buurt, row.wijk, row.value)]
        texts += list(self.sources)
        texts += [entry.label for entry in self.legend]
        return texts

    def printed_numbers(self) -> set[str]:
        """The numbers in :meth:`printed_texts`, as ``numbers_in`` finds them."""
        return {number for text in self.printed_texts() for number in numbers_in(text)}


def numbers_in(text: str) -> list[str]:
    """The digit runs in ``text`` ("1 234,5" gives "1" and "234,5")."""
    return _NUMBER.findall(text)


def format_date(day: datetime.date, language: str) -> str:
    """"22 november 2026" or "22 November 2026"."""
    months = _MONTHS.get(language, _MONTHS["en"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _top_area(row: TopAreaRow) -> TopArea:
    if isinstance(row, TopArea):
        return row
    values = ["" if value is None else str(value) for value in row]
    if len(values) != 5:
        raise ValueError(f"a top-area row has rank, area, buurt, wijk, value; got {row!r}")
    return TopArea(*values)
