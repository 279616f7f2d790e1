"""The service list is valid data and gives the URIs QGIS's providers take."""
from __future__ import annotations

import json

import pytest

from ruimtelijke_kijk.services.catalogue import ServiceListError, load_services


def test_every_service_is_complete_and_unique():
    services = load_services()
    ids = [s.id for s in services]
    assert len(ids) == len(set(ids)) >= 15
    assert {"brt_standaard", "luchtfoto_actueel", "cbs_buurten_2024",
            "gemeentegrenzen", "leefbaarometer_grid"} <= set(ids)
    for service in services:
        assert service.url.startswith("https://") and "{year}" not in service.url
        assert service.title("nl") and service.title("en")


def test_uris_for_each_provider():
    by_id = {s.id: s for s in load_services()}
    wmts = by_id["brt_grijs"].uri()
    assert "tileMatrixSet=EPSG:28992" in wmts and "layers=grijs" in wmts
    assert "request%3DGetCapabilities" in wmts and by_id["brt_grijs"].provider == "wms"
    wfs = by_id["cbs_buurten_2023"]
    assert wfs.provider == "WFS" and "typename='wijkenbuurten:buurten'" in wfs.uri()
    assert "/2023/" in wfs.url
    assert "layers=pand" in by_id["bag_panden"].uri()


def test_a_malformed_list_is_refused_with_the_entry_named(tmp_path):
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"services": [{"id": "x", "kind": "wms"}]}), encoding="utf-8")
    with pytest.raises(ServiceListError, match="service 1 lacks"):
        load_services(path)
    path.write_text(json.dumps({"services": [
        {"id": "x", "kind": "ftp", "group": "g", "title": {"nl": "a", "en": "a"},
         "url": "https://x", "layer": "l"}]}), encoding="utf-8")
    with pytest.raises(ServiceListError, match="kind 'ftp'"):
        load_services(path)


def test_the_geocoder_is_read_from_the_list_and_kept_out_of_the_map_layers(tmp_path):
    from ruimtelijke_kijk.services.catalogue import load_geocoder

    geocoder = load_geocoder()
    assert geocoder.kind == "geocoder" and geocoder.id == "locatieserver"
    assert geocoder.url == "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
    assert all(s.kind != "geocoder" for s in load_services())
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"services": [
        {"id": "ls", "kind": "geocoder", "group": "zoeken", "title": {"nl": "a", "en": "a"},
         "url": "http://127.0.0.1:8/free"}]}), encoding="utf-8")
    assert load_geocoder(path).url == "http://127.0.0.1:8/free"
    assert load_services(path) == []
    path.write_text(json.dumps({"services": []}), encoding="utf-8")
    with pytest.raises(ServiceListError, match="no service of kind 'geocoder'"):
        load_geocoder(path)
