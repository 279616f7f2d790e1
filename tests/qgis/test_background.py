"""Background services: a vanished service gives a message, never a hang or a broken layer."""
from __future__ import annotations

import time

from qgis.core import QgsApplication, QgsProject

from ruimtelijke_kijk.layers.background import open_service_layer
from ruimtelijke_kijk.services.catalogue import Service, load_services

# A loopback port nothing listens on: refused at once, and no traffic leaves the machine.
GONE = "http://127.0.0.1:9/wms"


def _wait(tasks, timeout=60.0):
    started = time.monotonic()
    while any(t.status() not in (t.TaskStatus.Complete, t.TaskStatus.Terminated) for t in tasks) \
            and time.monotonic() - started < timeout:
        QgsApplication.processEvents()
        time.sleep(0.02)


def test_the_panel_offers_every_service(qgis_iface):
    from ruimtelijke_kijk.dialogs.background_box import BackgroundBox

    box = BackgroundBox(qgis_iface, "nl")
    assert box.combo.count() == len(load_services())
    assert box.combo.itemText(0) == load_services()[0].title("nl") or box.combo.count() > 10


def test_unreachable_service_is_reported_and_nothing_is_added(qgis_iface, monkeypatch):
    from ruimtelijke_kijk.dialogs.background_box import BackgroundBox

    box = BackgroundBox(qgis_iface, "nl")
    gone = Service("gone", "wms", "achtergrond", "Weg", "Gone", GONE, "x")
    box.services = {"gone": gone}
    box.combo.clear()
    box.combo.addItem("Weg", "gone")
    messages = []
    monkeypatch.setattr(qgis_iface.messageBar(), "pushMessage",
                        lambda *args: messages.append(args))
    before = len(QgsProject.instance().mapLayers())
    started = time.monotonic()
    task = box.add_current()
    _wait([task])
    QgsApplication.processEvents()
    assert time.monotonic() - started < 60
    assert len(QgsProject.instance().mapLayers()) == before
    assert messages and "Weg" in messages[0][1]
    assert box.add_button.isEnabled()


def test_layers_open_with_qgis_own_providers():
    wfs = next(s for s in load_services() if s.kind == "wfs")
    layer = open_service_layer(Service(wfs.id, "wfs", wfs.group, "a", "a",
                                       "http://127.0.0.1:9/wfs", wfs.layer))
    assert layer.providerType() == "WFS" and not layer.isValid()
