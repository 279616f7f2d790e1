"""A per-part pass of the attack in fixed chunks of neighbouring parts, on both cores
(``fanout``): each chunk with its own copy of the witnesses, whose new solutions come
back afterwards."""
from __future__ import annotations

from typing import Callable, TypeVar

from . import fanout
from .scope import Problem, SolveStats
from .witnesses import Witnesses

T = TypeVar("T")


def fanned(prob: Problem, wit: Witnesses, items: list[int], stats: SolveStats,
            check: Callable[[], None], work: Callable[[Witnesses, int, SolveStats], T],
            costly: bool = False) -> dict[int, T]:
    """``work(witnesses, part, stats)`` for every part of ``items``, in fixed chunks of
    neighbours (``fanout``): each chunk with its own copy of the witnesses, whose new
    solutions come back into ``wit`` afterwards. Returns each part's answer. ``costly``:
    each part takes seconds, so even a few are shared between the cores."""
    runs = fanout.chunks(items, _positions(prob, items), costly)

    def job(k: int, check_run: Callable[[], None]) -> tuple[list | None, SolveStats, list]:
        own = wit if len(runs) == 1 else wit.copy(log=True)
        own_stats = stats if len(runs) == 1 else SolveStats()
        answers = []
        for i in runs[k]:
            check_run()
            answers.append(work(own, i, own_stats))
        return own.log, own_stats, answers

    out: dict[int, T] = {}
    for k, (log, run_stats, answers) in enumerate(fanout.run(job, len(runs), check)):
        for found in log or []:
            wit.apply(*found)
        if run_stats is not stats:
            stats.solves += run_stats.solves
            stats.local += run_stats.local
        out.update(zip(runs[k], answers))
    return out


def nearby_batches(prob: Problem, items: list[int], size: int) -> list[list[int]]:
    """``items`` in runs of at most ``size`` neighbouring parts (by first postcode), small
    enough that there are still ``fanout.MIN_ITEMS`` runs to share between the cores."""
    if not items:
        return []
    size = max(1, min(size, len(items) // fanout.MIN_ITEMS))
    keys = _positions(prob, items)
    ranked = [i for _, i in sorted(zip(keys, items))] if keys is not None else sorted(items)
    return [ranked[k:k + size] for k in range(0, len(ranked), size)]


def _positions(prob: Problem, todo: list[int]) -> list[int] | None:
    """Per part: its first postcode (postcodes are numbered in code order, so nearby
    parts get nearby numbers)."""
    if prob.varmap is None:
        return None
    pc = prob.varmap.pc
    return [int(pc[prob.parts.indices[prob.parts.indptr[i]:prob.parts.indptr[i + 1]]].min())
            for i in todo]
