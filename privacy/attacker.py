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
The model keeps them as flat arrays (``terms.TermTable``), the keys as codes into
``Model.keys``: every statistic's areas become constraints in a few array operations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .knowledge import Knowledge
from .model_forms import household_links, statistic_forms
from .release_io import LEVELS
from .tables import TrueTable
from .terms import TermBuilder, Terms, TermTable


@dataclass
class Constraint:
    terms: Terms
    lo: float
    hi: float
    via_or: bool = False  # an OR-combination's cell (presence through it is accepted)


@dataclass
class Constraints:
    """Every constraint of the model: form r of ``terms`` lies within [lo[r], hi[r]].
    Reads as a sequence of ``Constraint``."""

    terms: TermTable
    lo: np.ndarray
    hi: np.ndarray
    via_or: np.ndarray  # bool per constraint

    def __len__(self) -> int:
        return len(self.lo)

    def __getitem__(self, r: int) -> Constraint:
        return Constraint(self.terms.form(r), float(self.lo[r]), float(self.hi[r]),
                          bool(self.via_or[r]))

    def __iter__(self):
        return (self[r] for r in range(len(self)))


@dataclass
class Quantity:
    """A sensitive quantity: a cell, a complement or an AND-cell with true value 1..T-1."""

    level: str
    area: int
    kind: str  # "cell" | "complement" | "and"
    name: str  # statistic id or AND-cell id
    true: int
    const: int  # true value minus the true value of the terms (published parts)
    presence: bool  # hidden as "< threshold": proving it non-zero is a disclosure
    forms: TermTable = field(repr=False, compare=False)  # the model's quantity terms
    row: int = 0  # this quantity's form there

    @property
    def terms(self) -> Terms:
        return self.forms.form(self.row)


@dataclass
class Model:
    table: TrueTable
    know: Knowledge
    threshold: int
    constraints: Constraints | None = None
    quantities: list[Quantity] = field(default_factory=list)
    quantity_terms: TermTable | None = None  # form qi: the terms of quantity qi

    @property
    def n_groups(self) -> int:
        return len(self.table.catalogue.groups)

    @cached_property
    def keys(self) -> tuple[tuple, ...]:
        """The vector keys; terms name them by index."""
        cat = self.table.catalogue
        return ((("1",), ("n",)) +
                tuple(("s", s.id) for s in cat.statistics if s.kind != "denominator") +
                tuple(("a", c.id) for c in cat.and_cells))

    @cached_property
    def key_code(self) -> dict[tuple, int]:
        return {key: k for k, key in enumerate(self.keys)}

    @cached_property
    def term_kind(self) -> list[tuple[int, int]]:
        """Per statistic: the node's group slot and key code of its terms (the household
        count for the denominator)."""
        cat = self.table.catalogue
        return [(self.n_groups, self.key_code[("n",)]) if stat.kind == "denominator" else
                (cat.group_of(stat.id).index, self.key_code[("s", stat.id)])
                for stat in cat.statistics]

    def node(self, p: np.ndarray | int, g: int) -> np.ndarray | int:
        return p * (self.n_groups + 1) + g

    def n_node(self, p):
        return p * (self.n_groups + 1) + self.n_groups


class _Quantities:
    """Sensitive quantities block by block: their forms and their fields as lists."""

    def __init__(self, keys: tuple[tuple, ...]):
        self.forms = TermBuilder(keys)
        self.fields: list[list] = [[] for _ in range(7)]

    def add(self, level: str, names: str | list[str], areas: np.ndarray,
            kinds: str | list[str], true: np.ndarray, const: np.ndarray,
            presence: np.ndarray) -> None:
        """Quantities of one level in ``areas``; ``names``, ``kinds``: one for all, or one
        each. Their forms go into ``forms`` in the same order."""
        n = len(areas)
        for column, values in zip(self.fields, (
                [level] * n, areas.tolist(), kinds if isinstance(kinds, list) else [kinds] * n,
                names if isinstance(names, list) else [names] * n,
                true.astype(np.int64).tolist(), const.astype(np.int64).tolist(),
                presence.astype(bool).tolist())):
            column.extend(values)

    def build(self) -> tuple[list[Quantity], TermTable]:
        table = self.forms.table()
        forms = [table] * len(table)
        return list(map(Quantity, *self.fields, forms, range(len(table)))), table


def build_model(table: TrueTable, know: Knowledge, threshold: int) -> Model:
    """All constraints and sensitive quantities of the attacker's model."""
    model = Model(table, know, threshold)
    forms = TermBuilder(model.keys)
    bounds: list[tuple[np.ndarray, ...]] = []
    quantities = _Quantities(model.keys)
    bounds.append(household_links(model, forms))
    fixed = {lv: know.fixed(lv) for lv in LEVELS}
    for level in LEVELS:
        unk_den, member = _unknown_postcodes(model, fixed, level, table.den)
        for s in range(len(table.stat_ids)):
            unk = _unknown_postcodes(model, fixed, level, s)[0]
            bounds.append(statistic_forms(model, level, s, unk, unk_den, member, forms,
                                          quantities))
        _and_quantities(model, level, member, quantities)
    lo, hi, via_or = (np.concatenate(part) for part in zip(*bounds))
    model.constraints = Constraints(forms.table(), lo, hi, via_or)
    model.quantities, model.quantity_terms = quantities.build()
    return model


def _unknown_postcodes(model: Model, fixed: dict[str, np.ndarray], level: str, s: int
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Per postcode: unknown in its ``level`` area's constraint for statistic s? Also the
    area each postcode belongs to. For gemeente the nested chain with fewer unknowns.
    ``fixed``: per level, the cells the attacker knows exactly."""
    areas = model.table.areas
    chains = [["postcode6"]] if level != "gemeente" else [["postcode6", "buurt", "wijk"],
                                                          ["postcode6", "postcode4"]]
    if level == "wijk":
        chains = [["postcode6", "buurt"]]
    if level == "postcode6":  # atoms are always unknown; a household count may be published
        if s == model.table.den:
            return ~fixed["postcode6"][:, s], areas.member["postcode6"]
        return np.ones(len(areas.postcodes), dtype=bool), areas.member["postcode6"]
    best = None
    for chain in chains:
        unknown = np.ones(len(areas.postcodes), dtype=bool)
        for lv in chain:
            unknown &= ~fixed[lv][areas.member[lv], s]
        if best is None or unknown.sum() < best.sum():
            best = unknown
    return best, areas.member[level]


def _and_quantities(model: Model, level: str, member: np.ndarray,
                    quantities: _Quantities) -> None:
    """Every small AND-cell of every area: the AND-cell's atoms of all its postcodes."""
    cat = model.table.catalogue
    t = model.threshold
    n_areas = int(member.max()) + 1
    pool = np.argsort(member, kind="stable")  # postcodes by area, in order within one
    start = np.searchsorted(member[pool], np.arange(n_areas + 1))
    for cell in cat.and_cells:
        group = cat.group_of(cell.statistic)
        vec = group.holds(cell.terms).astype(np.int64)
        pc_true = model.table.atoms[group.index] @ vec
        area_true = np.bincount(member, weights=pc_true, minlength=n_areas)
        small = np.nonzero((area_true >= 1) & (area_true < t))[0]
        lengths = start[small + 1] - start[small]
        quantities.forms.add_segments(model.node(pool, group.index), start[small], lengths,
                                      model.key_code[("a", cell.id)], 1,
                                      np.arange(len(small)), len(small))
        quantities.add(level, cell.id, small, "and", area_true[small],
                       np.zeros(len(small)), np.zeros(len(small), dtype=bool))


def components(model: Model) -> np.ndarray:
    """Component label per node id (nodes linked by a shared constraint)."""
    n_nodes = len(model.table.areas.postcodes) * (model.n_groups + 1)
    forms = model.constraints.terms
    # Each term links to the next one of its constraint.
    linked = np.ones(len(forms.node), dtype=bool)
    linked[forms.ptr[1:][forms.lengths > 0] - 1] = False
    at = np.nonzero(linked)[0]
    graph = coo_matrix((np.ones(len(at)), (forms.node[at], forms.node[at + 1])),
                       shape=(n_nodes, n_nodes))
    return connected_components(graph, directed=False)[1]
