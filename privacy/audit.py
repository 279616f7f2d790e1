"""Audit: attack the whole release (and the ledger) with the exact integer attacker.

Returns findings a data analyst can act on: which sensitive quantity (a hidden small
count, a small complement, an AND-cell of an OR-combination) an attacker pins to fewer
than three values, or proves present. Findings name the area and statistic only — never
a value — so the report itself discloses nothing.
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .attacker import Model, components
from .knowledge import Knowledge
from .problems import component_problems
from .solver import REGIONS, PartResult, Problem, Regions, SolveStats, attack

Progress = Callable[[float, str], None]


@dataclass
class Finding:
    level: str
    area_code: str
    kind: str  # cell | complement | and
    name: str
    problem: str  # "pinned" | "presence" | "undecided"
    area: int = -1

    def to_json(self) -> dict:
        return {"level": self.level, "area_code": self.area_code, "kind": self.kind,
                "name": self.name, "problem": self.problem}


@dataclass
class AuditResult:
    passed: bool
    findings: list[Finding]
    checked: dict[str, int]
    components: int
    largest_component: int
    solves: int
    seconds: float
    notes: list[str] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # presence proven (reported)

    def summary(self) -> dict:
        """Counts only: safe to store in the release metadata."""
        return {"passed": self.passed, "findings": len(self.findings), "checked": self.checked,
                "presence_warnings": len(self.warnings),
                "components": self.components, "largest_component": self.largest_component,
                "solves": self.solves, "notes": self.notes}


@dataclass
class _Certified:
    """Quantities a previous round certified, and what the attacker knew then. Repairs
    only hide more, so every witness of that round stays feasible: while the knowledge
    only widens, those quantities need no new attack."""

    know: Knowledge
    min_values: int
    keys: set = field(default_factory=set)
    presence: set = field(default_factory=set)

    def holds_for(self, know: Knowledge, min_values: int, den: int) -> bool:
        if min_values != self.min_values:
            return False
        old = self.know
        for lv in old.lo:
            if old.lo[lv].shape != know.lo[lv].shape:
                return False
            if (know.lo[lv] > old.lo[lv]).any() or (know.hi[lv] < old.hi[lv]).any() or \
                    (know.chi[lv] < old.chi[lv]).any():
                return False
            # A cell whose value and denominator were both exact had one complement in
            # every old witness; a new lower bound on it that the truth meets loses none.
            exact = (old.lo[lv] == old.hi[lv]) & (old.lo[lv][:, [den]] == old.hi[lv][:, [den]])
            complement = old.lo[lv][:, [den]] - old.lo[lv]
            if ((know.clo[lv] > old.clo[lv]) & ~(exact & (know.clo[lv] <= complement))).any():
                return False
        return True


def _key(q) -> tuple:
    return (q.level, q.area, q.kind, q.name)


def audit_model(model: Model, progress: Progress | None = None,
                is_cancelled: Callable[[], bool] | None = None,
                min_values: int = 3, cache: dict | None = None,
                regions: Regions = REGIONS) -> AuditResult:
    """Attack every sensitive quantity of the model; pass only if none is pinned.
    ``regions``: see ``solver.attack``."""
    start = time.perf_counter()
    cache = {} if cache is None else cache  # identical components give identical answers
    memory = cache.get("certified")
    den = model.table.stat_ids.index(model.table.catalogue.denominator.id)
    done = memory.keys if memory is not None and memory.holds_for(model.know, min_values, den) \
        else set()
    active = [qi for qi, q in enumerate(model.quantities) if _key(q) not in done]
    labels = components(model)
    split = component_problems(model, labels, active)
    stats = SolveStats()
    results: dict[int, list[tuple[int, PartResult]]] = defaultdict(list)
    order = sorted(split)
    for k, comp in enumerate(order):
        if is_cancelled is not None and is_cancelled():
            raise InterruptedError("audit cancelled")
        parts, prob = split[comp]
        key = (min_values, regions, _cache_key(prob))
        if key in cache:
            res = cache[key]
        else:
            res = attack(prob, stats, min_values, regions, is_cancelled,
                         None if progress is None else
                         lambda msg, k=k: progress(k / len(order), f"audit: component {k + 1}: "
                                                   f"{msg}"))
            cache[key] = res
        for qi, r in zip(parts.quantity.tolist(), res):
            results[qi].append(r)
        if progress is not None and k % 200 == 0:
            progress(k / max(1, len(order)), f"audit: component {k + 1} of {len(order)}")
    every = _findings(model, results, min_values, active)
    findings = [f for f in every if f.problem != "presence"]
    warnings = [f for f in every if f.problem == "presence"]
    kept = memory.presence if done else set()
    warnings += [Finding(q.level, str(model.table.areas.codes[q.level][q.area]), q.kind, q.name,
                         "presence", q.area) for q in model.quantities if _key(q) in kept]
    flagged = {(f.level, f.area, f.kind, f.name) for f in findings}
    cache["certified"] = _Certified(
        model.know, min_values,
        done | {_key(model.quantities[qi]) for qi in active} - flagged,
        kept | {(f.level, f.area, f.kind, f.name) for f in warnings})
    checked = defaultdict(int)
    for q in model.quantities:
        checked[q.kind] += 1
    sizes = np.bincount(labels[[n for _, prob in split.values() for n in prob.nodes]]) \
        if split else [0]
    notes = [f"{len(model.quantities) - len(active)} quantities certified by an earlier "
             "round's witnesses (the attacker's knowledge only widened since)"] if done else []
    notes.append(f"{stats.moves} exchange witnesses, {stats.solves} exact solves")
    return AuditResult(not findings, findings, dict(checked), len(order),
                       int(np.max(sizes)) if len(sizes) else 0, stats.solves,
                       time.perf_counter() - start, notes=notes, warnings=warnings)


def _cache_key(prob: Problem):
    return (prob.a.shape, prob.a.indices.tobytes(), prob.a.data.tobytes(),
            prob.row_lo.tobytes(), prob.row_hi.tobytes(), prob.lb_insider.tobytes(),
            prob.lb_outsider.tobytes(), prob.ub.tobytes(), prob.parts.indices.tobytes(),
            prob.parts.indptr.tobytes(), prob.parts.data.tobytes(), prob.presence.tobytes(),
            prob.a.indptr.tobytes(), prob.via_or.tobytes())


def _findings(model: Model, results: dict, min_values: int, active: list[int]
              ) -> list[Finding]:
    out = []
    for qi in active:
        q = model.quantities[qi]
        res = results.get(qi, [])
        code = str(model.table.areas.codes[q.level][q.area])
        distinct = 1 + sum(r.distinct - 1 for r in res)
        if any(r.undecided for r in res):
            out.append(Finding(q.level, code, q.kind, q.name, "undecided", q.area))
        elif distinct < min_values:
            out.append(Finding(q.level, code, q.kind, q.name, "pinned", q.area))
        elif q.presence and q.const + sum(r.minimum for r in res) > 0:
            out.append(Finding(q.level, code, q.kind, q.name, "presence", q.area))
    return out
