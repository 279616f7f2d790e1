"""The attacker's integer model of a release, split into independent components.

Unknowns per postcode: the household count per atom of each column group (``x``) and,
where the postcode's household count is not published, that count (``n``). Every cell at
every level is a sum of these; the attacker's knowledge bounds each cell (``Knowledge``).
A published sub-area replaces its postcodes by its value, so a total links only the
postcodes whose own value is unknown; postcodes that share no such link are independent
components (solved separately, and a quantity spanning components is a sum of parts).

A *node* is (postcode, group) or (postcode, n). Terms are ``(node, vector key, sign)``:
vector key ``("s", stat)`` is the statistic's 0/1 vector over the group's atoms,
``("a", and_cell)`` an AND-cell's, ``("1",)`` all atoms, ``("n",)`` the household count.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .knowledge import Knowledge
from .release_io import LEVELS
from .tables import TrueTable

Term = tuple[int, tuple, int]


@dataclass
class Constraint:
    terms: list[Term]
    lo: float
    hi: float
    via_or: bool = False  # an OR-combination's cell (presence through it is accepted)


@dataclass
class Quantity:
    """A sensitive quantity: a cell, a complement or an AND-cell with true value 1..T-1."""

    level: str
    area: int
    kind: str  # "cell" | "complement" | "and"
    name: str  # statistic id or AND-cell id
    terms: list[Term]
    true: int
    const: int  # true value minus the true value of the terms (published parts)
    presence: bool  # hidden as "< threshold": proving it non-zero is a disclosure


@dataclass
class Model:
    table: TrueTable
    know: Knowledge
    threshold: int
    constraints: list[Constraint] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    @property
    def n_groups(self) -> int:
        return len(self.table.catalogue.groups)

    @cached_property
    def term_kind(self) -> list[tuple[int, tuple]]:
        """Per statistic: the node's group slot and vector key of its terms (the
        household count for the denominator)."""
        cat = self.table.catalogue
        return [(self.n_groups, ("n",)) if stat.kind == "denominator" else
                (cat.group_of(stat.id).index, ("s", stat.id)) for stat in cat.statistics]

    def node(self, p: np.ndarray | int, g: int) -> np.ndarray | int:
        return p * (self.n_groups + 1) + g

    def n_node(self, p):
        return p * (self.n_groups + 1) + self.n_groups


def _unknown_postcodes(model: Model, level: str, s: int) -> tuple[np.ndarray, np.ndarray]:
    """Per postcode: unknown in its ``level`` area's constraint for statistic s? Also the
    area each postcode belongs to. For gemeente the nested chain with fewer unknowns."""
    areas = model.table.areas
    fixed = {lv: model.know.fixed(lv)[:, s] for lv in LEVELS}
    chains = [["postcode6"]] if level != "gemeente" else [["postcode6", "buurt", "wijk"],
                                                          ["postcode6", "postcode4"]]
    if level == "wijk":
        chains = [["postcode6", "buurt"]]
    if level == "postcode6":  # atoms are always unknown; a household count may be published
        den = model.table.catalogue.ids.index(model.table.catalogue.denominator.id)
        if s == den:
            return ~fixed["postcode6"], areas.member["postcode6"]
        return np.ones(len(areas.postcodes), dtype=bool), areas.member["postcode6"]
    best = None
    for chain in chains:
        unknown = np.ones(len(areas.postcodes), dtype=bool)
        for lv in chain:
            unknown &= ~fixed[lv][areas.member[lv]]
        if best is None or unknown.sum() < best.sum():
            best = unknown
    return best, areas.member[level]


def _y_terms(model: Model, p_list: np.ndarray, s: int, sign: int) -> list[Term]:
    """The terms of statistic s over postcodes ``p_list``: each postcode's household
    count for the denominator, else its statistic's atoms in the statistic's group."""
    kind = model.term_kind[s]
    nodes = (np.asarray(p_list, dtype=np.int64) * (model.n_groups + 1) + kind[0]).tolist()
    key = kind[1]
    return [(node, key, sign) for node in nodes]


def build_model(table: TrueTable, know: Knowledge, threshold: int) -> Model:
    """All constraints and sensitive quantities of the attacker's model."""
    model = Model(table, know, threshold)
    cat = table.catalogue
    den = cat.ids.index(cat.denominator.id)
    n_pc = len(table.areas.postcodes)
    n_true = table.values["postcode6"][:, den]
    n_fixed = know.fixed("postcode6")[:, den]
    for g in range(model.n_groups):
        nodes = (np.arange(n_pc, dtype=np.int64) * (model.n_groups + 1) + g).tolist()
        n_nodes = (np.arange(n_pc, dtype=np.int64) * (model.n_groups + 1)
                   + model.n_groups).tolist()
        for p, (fixed, node, n_node) in enumerate(zip(n_fixed.tolist(), nodes, n_nodes)):
            if fixed:
                model.constraints.append(Constraint([(node, ("1",), 1)], n_true[p], n_true[p]))
            else:
                model.constraints.append(Constraint([(node, ("1",), 1), (n_node, ("n",), -1)],
                                                    0, 0))
    t = threshold
    is_or = [stat.kind == "or" for stat in cat.statistics]
    # A household count CBS publishes is no secret of the release (it is rounded there).
    public = (know.public_households if know.public_households is not None else
              np.zeros(n_pc, dtype=bool)).tolist()
    pc6_fast = n_fixed.tolist()
    for level in LEVELS:
        true = table.values[level]
        n_areas = true.shape[0]
        unk_den, member = _unknown_postcodes(model, level, den)
        den_area = _split(np.nonzero(unk_den)[0], member, n_areas)
        den_sum = _area_sums(n_true, unk_den, member, n_areas)
        dens = true[:, den].tolist()
        for s, stat_id in enumerate(cat.ids):
            unk, _ = _unknown_postcodes(model, level, s)
            by_area = _split(np.nonzero(unk)[0], member, n_areas)
            consts = (true[:, s] - _area_sums(table.values["postcode6"][:, s], unk, member,
                                              n_areas)).tolist()
            cconsts = (true[:, den] - den_sum - np.asarray(consts)).tolist()
            los, his = know.lo[level][:, s].tolist(), know.hi[level][:, s].tolist()
            clos, chis = know.clo[level][:, s].tolist(), know.chi[level][:, s].tolist()
            fast = level == "postcode6" and s != den
            for a, v in enumerate(true[:, s].tolist()):
                v = int(v)
                rest = int(dens[a] - v)
                lo, hi = los[a], his[a]
                if fast and pc6_fast[a] and lo == hi and not 1 <= v < t and not 1 <= rest < t:
                    model.constraints.append(Constraint(_y_terms(model, [a], s, 1), lo, hi,
                                                        is_or[s]))
                    continue  # fast path: a published postcode cell
                ps = by_area[a]
                const = consts[a]
                terms = _y_terms(model, ps, s, 1)
                if terms and (lo > -np.inf or hi < np.inf):
                    model.constraints.append(Constraint(terms, lo - const, hi - const,
                                                        is_or[s]))
                cconst = cconsts[a]
                cterms = _y_terms(model, den_area[a], den, 1) + _y_terms(model, ps, s, -1)
                if s != den and cterms and (clos[a] > 0 or chis[a] < np.inf):
                    model.constraints.append(Constraint(cterms, clos[a] - cconst,
                                                        chis[a] - cconst, is_or[s]))
                if 1 <= v < t and not (s == den and level == "postcode6" and public[a]):
                    model.quantities.append(Quantity(level, a, "cell", stat_id, terms, v,
                                                     int(const), presence=bool(lo <= 0)))
                if s != den and 1 <= rest < t:
                    model.quantities.append(Quantity(level, a, "complement", stat_id, cterms,
                                                     rest, int(cconst), presence=False))
        _and_quantities(model, level, member)
    return model


def _and_quantities(model: Model, level: str, member: np.ndarray) -> None:
    cat = model.table.catalogue
    t = model.threshold
    for cell in cat.and_cells:
        group = cat.group_of(cell.statistic)
        vec = group.holds(cell.terms).astype(np.int64)
        pc_true = model.table.atoms[group.index] @ vec
        n_areas = int(member.max()) + 1
        area_true = np.bincount(member, weights=pc_true, minlength=n_areas)
        members = _split(np.arange(len(member)), member, n_areas)
        for a in np.nonzero((area_true >= 1) & (area_true < t))[0]:
            ps = members[a]
            terms = [(int(model.node(p, group.index)), ("a", cell.id), 1) for p in ps]
            model.quantities.append(Quantity(level, int(a), "and", cell.id, terms,
                                             int(area_true[a]), 0, presence=False))


def _area_sums(values: np.ndarray, unknown: np.ndarray, member: np.ndarray, n_areas: int
               ) -> np.ndarray:
    """Per area: the sum of ``values`` over its postcodes flagged ``unknown``."""
    return np.bincount(member[unknown], weights=values[unknown].astype(float), minlength=n_areas)


def _split(ps: np.ndarray, member: np.ndarray, n_areas: int) -> list[np.ndarray]:
    order = np.argsort(member[ps], kind="stable")
    ps = ps[order]
    bounds = np.searchsorted(member[ps], np.arange(n_areas + 1))
    return [ps[bounds[a]:bounds[a + 1]] for a in range(n_areas)]


def components(model: Model) -> np.ndarray:
    """Component label per node id (nodes linked by a shared constraint)."""
    n_nodes = len(model.table.areas.postcodes) * (model.n_groups + 1)
    rows, cols = [], []
    for con in model.constraints:
        nodes = [term[0] for term in con.terms]
        if len(nodes) > 1:
            rows.extend(nodes[:-1])
            cols.extend(nodes[1:])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_nodes, n_nodes))
    return connected_components(graph, directed=False)[1]
