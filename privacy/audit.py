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
from scipy.sparse import csr_matrix

from .attacker import Model, components
from .knowledge import Knowledge
from .moves import VarMap
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


class _Layout:
    """Variable offsets of the nodes of one component."""

    def __init__(self, model: Model, nodes: list[int]):
        self.model = model
        g_count = model.n_groups
        groups = model.table.catalogue.groups
        self.offset, self.width = {}, {}
        self._atoms: dict[tuple, list[int]] = {}
        pos = 0
        for node in nodes:
            g = node % (g_count + 1)
            w = 1 if g == g_count else 2 ** len(groups[g].columns)
            self.offset[node], self.width[node] = pos, w
            pos += w
        self.size = pos

    def atoms(self, node: int, key: tuple) -> list[int]:
        """The atoms (within the node) a term counts; the same for every postcode."""
        g = node % (self.model.n_groups + 1)
        found = self._atoms.get((g, key))
        if found is None:
            cat = self.model.table.catalogue
            if key[0] == "n" or key[0] == "1":
                vec = np.ones(self.width[node])
            elif key[0] == "s":
                vec = cat.group_of(key[1]).holds(cat[key[1]].terms)
            else:
                cell = next(c for c in cat.and_cells if c.id == key[1])
                vec = cat.groups[g].holds(cell.terms)
            found = self._atoms[(g, key)] = np.nonzero(vec)[0].tolist()
        return found

    def row(self, terms) -> tuple[list[int], list[float]]:
        cols, vals = [], []
        for node, key, sign in terms:
            nz = self.atoms(node, key)
            base = self.offset[node]
            cols.extend(base + k for k in nz)
            vals.extend([float(sign)] * len(nz))
        return cols, vals


def _true_and_bounds(model: Model, layout: _Layout, nodes: list[int]):
    n_pc_true = model.table.values["postcode6"][:, model.table.catalogue.ids.index(
        model.table.catalogue.denominator.id)]
    den = model.table.catalogue.ids.index(model.table.catalogue.denominator.id)
    cap = float(model.table.values["gemeente"][0, den])
    x = np.zeros(layout.size)
    lb_in, lb_out, ub = np.zeros(layout.size), np.zeros(layout.size), np.full(layout.size, cap)
    g_count = model.n_groups
    for node in nodes:
        p, g = divmod(node, g_count + 1)
        o, w = layout.offset[node], layout.width[node]
        if g == g_count:
            x[o] = n_pc_true[p]
            lo = max(0.0, model.know.lo["postcode6"][p, den])
            hi = min(cap, model.know.hi["postcode6"][p, den])
            lb_in[o], lb_out[o], ub[o] = lo, lo, hi
        else:
            x[o:o + w] = model.table.atoms[g][p]
            lb_in[o:o + w] = (x[o:o + w] >= 1).astype(float)
    return x, lb_in, lb_out, ub


def _problem(model: Model, nodes: list[int], cons: list, parts: list) -> Problem:
    layout = _Layout(model, nodes)
    rows, cols, vals, lo, hi = [], [], [], [], []
    for r, con in enumerate(cons):
        c, v = layout.row(con.terms)
        rows.extend([r] * len(c))
        cols.extend(c)
        vals.extend(v)
        lo.append(con.lo)
        hi.append(con.hi)
    a = csr_matrix((vals, (rows, cols)), shape=(len(cons), layout.size))
    prow, pcol, pval = [], [], []
    for r, (_, terms, _) in enumerate(parts):
        c, v = layout.row(terms)
        prow.extend([r] * len(c))
        pcol.extend(c)
        pval.extend(v)
    pmat = csr_matrix((pval, (prow, pcol)), shape=(len(parts), layout.size))
    x, lb_in, lb_out, ub = _true_and_bounds(model, layout, nodes)
    presence = np.array([p[2] for p in parts], dtype=bool)
    via_or = np.array([con.via_or for con in cons], dtype=bool)
    widths = np.array([2 ** len(g.columns) for g in model.table.catalogue.groups])
    return Problem(a, np.array(lo, float), np.array(hi, float), lb_out, lb_in, ub, x, pmat,
                   presence, via_or, _varmap(model, layout, nodes), widths,
                   np.array(nodes, dtype=np.int64))


def _varmap(model: Model, layout: _Layout, nodes: list[int]) -> VarMap:
    """Postcode, group and atom of every variable, for the exchange witnesses."""
    g_count = model.n_groups
    node_arr = np.array(nodes, dtype=np.int64)
    pcs, groups = np.divmod(node_arr, g_count + 1)
    uniq, local = np.unique(pcs, return_inverse=True)
    widths = np.array([layout.width[n] for n in nodes])
    starts = np.array([layout.offset[n] for n in nodes])
    var_pc = np.repeat(local, widths)
    var_group = np.repeat(np.where(groups == g_count, -1, groups), widths)
    var_atom = np.arange(layout.size) - np.repeat(starts, widths)
    start = np.full((len(uniq), g_count), -1, dtype=np.int64)
    atoms = groups < g_count
    start[local[atoms], groups[atoms]] = starts[atoms]
    members = model.table.areas.member
    areas = np.stack([members["postcode4"][uniq], members["buurt"][uniq],
                      members["wijk"][uniq]], axis=1)
    cat = model.table.catalogue
    holds = np.zeros(layout.size, dtype=np.int64)
    for g, group in enumerate(cat.groups):
        mask = np.zeros(2 ** len(group.columns), dtype=np.int64)
        for j, stat_id in enumerate(group.statistics):
            mask |= group.holds(cat[stat_id].terms).astype(np.int64) << j
        sel = var_group == g
        holds[sel] = mask[var_atom[sel]]
    return VarMap(var_pc, var_group, var_atom, start, areas, holds,
                  _loose_totals(model, uniq, areas))


def _loose_totals(model: Model, pcs: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """Per postcode, its postcode-4 and buurt, and group: the bitmask of the group's
    statistics whose total there the attacker does not know exactly (the last slot: the
    household count)."""
    cat = model.table.catalogue
    loose = np.zeros((len(pcs), 2, len(cat.groups) + 1), dtype=np.int64)
    for level, name in enumerate(("postcode4", "buurt")):
        unknown = ~model.know.fixed(name)[areas[:, level]]
        for g, group in enumerate(cat.groups):
            for j, stat_id in enumerate(group.statistics):
                loose[:, level, g] |= unknown[:, cat.ids.index(stat_id)].astype(np.int64) << j
        loose[:, level, -1] = unknown[:, cat.ids.index(cat.denominator.id)]
    return loose


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
        for (qi, _, _), r in zip(parts, res):
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


def component_problems(model: Model, labels: np.ndarray | None = None,
                       quantity_ids: list[int] | None = None) -> dict:
    """Per component with sensitive parts: (parts, Problem). A part is (quantity index,
    its terms in the component, presence). ``quantity_ids``: only these quantities."""
    labels = components(model) if labels is None else labels
    if quantity_ids is None:
        quantity_ids = list(range(len(model.quantities)))
    cons_by = defaultdict(list)
    for con in model.constraints:
        cons_by[labels[con.terms[0][0]]].append(con)
    parts_by = defaultdict(list)
    for qi in quantity_ids:
        q = model.quantities[qi]
        split = defaultdict(list)
        for term in q.terms:
            split[labels[term[0]]].append(term)
        for comp, terms in split.items():
            parts_by[comp].append((qi, terms, q.presence))
    out = {}
    for comp, parts in parts_by.items():
        nodes = {t[0] for con in cons_by[comp] for t in con.terms}
        nodes.update(t[0] for _, terms, _ in parts for t in terms)
        out[comp] = (parts, _problem(model, sorted(nodes), cons_by[comp], parts))
    return out


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
