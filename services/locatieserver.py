"""The PDOK Locatieserver's free search: the request URL and reading its answer.

QGIS-free. The answer is Solr JSON: ``response.docs[]``, each with a display name
(``weergavenaam``), an object type (``adres``, ``weg``, ``woonplaats``, …) and a
centre point in RD New (``centroide_rd``, ``"POINT(x y)"``), best match first.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple, Union
from urllib.parse import urlencode

# Only the object types a policy map is zoomed to; parcels and road posts are left out.
TYPES = ("adres", "postcode", "weg", "buurt", "wijk", "woonplaats", "gemeente", "provincie")
FIELDS = "id weergavenaam type centroide_rd score"
# Map scale (1:n) that shows a place of each type whole, with some surroundings.
SCALES = {"adres": 2500, "postcode": 4000, "weg": 5000, "buurt": 10000, "wijk": 25000,
          "woonplaats": 50000, "gemeente": 100000, "provincie": 750000}
DEFAULT_SCALE = 10000
_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s+"
                    r"(-?[\d.]+(?:[eE][-+]?\d+)?)\s*\)\s*$", re.IGNORECASE)


class LocatieserverError(ValueError):
    """The answer is not the Locatieserver's JSON, or a place in it cannot be read."""


@dataclass(frozen=True)
class Place:
    label: str
    type: str
    x: float  # RD New (EPSG:28992), metres
    y: float
    score: Optional[float] = None

    @property
    def scale(self) -> int:
        return SCALES.get(self.type, DEFAULT_SCALE)


def search_url(endpoint: str, text: str, rows: int = 5) -> str:
    """The free-search URL for ``text``, asking only for the fields the parser reads."""
    query = urlencode({"q": text.strip(), "rows": rows, "fl": FIELDS,
                       "fq": "type:({})".format(" OR ".join(TYPES))})
    return f"{endpoint}?{query}"


def parse_point(text: str) -> Tuple[float, float]:
    """``"POINT(121000.5 487000.25)"`` → ``(121000.5, 487000.25)``."""
    match = _POINT.match(text) if isinstance(text, str) else None
    if match is None:
        raise LocatieserverError(f"not a WKT point: {text!r}")
    return float(match.group(1)), float(match.group(2))


def parse_places(body: Union[bytes, str]) -> List[Place]:
    """Every place in a free-search answer, in the server's order (best first)."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise LocatieserverError(f"the answer is not JSON: {error}") from None
    response = document.get("response") if isinstance(document, dict) else None
    docs = response.get("docs") if isinstance(response, dict) else None
    if not isinstance(docs, list):
        raise LocatieserverError("the answer has no response.docs list")
    places = []
    for number, doc in enumerate(docs, start=1):
        if not isinstance(doc, dict):
            raise LocatieserverError(f"place {number} is not an object")
        missing = [k for k in ("weergavenaam", "type", "centroide_rd") if not doc.get(k)]
        if missing:
            raise LocatieserverError(f"place {number} lacks {', '.join(missing)}")
        try:
            x, y = parse_point(doc["centroide_rd"])
        except LocatieserverError as error:
            raise LocatieserverError(f"place {number}: {error}") from None
        score = doc.get("score")
        places.append(Place(str(doc["weergavenaam"]), str(doc["type"]), x, y,
                            float(score) if isinstance(score, (int, float)) else None))
    return places


def best_place(places: List[Place]) -> Optional[Place]:
    """The highest-scoring place; on equal or missing scores the server's first."""
    if not places:
        return None
    return max(places, key=lambda p: -float("inf") if p.score is None else p.score)
