"""The build's audit forks workers from a QGIS background task (as the Processing dialog
runs the algorithm) and writes the release it writes in one process."""
from __future__ import annotations

import time

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
)
from test_release_algorithms import YEAR, _inputs, analyst_town

from ruimtelijke_kijk.demo.sizes import SizeSpec, TownSpec
from ruimtelijke_kijk.privacy import fanout
from ruimtelijke_kijk.privacy.release_io import read_release
from ruimtelijke_kijk.provider.build_release import BuildReleaseAlgorithm

TOWN = SizeSpec("fanout", (TownSpec(postcodes=40, pc4_groups=3, wijken=2, buurten=4,
                                    households_per_postcode=20.0, lake=False),))


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    return analyst_town(tmp_path_factory.mktemp("fanout"), TOWN, 4)


def _build_in_task(parameters: dict) -> dict:
    """The algorithm in a QGIS task thread, the event loop turning meanwhile."""
    algorithm = BuildReleaseAlgorithm().create()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    task = QgsProcessingAlgRunnerTask(algorithm, parameters, context, feedback)
    outcome = {}
    task.executed.connect(lambda ok, results: outcome.update(ok=ok, results=results))
    QgsApplication.taskManager().addTask(task)
    started = time.monotonic()
    while "ok" not in outcome and time.monotonic() - started < 600:
        QgsApplication.processEvents()
        time.sleep(0.05)
    return outcome


def test_a_release_built_with_forked_workers_in_a_qgis_task_is_the_one_process_release(
        town, tmp_path, monkeypatch):
    folder, catalogue = town
    monkeypatch.setattr(fanout, "MIN_ITEMS", 8)  # a small town's passes are cut in chunks
    used = []
    real_workers = fanout._workers
    monkeypatch.setattr(fanout, "_workers", lambda n: used.append(real_workers(n)) or used[-1])
    releases = {}
    for workers in (2, 1):
        monkeypatch.setattr(fanout, "WORKERS", workers)
        output = tmp_path / f"release_{workers}.gpkg"
        outcome = _build_in_task(dict(
            YEAR=YEAR, CATALOGUE=str(catalogue), OUTPUT=str(output),
            **{key: str(path) for key, path in _inputs(folder).items()}))
        assert outcome.get("ok") is True, outcome
        releases[workers] = read_release(output)  # checksum verified
    assert 2 in used, "no chunk ran in a forked worker: the test tests nothing"
    forked, single = releases[2], releases[1]
    assert forked.metadata["audit"]["passed"] and single.metadata["audit"]["passed"]
    columns = ["area_level", "area_code", "statistic", "status", "value"]
    assert forked.cells[columns].equals(single.cells[columns])
    assert (forked.cells["status"] != "published").any()
