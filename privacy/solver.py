"""Exact integer attack on one component of the model (HiGHS via ``scipy.optimize.milp``).

For each part of a sensitive quantity in the component, find three distinct feasible
values — for an outsider and for every possible single insider — and, where presence
matters, its minimum. Shortcuts, all sound:

* witnesses: every feasible solution found (the true data first, then cheap household
  exchanges checked exactly — ``moves`` — then every solver answer) counts for all parts
  at once;
* local first: a part is first attacked with everything outside its neighbourhood held at
  the true data. Any solution of that restricted problem is a full feasible solution (a
  witness); only if it yields too few values is the whole component solved, and only the
  whole component can convict. A component too large to solve whole (``FULL_SCOPE_VARS``)
  is attacked in ever wider regions (one ring of postcodes, three rings, every group),
  and convicts only where its linear relaxation (which holds every integer solution)
  already leaves too few values, or for a handful of parts with whole-component solves:
  what those leave short is reported undecided, so the builder suppresses more rather
  than trusting an unproven cell;
* the insider (A8): one known household, in any atom that truly holds one. A witness
  counts for that insider only if the atom still holds a household there. Solves prefer
  (by a tie-break worth less than one unit of the objective) to keep every non-empty atom
  non-empty, so one witness usually serves every insider; a short insider gets its atom
  fixed to >= 1 and its own solves;
* presence: an outsider's view, asking whether 0 is still possible.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import searches
from .chunked import fanned, nearby_batches
from .moves import move_witnesses
from .presence import presence_minima
from .scope import TIME_LIMIT, Hood, Problem, Scope, SolveStats
from .witnesses import Witnesses

WHOLE_TIME_LIMIT = 5.0  # for a stubborn part's solves of a whole large component: the best
# solution found by then is as good a witness as an optimal one
REGION_RINGS = 1  # rings of postcodes for the second try in a component too large to solve
# Wider regions for parts the second try left undecided, at most ``Regions.wider`` a round:
# three rings of the part's own groups (an area's cell needs room beyond its wijk's
# published totals) and one ring of every group (a small postcode's cell needs its
# neighbours' households to move) — for a postcode's cell that one first, where it
# settles most (165 of 200 at Amsterdam's size, cell-key; half the solves). Each takes
# about a second; the whole component, tens.
WIDE_RINGS = 3
WIDE_VARS = 6000  # a wider region larger than this is skipped (as a whole component is)
FULL_FEW = 12  # unsettled parts per round that get the whole component's relaxation
WHOLE_PARTS = 4  # of those, at most this many get integer solves of the whole component
WHOLE_INSIDERS = 2  # insiders per part given their own whole-component solves
LONE_PARTS = 2  # when no more parts than this are left stubborn, they get ...
LONE_TIME_LIMIT = 60.0  # ... this long per whole-component solve, and every insider

WIJK_LINKS = 3  # links beyond a stubborn part's wijken (see attack)
ISLAND_PARTNERS = 3  # then its island joined with each of this many others (Hood.islands)
ISLAND_VARS = 16000  # larger island scopes are skipped (about ten seconds a solve)
WHOLE_VARS = 60000  # larger components get no whole-component solves, broad or stubborn:
# one would take minutes

JOINT = 16  # neighbouring short parts pushed together first (``searches.joint``)

FULL_SCOPE_VARS = 6000  # larger components are attacked through neighbourhoods only


@dataclass(frozen=True)
class Regions:
    """How many short parts of a large component get a region try in one audit round;
    the rest are left undecided, for the repair. ``all_or_none``: more than ``parts``
    short parts get none, in a component of any size — in a suppression release's first
    round, whose many short parts first cost postcode-4 and buurt totals, which the
    postcode-6 map can spare."""

    parts: int = 400
    all_or_none: bool = False
    wider: int = 30  # of the parts the regions leave undecided, these get wider regions
    # (when ``wider >= parts`` every part gets them, and no region try first)
    wijken: int = 60  # of those still undecided, these get their (linked) wijken
    islands: bool = True  # ... and, where that is all of them, their islands


REGIONS = Regions()  # after the first round, and in cell-key releases from the first on


@dataclass
class PartResult:
    distinct: int  # distinct feasible values found (worst insider), capped at the need
    minimum: float  # minimum under the outsider model (only computed for presence parts;
    # where one row proves it positive, that row's lower bound: see presence._row_floor)
    undecided: bool = False


def attack(prob: Problem, stats: SolveStats, min_values: int = 3,
           regions: Regions = REGIONS,
           is_cancelled: Callable[[], bool] | None = None,
           report: Callable[[str], None] | None = None) -> list[PartResult]:
    """Distinct values per part for the outsider and every single insider, and minima.
    ``regions``: how many short parts of a large component get a region try.
    ``is_cancelled`` is asked between parts (a large component takes minutes);
    ``report`` hears, for a large component, how many parts each pass leaves short."""
    start = time.perf_counter()

    def check() -> None:
        if is_cancelled is not None and is_cancelled():
            raise InterruptedError("audit cancelled")

    def said(what: str, parts: list[int]) -> None:
        if report is not None and full is None:
            report(f"{len(parts)} parts {what} ({stats.solves} solves, "
                   f"{time.perf_counter() - start:.0f} s)")
    n_parts = prob.parts.shape[0]
    wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
    reach: dict[int, np.ndarray] = {}
    if prob.varmap is not None:
        stats.moves += move_witnesses(prob.a, prob.row_lo, prob.row_hi, prob.true_x,
                                      prob.lb_outsider, prob.ub, prob.varmap, prob.widths, wit,
                                      reach, prob.presence)
    full = Scope(prob, None, None) if prob.a.shape[1] <= FULL_SCOPE_VARS else None
    hood = Hood(prob)
    undecided = np.zeros(n_parts, dtype=bool)
    worst = np.full(n_parts, min_values)
    todo = wit.short_parts(min_values)
    said(f"of {n_parts} short after {stats.moves} exchange witnesses", todo)
    lb_every = np.maximum(prob.lb_outsider, prob.lb_insider)
    if len(todo) > 2 and prob.a.shape[1] <= WHOLE_VARS:
        searches.broad(prob, wit, todo, stats, min_values)
    # First pass: neighbouring short parts pushed down and up together in their joint
    # neighbourhood, then each still short in its own, outsider and insiders.
    # Each pass below runs its parts in chunks of neighbours, on both cores.
    todo = [i for i in todo if wit.short(i, min_values)]
    batches = {batch[0]: batch for batch in nearby_batches(prob, todo, JOINT)}

    def nearby(own: Witnesses, leader: int, own_stats: SolveStats) -> None:
        batch = batches[leader]
        if full is None:  # a smaller component had the whole-component pushes instead
            searches.joint(prob, own, hood, reach, batch, own_stats, min_values, lb_every)
        for i in batch:
            if own.short(i, min_values):
                searches.neighbourhood(prob, own, hood, reach.get(i), i, own_stats, min_values)

    fanned(prob, wit, list(batches), stats, check, nearby)
    # Second pass: the whole component where affordable (it alone can convict), else the
    # part's region (it can still certify), for as many as ``regions`` allows.
    pending = [i for i in todo if wit.short(i, min_values)]
    said("short after neighbourhood solves", pending)
    if len(pending) > regions.parts and (full is None or regions.all_or_none):
        # A component small enough to solve whole is spared those solves too when the
        # round is all-or-none: the repair treats an undecided part like a pinned one.
        keep = 0 if regions.all_or_none else regions.parts
        undecided[pending[keep:]] = True
        pending = pending[:keep]

    def region(own: Witnesses, i: int, own_stats: SolveStats) -> tuple[bool, int]:
        if full is None:
            scope = Scope(prob, hood.region(prob.parts[i].indices, REGION_RINGS), None)
            return searches.settle(scope, own, i, prob, own_stats, min_values, False, lb_every)
        # Most parts short this late are pinned; the relaxation convicts many of them at
        # a fraction of the integer solves' cost.
        span = searches.relaxed_span(prob, i, own_stats)
        if span < min_values:
            return False, span
        return searches.settle(full, own, i, prob, own_stats, min_values, True, lb_every)

    # Where every part the region would try gets the wider regions too, and they contain
    # the region, the region try is skipped: it settles next to nothing the wider ones
    # do not (2 of 1,502 parts at Amsterdam's size, cell-key) and costs a pass.
    direct = full is None and regions.wider >= regions.parts
    if direct:
        undecided[pending] = True  # until the wider regions settle them
    else:
        for i, (open_, count) in fanned(prob, wit, pending, stats, check, region).items():
            undecided[i], worst[i] = open_, count
        said("undecided after regions", list(np.nonzero(undecided)[0]))

    # Then wider regions (see WIDE_RINGS) for the first of those the region left undecided.
    def wider(own: Witnesses, i: int, own_stats: SolveStats) -> tuple[bool, int]:
        settled, tried = (True, worst[i]), False
        tries = ((WIDE_RINGS, True), (REGION_RINGS, False))
        if prob.varmap is not None and \
                len(np.unique(prob.varmap.pc[prob.parts[i].indices])) == 1:
            tries = tries[::-1]
        for rings, own_groups in tries:
            cols = hood.region(prob.parts[i].indices, rings, own_groups)
            if len(cols) <= WIDE_VARS:
                tried = True
                # An integral relaxed answer will do (a fifth less time, as many settled).
                settled = searches.settle(Scope(prob, cols, None, relaxed_first=True), own,
                                          i, prob, own_stats, min_values, False, lb_every)
                if not settled[0]:
                    break
        if direct and not tried:  # both too large: the skipped region is its one try
            return region(own, i, own_stats)
        return settled

    if full is None:
        first = [i for i in pending if undecided[i]][:regions.wider]
        for i, (open_, count) in fanned(prob, wit, first, stats, check, wider,
                                        costly=True).items():
            undecided[i], worst[i] = open_, count
    stubborn = [i for i in pending if undecided[i]] if full is None else []
    if stubborn and prob.a.shape[1] > WHOLE_VARS:
        # Too large for whole-component solves: the first ``regions.wijken`` get every
        # postcode of their wijken instead, then of the wijken linked to those by a
        # postcode-4 or buurt, up to ``WIJK_LINKS`` times. Postcode-4 areas and buurten
        # can close on themselves (rings add nothing), while the wijk's totals give room
        # — enough for a small postcode's cell at Amsterdam's size (0.4 s), which no ring
        # of regions settled —, and a postcode-4 that reaches into the next wijk lets a
        # household trade across (a cell pinned in its own wijk, free in three). Where
        # the links run out, the part's island with another's (``Hood.islands``): the
        # trade runs out through the wijk totals and the municipal one and back in (10 of
        # 16 parts a 5,000-postcode suppression release left undecided, at 0.3-10 s) —
        # only where every stubborn part gets its wijken: in a round with hundreds, most
        # are pinned, and the tries cost five times the rest of the round.
        few = len(stubborn) <= LONE_PARTS
        # Islands only for a release's last few.
        last = regions.islands and len(stubborn) <= regions.wijken

        def linked(own: Witnesses, i: int, own_stats: SolveStats) -> tuple[bool, int]:
            seed = prob.parts[i].indices
            scopes = []
            for links in range(WIJK_LINKS + 1):
                cols = hood.wijken(seed, links)
                if len(cols) > WIDE_VARS:
                    break
                scopes.append(cols)
            if last:
                scopes += hood.islands(seed, ISLAND_PARTNERS, ISLAND_VARS)
            settled = True, worst[i]
            for cols in scopes:
                scope = Scope(prob, cols, None, LONE_TIME_LIMIT if few else TIME_LIMIT)
                settled = searches.settle(scope, own, i, prob, own_stats, min_values, False,
                                          lb_every)
                if not settled[0]:
                    break
            return settled

        for i, (open_, count) in fanned(prob, wit, stubborn[:regions.wijken], stats, check,
                                        linked, costly=True).items():
            undecided[i], worst[i] = open_, count
        stubborn = []
    else:
        stubborn = stubborn[:FULL_FEW]
    # Last: the first few that no region settles are bounded by the linear relaxation of
    # the whole component (where even that leaves fewer than three values they are
    # convicted); a handful more get integer solves of the whole component, for the
    # outsider and the insiders in the part itself — slow, but only they can clear them.
    # Each round takes the next few, so parts the repairs cannot help still get proofs.
    # The last one or two of a release get time enough: a repair does not make a part
    # the solver ran out of time on any easier, so it would stay undecided round after
    # round while the map lost cells around it.
    lone = len(stubborn) <= LONE_PARTS
    if stubborn:
        whole = Scope(prob, None, None, LONE_TIME_LIMIT if lone else WHOLE_TIME_LIMIT)
        tried = 0
        for i in stubborn:
            check()
            span = searches.relaxed_span(prob, i, stats)
            if span < min_values:
                undecided[i], worst[i] = False, span
            elif tried < WHOLE_PARTS:
                tried += 1
                undecided[i], worst[i] = searches.settle(
                    whole, wit, i, prob, stats, min_values, True, lb_every,
                    None if lone else WHOLE_INSIDERS)
    said("undecided after wider regions, wijken and whole-component solves",
         list(np.nonzero(undecided)[0]))
    # An undecided part makes its quantity a finding, whose presence no one asks about:
    # it is attacked again after the repair.
    minima = presence_minima(prob, stats, wit, hood, full is not None, check, undecided)
    return [PartResult(int(min(worst[i], min_values)), minima[i], bool(undecided[i]))
            for i in range(n_parts)]


