"""Both cores for the audit's independent work: fixed chunks, run in forked workers.

The chunks are chosen by the input, never by the machine, and a chunk's job sees only
the state from before the fan-out (its own copy of the witnesses). Whether the chunks
run side by side in forked processes (Linux, two or more cores) or one after another
in this process, they give the same answers, so the same input gives the same release
on every machine. A forked worker touches no Qt or QGIS object: the jobs are numpy and
HiGHS only, and the worker leaves through ``os._exit`` (as multiprocessing's fork does).
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
from typing import Callable, TypeVar

T = TypeVar("T")
Check = Callable[[], None]

CHUNKS = 8  # chunks per fan-out: load balance on two cores, few witnesses unshared
MIN_ITEMS = 64  # fewer items are not worth a fork: one chunk, in this process
COSTLY = 2  # ... unless each costs seconds (``chunks(..., costly=True)``): from two on
WORKERS: int | None = None  # processes; None: the machine's cores (tests set 1 or 2)
POLL = 0.5  # seconds between cancel checks while workers run

# The jobs of the fan-outs under way, by token: a forked worker finds its own here even
# when two builds (two QGIS tasks) fan out at once.
_jobs: dict[int, Callable[[int, Check], object]] = {}
_tokens = itertools.count()


def chunks(items: list[int], keys: list | None = None, costly: bool = False
           ) -> list[list[int]]:
    """``items`` cut into ``CHUNKS`` contiguous runs in the order of ``keys`` (nearby
    parts share witnesses, so a chunk holds neighbours); one run when they are few —
    fewer than ``MIN_ITEMS``, or than ``COSTLY`` for items that take seconds each."""
    if len(items) < (COSTLY if costly else MIN_ITEMS):
        return [list(items)] if items else []
    order = sorted(range(len(items)), key=(lambda k: (keys[k], items[k])) if keys is not None
                   else (lambda k: items[k]))
    ranked = [items[k] for k in order]
    size = -(-len(ranked) // CHUNKS)
    return [ranked[k:k + size] for k in range(0, len(ranked), size)]


def _workers(n_jobs: int) -> int:
    # The cores this process may use (a container or taskset may allow fewer than exist).
    cores = WORKERS if WORKERS is not None else len(os.sched_getaffinity(0)) \
        if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # Fork is Linux's safe default; macOS and Windows run the chunks in this process.
    if not sys.platform.startswith("linux") or multiprocessing.current_process().daemon:
        return 1
    return max(1, min(cores, n_jobs))


def _run(task: tuple[int, int]) -> object:
    token, k = task
    return _jobs[token](k, lambda: None)  # a worker is stopped by the parent, not by asking


def run(job: Callable[[int, Check], T], n_jobs: int, check: Check) -> list[T]:
    """``job(k, check)`` for k in range(n_jobs), answers in that order. ``check`` raises
    when the user cancelled; while workers run, the parent asks it and stops them."""
    workers = _workers(n_jobs)
    if workers < 2:
        return [job(k, check) for k in range(n_jobs)]
    token = next(_tokens)
    _jobs[token] = job  # the forked workers inherit it: nothing large is pickled on the way in
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_run, [(token, k) for k in range(n_jobs)], chunksize=1)
            while True:
                try:
                    return pending.get(POLL)
                except multiprocessing.TimeoutError:
                    check()  # raising leaves the with-block, which terminates the pool
    finally:
        del _jobs[token]
