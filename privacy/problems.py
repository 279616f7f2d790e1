"""A component's attack problem: the attacker's model of one component, as sparse rows
over the component's variables (``scope.Problem``), with its sensitive parts.

Variables are the household counts per atom of each column group at each postcode (and
a hidden household count); the model's term arrays expand into them with one array of
atoms per (group, key).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from .attacker import Model, components
from .exchanges import VarMap
from .scope import Problem
from .terms import TermTable, segment_index


class _Layout:
    """Where the variables of some components' nodes sit, and which atoms each term counts.

    Nodes are grouped by component, ascending within one; a node's variables start at its
    offset within its component (its atoms, or the one household count)."""

    def __init__(self, model: Model, nodes: np.ndarray, labels: np.ndarray):
        self.model = model
        self.g1 = model.n_groups + 1
        groups = model.table.catalogue.groups
        self.slot_width = np.array([2 ** len(g.columns) for g in groups] + [1])
        ids = np.unique(nodes)
        self.nodes = ids[np.argsort(labels[ids], kind="stable")]
        self.comp = labels[self.nodes]
        self.width = self.slot_width[self.nodes % self.g1]
        ends = np.cumsum(self.width)
        first = np.searchsorted(self.comp, self.comp)  # each component's first node
        self.offset = ends - self.width - (ends - self.width)[first]
        self._offset_of = np.zeros(len(labels), dtype=np.int64)  # per node id
        self._offset_of[self.nodes] = self.offset

    def _atoms(self, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per (group slot, key) pair, coded slot * keys + key: where the atoms a term
        counts start in the returned pool and how many (the same for every postcode)."""
        cat = self.model.table.catalogue
        keys = self.model.keys
        start = np.zeros(self.g1 * len(keys), dtype=np.int64)
        count = np.zeros_like(start)
        pool, at = [], 0
        for pair in np.unique(pairs).tolist():
            g, k = divmod(pair, len(keys))
            key = keys[k]
            if key[0] == "n" or key[0] == "1":
                vec = np.ones(self.slot_width[g])
            elif key[0] == "s":
                vec = cat.group_of(key[1]).holds(cat[key[1]].terms)
            else:
                cell = next(c for c in cat.and_cells if c.id == key[1])
                vec = cat.groups[g].holds(cell.terms)
            found = np.nonzero(vec)[0].astype(np.int32)
            pool.append(found)
            start[pair], count[pair] = at, len(found)
            at += len(found)
        return start, count, np.concatenate(pool) if pool else np.zeros(0, dtype=np.int32)

    def entries(self, forms: TermTable) -> _Entries:
        """The matrix entries of ``forms``, one row each, columns within the component."""
        pairs = (forms.node % self.g1) * len(self.model.keys) + forms.key
        start, count, pool = self._atoms(pairs)
        n = count[pairs]
        base = self._offset_of[forms.node]
        col = pool[segment_index(start[pairs], n)]
        col += np.repeat(base.astype(col.dtype), n)
        by_term = np.zeros(len(n) + 1, dtype=np.int64)
        np.cumsum(n, out=by_term[1:])
        return _Entries(col, np.repeat(forms.sign.astype(float), n), by_term[forms.ptr])


@dataclass
class _Entries:
    """Matrix entries of many forms, in the forms' order: each entry's column and value;
    per form where its entries start."""

    col: np.ndarray
    val: np.ndarray
    ptr: np.ndarray

    def matrix(self, f0: int, f1: int, size: int) -> csr_matrix:
        """Forms f0..f1-1 as rows, in canonical form (columns sorted, repeats summed): the
        matrix scipy builds from the same entries as COO triplets."""
        e0, e1 = self.ptr[f0], self.ptr[f1]
        out = csr_matrix((self.val[e0:e1], self.col[e0:e1], self.ptr[f0:f1 + 1] - e0),
                         shape=(f1 - f0, size))
        out.sum_duplicates()
        return out


def _true_and_bounds(model: Model, nodes: np.ndarray, starts: np.ndarray, size: int):
    table = model.table
    den = table.den
    cap = float(table.values["gemeente"][0, den])
    x = np.zeros(size)
    lb_in, lb_out, ub = np.zeros(size), np.zeros(size), np.full(size, cap)
    pcs, slots = np.divmod(nodes, model.n_groups + 1)
    counts = slots == model.n_groups
    at, p = starts[counts], pcs[counts]
    x[at] = table.values["postcode6"][p, den]
    lb_in[at] = lb_out[at] = np.maximum(0.0, model.know.lo["postcode6"][p, den])
    ub[at] = np.minimum(cap, model.know.hi["postcode6"][p, den])
    for g, atoms in enumerate(table.atoms):
        sel = slots == g
        at = starts[sel, None] + np.arange(atoms.shape[1])
        x[at] = atoms[pcs[sel]]
        lb_in[at] = (x[at] >= 1).astype(float)
    return x, lb_in, lb_out, ub


def _problem(model: Model, layout: _Layout, masks: _Statistics, span: tuple[int, int],
             a: _Entries, rows: tuple[int, int], parts: _Entries, part_rows: tuple[int, int],
             bounds: tuple[np.ndarray, ...], presence: np.ndarray) -> Problem:
    """One component's Problem: its nodes ``layout.nodes[span]``, its constraints' rows
    and parts' rows of the entries, the constraints' lo, hi and via_or (``bounds``)."""
    nodes = layout.nodes[span[0]:span[1]]
    starts, widths = layout.offset[span[0]:span[1]], layout.width[span[0]:span[1]]
    size = int(widths.sum())
    x, lb_in, lb_out, ub = _true_and_bounds(model, nodes, starts, size)
    lo, hi, via_or = (b[rows[0]:rows[1]] for b in bounds)
    return Problem(a.matrix(*rows, size), lo, hi, lb_out, lb_in, ub, x,
                   parts.matrix(*part_rows, size), presence[part_rows[0]:part_rows[1]], via_or,
                   _varmap(model, masks, nodes, starts, widths, size), layout.slot_width[:-1],
                   nodes.copy())


class _Statistics:
    """Per group, which of its statistics count each atom and each total, as bitmasks
    (bit j: the group's j-th statistic), for the exchange witnesses' ``VarMap``."""

    def __init__(self, model: Model):
        cat = model.table.catalogue
        groups = cat.groups
        self.holds = np.zeros((len(groups), max([2 ** len(g.columns) for g in groups] + [1])),
                              dtype=np.int64)  # per group and atom
        self.weights = np.zeros((len(cat.ids), len(groups) + 1), dtype=np.int64)
        for g, group in enumerate(groups):
            for j, stat_id in enumerate(group.statistics):
                self.holds[g, :2 ** len(group.columns)] |= \
                    group.holds(cat[stat_id].terms).astype(np.int64) << j
                self.weights[cat.ids.index(stat_id), g] |= 1 << j
        self.weights[cat.ids.index(cat.denominator.id), -1] = 1  # the household count
        self.unknown = [~model.know.fixed(name) for name in ("postcode4", "buurt", "wijk")]


def _varmap(model: Model, masks: _Statistics, nodes: np.ndarray, starts: np.ndarray,
            widths: np.ndarray, size: int) -> VarMap:
    """Postcode, group and atom of every variable, for the exchange witnesses."""
    g_count = model.n_groups
    pcs, groups = np.divmod(nodes, g_count + 1)
    uniq, local = np.unique(pcs, return_inverse=True)
    var_pc = np.repeat(local, widths)
    var_group = np.repeat(np.where(groups == g_count, -1, groups), widths)
    var_atom = np.arange(size) - np.repeat(starts, widths)
    start = np.full((len(uniq), g_count), -1, dtype=np.int64)
    atoms = groups < g_count
    start[local[atoms], groups[atoms]] = starts[atoms]
    members = model.table.areas.member
    areas = np.stack([members["postcode4"][uniq], members["buurt"][uniq],
                      members["wijk"][uniq]], axis=1)
    holds = np.zeros(size, dtype=np.int64)
    sel = var_group >= 0
    holds[sel] = masks.holds[var_group[sel], var_atom[sel]]
    # Per postcode, its postcode-4, buurt and wijk, and group: the bitmask of the group's
    # statistics whose total there the attacker does not know exactly (the last slot:
    # the household count).
    loose = np.stack([unknown[areas[:, level]].astype(np.int64) @ masks.weights
                      for level, unknown in enumerate(masks.unknown)], axis=1)
    return VarMap(var_pc, var_group, var_atom, start, areas, holds, loose)


class Parts(Sequence):
    """A component's sensitive parts: (quantity index, its terms in the component,
    presence) each. The audit reads ``quantity`` and ``presence`` as arrays; a part's
    tuple is made when asked for (a big city has some 400,000 parts)."""

    def __init__(self, quantity: np.ndarray, presence: np.ndarray, forms: TermTable,
                 first: int):
        self.quantity, self.presence = quantity, presence
        self._forms, self._first = forms, first  # part i is form first + i

    def __len__(self) -> int:
        return len(self.quantity)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return int(self.quantity[i]), self._forms.form(self._first + i), bool(self.presence[i])

    def __iter__(self):
        return (self[i] for i in range(len(self)))


def component_problems(model: Model, labels: np.ndarray | None = None,
                       quantity_ids: list[int] | None = None) -> dict:
    """Per component with sensitive parts: (parts, Problem). A part is (quantity index,
    its terms in the component, presence). ``quantity_ids``: only these quantities.
    Components come in the order their first part appears; rows in the model's order."""
    labels = components(model) if labels is None else labels
    ids = np.arange(len(model.quantities)) if quantity_ids is None else \
        np.asarray(quantity_ids, dtype=np.int64).reshape(-1)
    # Parts: each quantity's terms split by component, by component then quantity.
    qt = model.quantity_terms.take(ids)
    term_comp = labels[qt.node]
    comps, first = np.unique(term_comp, return_index=True)
    term_q = np.repeat(np.arange(len(ids)), qt.lengths)
    by = np.argsort(term_comp, kind="stable")
    term_comp, term_q = term_comp[by], term_q[by]
    new = np.ones(len(by), dtype=bool)
    new[1:] = (term_comp[1:] != term_comp[:-1]) | (term_q[1:] != term_q[:-1])
    parts = TermTable(np.append(np.nonzero(new)[0], len(by)), qt.node[by], qt.key[by],
                      qt.sign[by], qt.vocabulary)
    part_comp, part_q = term_comp[new], ids[term_q[new]]
    presence = np.array([model.quantities[qi].presence for qi in part_q.tolist()], dtype=bool)
    # Constraints of those components, by component, in the model's order within one.
    cons = model.constraints
    con_comp = labels[cons.terms.node[cons.terms.ptr[:-1]]]
    wanted = np.zeros(len(labels), dtype=bool)
    wanted[comps] = True
    sel = np.nonzero(wanted[con_comp])[0]
    sel = sel[np.argsort(con_comp[sel], kind="stable")]
    con_comp = con_comp[sel]
    forms = cons.terms.take(sel)
    layout = _Layout(model, np.concatenate([forms.node, parts.node]), labels)
    a, p = layout.entries(forms), layout.entries(parts)
    bounds = (cons.lo[sel], cons.hi[sel], cons.via_or[sel])
    masks = _Statistics(model)
    order = comps[np.argsort(first)]
    out = {}
    for comp, nodes, rows, (k0, k1) in zip(order.tolist(), _spans(layout.comp, order),
                                           _spans(con_comp, order), _spans(part_comp, order)):
        out[comp] = (Parts(part_q[k0:k1], presence[k0:k1], parts, k0),
                     _problem(model, layout, masks, nodes, a, rows, p, (k0, k1), bounds,
                              presence))
    return out


def _spans(sorted_comp: np.ndarray, comps: np.ndarray) -> list[tuple[int, int]]:
    """Per component of ``comps``: where its run in ``sorted_comp`` starts and ends."""
    comps = comps.astype(sorted_comp.dtype)
    return list(zip(np.searchsorted(sorted_comp, comps).tolist(),
                    np.searchsorted(sorted_comp, comps, side="right").tolist()))
