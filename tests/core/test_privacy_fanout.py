"""Both cores: the audit's chunks run in forked workers and give the answers they give in
one process, so the same input gives the same release on any machine."""
from __future__ import annotations

import math
import os
import threading
import time

import pytest
from privacy_helpers import protected_problems

from ruimtelijke_kijk.privacy import fanout
from ruimtelijke_kijk.privacy.scope import SolveStats
from ruimtelijke_kijk.privacy.solver import attack


def _pid(k: int, check) -> tuple[int, int]:
    check()
    return k, os.getpid()


def test_chunks_run_in_worker_processes_in_order(monkeypatch):
    monkeypatch.setattr(fanout, "WORKERS", 2)
    answers = fanout.run(_pid, 4, lambda: None)
    assert [k for k, _ in answers] == [0, 1, 2, 3]
    assert os.getpid() not in {pid for _, pid in answers}
    monkeypatch.setattr(fanout, "WORKERS", 1)
    assert {pid for _, pid in fanout.run(_pid, 4, lambda: None)} == {os.getpid()}


def test_two_fan_outs_at_once_each_get_their_own_answers(monkeypatch):
    # Two builds in two QGIS tasks: each one's workers must run that build's job.
    monkeypatch.setattr(fanout, "WORKERS", 2)
    answers = {}

    def build(name: str) -> None:
        def job(k: int, _check) -> tuple[str, int]:
            time.sleep(0.2)
            return name, k

        answers[name] = fanout.run(job, 4, lambda: None)

    threads = [threading.Thread(target=build, args=(name,)) for name in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers == {name: [(name, k) for k in range(4)] for name in "AB"}


def test_a_cancel_stops_the_workers(monkeypatch):
    monkeypatch.setattr(fanout, "WORKERS", 2)
    asked = []

    def check():
        asked.append(1)
        if len(asked) > 1:
            raise InterruptedError("audit cancelled")

    start = time.perf_counter()
    with pytest.raises(InterruptedError):
        fanout.run(lambda k, _: time.sleep(30), 2, check)
    assert time.perf_counter() - start < 10


def test_chunks_keep_neighbours_together_and_every_item_once():
    items = list(range(200, 0, -1))
    runs = fanout.chunks(items, [i // 10 for i in items])
    assert len(runs) == fanout.CHUNKS
    assert sorted(i for run in runs for i in run) == sorted(items)
    assert all(max(a) < min(b) for a, b in zip(runs, runs[1:]))
    assert fanout.chunks(items[:fanout.MIN_ITEMS - 1]) == [items[:fanout.MIN_ITEMS - 1]]
    # Parts that take seconds each are shared from two on; one stays in this process.
    assert len(fanout.chunks(items[:fanout.MIN_ITEMS - 1], costly=True)) == fanout.CHUNKS
    assert fanout.chunks(items[:2], costly=True) == [[items[1]], [items[0]]]
    assert fanout.chunks(items[:1], costly=True) == [items[:1]]


def test_forked_audit_gives_the_same_answers_as_one_process(monkeypatch):
    # A town with enough short parts and presence minima to be cut into chunks.
    monkeypatch.setattr(fanout, "MIN_ITEMS", 8)
    calls = []
    real_run = fanout.run

    def counted(job, n_jobs, check):
        calls.append(n_jobs)
        return real_run(job, n_jobs, check)

    monkeypatch.setattr(fanout, "run", counted)
    answers = {}
    for workers in (1, 2):
        monkeypatch.setattr(fanout, "WORKERS", workers)
        found = []
        for prob in protected_problems(60, 2):
            stats = SolveStats()
            found.append(([(r.distinct, None if math.isnan(r.minimum) else r.minimum, r.undecided)
                           for r in attack(prob, stats)], stats.solves))
        answers[workers] = found
    assert any(n > 1 for n in calls), "no fan-out happened: the test tests nothing"
    assert answers[1] == answers[2]
    pinned = sum(r[0] < 3 for results, _ in answers[1] for r in results)
    assert pinned > 0  # the town has pinned parts: the answers are not trivially equal


def test_a_chunks_copy_of_the_witnesses_and_the_original_never_see_each_others_notes():
    import numpy as np
    from scipy.sparse import csr_matrix

    from ruimtelijke_kijk.privacy.witnesses import Witnesses

    parts = csr_matrix(np.eye(3))
    wit = Witnesses(parts, np.array([1.0, 2.0, 3.0]), np.array([0, 1, 2]))
    wit.note(0, 5, frozenset())
    twin = wit.copy(log=True)
    twin.add(np.array([0.0, 2.0, 3.0]))  # part 0 at 0, emptying insider atom 0
    wit.note(1, 7, frozenset())
    assert wit.values(0) == {1, 5} and twin.values(0) == {0, 1, 5}
    assert twin.values(1) == {2} and wit.values(1) == {2, 7}
    assert twin.values(0, insider=0) == {1, 5} and twin.minimum[0] == 0 == wit.minimum[0] - 1
    for found in twin.log:  # what the chunk found reaches the original
        wit.apply(*found)
    assert wit.values(0) == {0, 1, 5}
