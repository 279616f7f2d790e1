"""Reading the PDOK Locatieserver's free-search answer: places, best match, clear errors."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ruimtelijke_kijk.services.locatieserver import (
    LocatieserverError,
    Place,
    best_place,
    parse_places,
    parse_point,
    search_url,
)

ANSWER = Path(__file__).resolve().parents[1] / "data" / "locatieserver_free.json"


def test_places_are_read_in_the_servers_order():
    places = parse_places(ANSWER.read_bytes())
    assert [p.type for p in places] == ["adres", "weg", "woonplaats"]
    first = places[0]
    assert first == Place("Markt 1, 2801JG Gouda", "adres", 108112.519, 447527.322, 13.627311)
    assert first.scale == 2500 and places[2].scale > places[1].scale > first.scale
    assert best_place(places) is first


def test_the_best_place_is_the_highest_score_or_the_first():
    low = Place("a", "weg", 1, 2, 1.0)
    high = Place("b", "adres", 3, 4, 5.0)
    assert best_place([low, high]) is high
    unscored = [Place("a", "weg", 1, 2), Place("b", "adres", 3, 4)]
    assert best_place(unscored) is unscored[0]
    assert best_place([]) is None


def test_an_answer_without_places_is_empty_not_an_error():
    assert parse_places('{"response": {"numFound": 0, "start": 0, "docs": []}}') == []


def test_points_in_rd():
    assert parse_point("POINT(121000.5 487000.25)") == (121000.5, 487000.25)
    assert parse_point(" point ( 1e5 4.5E5 ) ") == (100000.0, 450000.0)
    for bad in ("POINT(1)", "LINESTRING(1 2, 3 4)", "", None):
        with pytest.raises(LocatieserverError, match="not a WKT point"):
            parse_point(bad)


@pytest.mark.parametrize("body, message", [
    (b"<html>502 Bad Gateway</html>", "not JSON"),
    (b"\xff\xfe\x00", "not JSON"),
    ('["docs"]', "no response.docs"),
    ('{"response": {"docs": {}}}', "no response.docs"),
    ('{"response": {"docs": [1]}}', "place 1 is not an object"),
    ('{"response": {"docs": [{"type": "adres", "centroide_rd": "POINT(1 2)"}]}}',
     "place 1 lacks weergavenaam"),
    ('{"response": {"docs": [{"type": "adres", "weergavenaam": "x", '
     '"centroide_rd": "POINT(1 2)"}, {"type": "weg", "weergavenaam": "y", '
     '"centroide_rd": "POINT(a b)"}]}}', "place 2: not a WKT point"),
])
def test_a_malformed_answer_is_named(body, message):
    with pytest.raises(LocatieserverError, match=message):
        parse_places(body)


def test_the_search_url_asks_for_the_parsed_fields_and_map_types():
    url = search_url("https://example.test/free", "  Markt 1, Gouda ")
    parts = urlsplit(url)
    assert parts.netloc == "example.test" and parts.path == "/free"
    query = parse_qs(parts.query)
    assert query["q"] == ["Markt 1, Gouda"] and query["rows"] == ["5"]
    assert set(query["fl"][0].split()) >= {"weergavenaam", "type", "centroide_rd", "score"}
    assert "adres" in query["fq"][0] and "perceel" not in query["fq"][0]


def test_the_fixture_is_shaped_like_the_real_answer():
    document = json.loads(ANSWER.read_text(encoding="utf-8"))
    assert document["response"]["numFound"] == len(document["response"]["docs"])
