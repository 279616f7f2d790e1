"""Zooming to an address: the local postcode index first, the PDOK Locatieserver after.

A loopback HTTP server stands in for the Locatieserver, serving an answer shaped
like the real one (tests/data/locatieserver_free.json); nothing leaves the machine.
"""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from ruimtelijke_kijk.layers import place_search
from ruimtelijke_kijk.layers.locatieserver_task import PlaceSearchTask
from ruimtelijke_kijk.layers.place_search import PlaceSearch, zoom_to_place
from ruimtelijke_kijk.services.catalogue import Service
from ruimtelijke_kijk.services.locatieserver import Place

ANSWER = Path(__file__).resolve().parents[1] / "data" / "locatieserver_free.json"
MARKT_1 = (108112.519, 447527.322)  # the best place in the answer, RD New
GONE = "http://127.0.0.1:9/free"  # nothing listens on this loopback port: refused at once
RD = QgsCoordinateReferenceSystem("EPSG:28992")


class Locatieserver:
    """A loopback free-search endpoint; ``queries`` records every ``q`` it was asked."""

    def __init__(self) -> None:
        self.body = ANSWER.read_bytes()
        self.delay = 0.0
        self.status = 200
        self.queries: list = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 — http.server API
                owner.queries.append(parse_qs(urlsplit(self.path).query).get("q", [""])[0])
                time.sleep(owner.delay)
                self.send_response(owner.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                try:
                    self.wfile.write(owner.body)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/bzk/locatieserver/search/v3_1/free"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def locatieserver():
    server = Locatieserver()
    yield server
    server.close()


def _restore_crs(canvas, before) -> None:
    """Back to the CRS before the test; a canvas that had none is left in RD New."""
    canvas.setDestinationCrs(before if before.isValid() else RD)


@pytest.fixture()
def rd_canvas(qgis_canvas):
    before = qgis_canvas.mapSettings().destinationCrs()
    qgis_canvas.setDestinationCrs(RD)
    qgis_canvas.setExtent(QgsRectangle(150000, 450000, 151000, 451000))
    yield qgis_canvas
    _restore_crs(qgis_canvas, before)


def _wait_until(done, timeout: float = 20.0) -> None:
    started = time.monotonic()
    while not done() and time.monotonic() - started < timeout:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert done(), "the lookup did not end"


def _settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QgsApplication.processEvents()
        time.sleep(0.01)


def _search(canvas, endpoint, text, timeout=5.0):
    messages: list = []
    search = PlaceSearch(canvas, lambda text, level: messages.append((text, level)),
                         endpoint=endpoint, timeout=timeout)
    task = search.search(text)
    _wait_until(lambda: search.task is None)
    return task, messages


def _centre(canvas):
    centre = canvas.extent().center()
    return centre.x(), centre.y()


def test_the_task_reads_the_places_the_server_sends(rd_canvas, locatieserver):
    task, messages = _search(rd_canvas, locatieserver.url, "  Markt 1, Gouda ")
    assert locatieserver.queries == ["Markt 1, Gouda"]
    assert task.failure == "" and [p.type for p in task.places] == ["adres", "weg", "woonplaats"]
    assert messages == [("Zoomed to Markt 1, 2801JG Gouda (PDOK Locatieserver).",
                         Qgis.MessageLevel.Info)]


def test_the_canvas_moves_to_the_best_place_at_address_scale(rd_canvas, locatieserver):
    _search(rd_canvas, locatieserver.url, "Markt 1, Gouda")
    x, y = _centre(rd_canvas)
    assert abs(x - MARKT_1[0]) < 0.5 and abs(y - MARKT_1[1]) < 0.5
    assert rd_canvas.scale() == pytest.approx(2500, rel=0.01)


def test_a_town_is_shown_wider_than_an_address(rd_canvas, locatieserver):
    locatieserver.body = (b'{"response": {"numFound": 1, "docs": [{"type": "woonplaats", '
                          b'"weergavenaam": "Gouda, Gouda, Zuid-Holland", '
                          b'"centroide_rd": "POINT(108300 448220)", "score": 4.0}]}}')
    _search(rd_canvas, locatieserver.url, "Gouda")
    assert rd_canvas.scale() == pytest.approx(50000, rel=0.01)
    assert _centre(rd_canvas) == pytest.approx((108300, 448220), abs=0.5)


def test_the_place_is_transformed_to_the_canvas_crs(qgis_canvas, locatieserver):
    before = qgis_canvas.mapSettings().destinationCrs()
    web = QgsCoordinateReferenceSystem("EPSG:3857")
    qgis_canvas.setDestinationCrs(web)
    try:
        _search(qgis_canvas, locatieserver.url, "Markt 1, Gouda")
        expected = QgsCoordinateTransform(RD, web, QgsProject.instance()).transform(
            QgsPointXY(*MARKT_1))
        x, y = _centre(qgis_canvas)
        assert abs(x - expected.x()) < 1 and abs(y - expected.y()) < 1
    finally:
        _restore_crs(qgis_canvas, before)


def test_a_canvas_without_an_extent_is_zoomed_too():
    from qgis.gui import QgsMapCanvas

    canvas = QgsMapCanvas()
    canvas.resize(600, 400)
    canvas.setDestinationCrs(RD)
    try:
        assert canvas.extent().isEmpty()
        zoom_to_place(canvas, Place("Markt 1, 2801JG Gouda", "adres", *MARKT_1))
        assert _centre(canvas) == pytest.approx(MARKT_1, abs=0.5)
        assert canvas.scale() == pytest.approx(2500, rel=0.01)
    finally:
        canvas.deleteLater()


def test_an_unreachable_server_gives_a_message_and_leaves_the_map(rd_canvas):
    before = rd_canvas.extent()
    started = time.monotonic()
    task, messages = _search(rd_canvas, GONE, "Markt 1, Gouda")
    assert time.monotonic() - started < 10
    assert task.failure == "offline"
    assert len(messages) == 1 and messages[0][1] == Qgis.MessageLevel.Warning
    assert "cannot be reached" in messages[0][0] and "Markt 1, Gouda" in messages[0][0]
    assert rd_canvas.extent() == before


def test_a_slow_server_times_out_with_a_message(rd_canvas, locatieserver):
    locatieserver.delay = 4.0
    started = time.monotonic()
    task, messages = _search(rd_canvas, locatieserver.url, "Markt 1", timeout=0.5)
    assert time.monotonic() - started < 3.5
    assert task.failure == "timeout"
    assert messages == [("The PDOK Locatieserver did not answer within 0.5 seconds; try again "
                         "later.", Qgis.MessageLevel.Warning)]


@pytest.mark.parametrize("body, failure, says", [
    (b"<html>502 Bad Gateway</html>", "unreadable", "cannot be read: the answer is not JSON"),
    (b'{"response": {"numFound": 0, "docs": []}}', "", "found neither"),
])
def test_an_odd_or_empty_answer_is_said_plainly(rd_canvas, locatieserver, body,
                                                failure, says):
    locatieserver.body = body
    before = rd_canvas.extent()
    task, messages = _search(rd_canvas, locatieserver.url, "Nergensstraat 1")
    assert task.failure == failure and len(messages) == 1 and says in messages[0][0]
    assert rd_canvas.extent() == before


def test_a_refused_search_names_the_servers_error(rd_canvas, locatieserver):
    locatieserver.status, locatieserver.body = 400, b'{"message": "unknown parameter"}'
    task, messages = _search(rd_canvas, locatieserver.url, "Markt 1")
    assert task.failure == "refused" and len(messages) == 1
    assert messages[0][0].startswith("The PDOK Locatieserver refused the search:")


def test_a_newer_search_overtakes_a_running_one(rd_canvas, locatieserver):
    locatieserver.delay = 0.5
    messages: list = []
    search = PlaceSearch(rd_canvas, lambda text, level: messages.append(text),
                         endpoint=locatieserver.url)
    first = search.search("Markt")
    second = search.search("Markt 1, Gouda")
    assert first.isCanceled() and search.task is second
    _wait_until(lambda: search.task is None)
    _settle(0.2)
    assert messages == ["Zoomed to Markt 1, 2801JG Gouda (PDOK Locatieserver)."]


def test_a_task_can_be_cancelled(locatieserver):
    task = PlaceSearchTask(locatieserver.url, "Markt 1")
    task.cancel()
    assert task.isCanceled() and task.feedback.isCanceled()


# -- in the panel ----------------------------------------------------------------------------


@pytest.fixture()
def panel(qgis_iface, cbs_gpkg, locatieserver, monkeypatch):
    """The dock with a postcode result layer, its Locatieserver entry on the loopback server."""
    from ruimtelijke_kijk.dialogs.dock import RuimtelijkeKijkDock

    geocoder = Service("locatieserver", "geocoder", "zoeken", "PDOK Locatieserver",
                       "PDOK Locatieserver", locatieserver.url)
    monkeypatch.setattr(place_search, "load_geocoder", lambda: geocoder)
    path, _ = cbs_gpkg
    layer = QgsVectorLayer(f"{path}|layername=postcode6", "postcode6_lyr", "ogr")
    assert layer.isValid()
    canvas = qgis_iface.mapCanvas()
    before = canvas.mapSettings().destinationCrs()
    canvas.setDestinationCrs(RD)
    qgis_iface.messageBar().clear_messages()
    dock = RuimtelijkeKijkDock(qgis_iface, qgis_iface.mainWindow())
    dock.session.layers = [layer]
    yield dock
    dock.unload()
    dock.session.layers = []  # the layer must go before QGIS does
    del layer
    dock.deleteLater()
    _restore_crs(canvas, before)


def _enter(dock, text: str) -> None:
    dock.result_box.zoom.setText(text)
    QTest.keyClick(dock.result_box.zoom, Qt.Key.Key_Return)


def test_a_local_postcode_never_asks_the_server(panel, locatieserver):
    canvas = panel.iface.mapCanvas()
    canvas.setExtent(QgsRectangle(100000, 400000, 110000, 410000))
    _enter(panel, "1234 ab")
    assert panel.place_search.task is None
    _settle(0.3)
    assert locatieserver.queries == []
    assert canvas.extent().contains(QgsRectangle(150000, 450000, 150050, 450040))  # 1234AA
    assert canvas.extent().width() < 2000


@pytest.fixture()
def two_postcode4_layer():
    """Postcode-4 1234 as three 100 m areas in a row, and 1235 one area 5 km east of them."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:28992&field=postcode6:string", "pc4_lyr", "memory")
    features = []
    for code, x in (("1234AA", 150000), ("1234AB", 150100), ("1234BC", 150200),
                    ("1235AA", 155000)):
        feature = QgsFeature(layer.fields())
        feature["postcode6"] = code
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x, 450000, x + 100, 450080)))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    yield layer
    del layer


def test_a_local_postcode4_shows_all_its_areas_and_never_asks_the_server(
        panel, locatieserver, two_postcode4_layer):
    panel.session.layers = [two_postcode4_layer]
    canvas = panel.iface.mapCanvas()
    canvas.setExtent(QgsRectangle(100000, 400000, 110000, 410000))
    _enter(panel, " 1234 ")
    assert panel.place_search.task is None
    _settle(0.3)
    assert locatieserver.queries == []
    assert canvas.extent().contains(QgsRectangle(150000, 450000, 150300, 450080))
    assert not canvas.extent().contains(QgsRectangle(155000, 450000, 155100, 450080))
    _enter(panel, "1235")
    assert canvas.extent().contains(QgsRectangle(155000, 450000, 155100, 450080))
    assert canvas.extent().width() < 2000 and locatieserver.queries == []


def test_a_postcode4_not_in_the_result_goes_to_the_server(panel, locatieserver,
                                                         two_postcode4_layer):
    panel.session.layers = [two_postcode4_layer]
    assert not panel.session.zoom_to("1236")
    _enter(panel, "1236")
    _wait_until(lambda: panel.place_search.task is None)
    assert locatieserver.queries == ["1236"]


def test_an_address_goes_to_the_server_from_the_data_file(panel, locatieserver,
                                                          qgis_iface):
    assert panel.result_box.zoom.isEnabled()  # before any result: addresses need none
    _enter(panel, "Markt 1, Gouda")
    _wait_until(lambda: panel.place_search.task is None)
    assert locatieserver.queries == ["Markt 1, Gouda"]
    assert _centre(panel.iface.mapCanvas()) == pytest.approx(MARKT_1, abs=0.5)
    info = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Info)
    assert any("Markt 1, 2801JG Gouda" in text for text in info)


def test_a_name_with_a_quote_is_looked_up_without_error(panel, locatieserver):
    _enter(panel, "'s-Hertogenbosch")
    _wait_until(lambda: panel.place_search.task is None)
    assert locatieserver.queries == ["'s-Hertogenbosch"]


def test_offline_in_the_panel_is_a_message_bar_warning(panel, qgis_iface, monkeypatch):
    gone = Service("locatieserver", "geocoder", "zoeken", "a", "a", GONE)
    monkeypatch.setattr(place_search, "load_geocoder", lambda: gone)
    _enter(panel, "Markt 1, Gouda")
    _wait_until(lambda: panel.place_search.task is None)
    warnings = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert len(warnings) == 1 and "Locatieserver" in warnings[0]


def test_the_messages_speak_dutch_through_the_translation(rd_canvas, locatieserver):
    from ruimtelijke_kijk.shell import translation

    translator = translation.install_translator("nl")
    try:
        assert translator is not None, "compile the translations first: make translations"
        _, found = _search(rd_canvas, locatieserver.url, "Markt 1, Gouda")
        _, gone = _search(rd_canvas, GONE, "Markt 1, Gouda")
    finally:
        translation.remove_translator(translator)
    assert found[0][0] == "Ingezoomd op Markt 1, 2801JG Gouda (PDOK Locatieserver)."
    assert gone[0][0].startswith("'Markt 1, Gouda' staat niet in de resultaatlaag en de PDOK "
                                 "Locatieserver is nu niet bereikbaar")
