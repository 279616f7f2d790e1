"""Secondary suppression: hide published cells so that no hidden value can be derived.

Two cheap rules run before the audit (the repair of what the audit finds is ``repair``):

* totals minus parts (A1-A3): a published total with exactly one hidden part would give
  that part away, for every nested pair (postcode-6 in postcode-4 *and* in buurt — the two
  are not nested in each other —, buurt in wijk, wijk and postcode-4 in gemeente). A
  postcode-4 or buurt total is hidden itself (the map is postcode-6); elsewhere the
  cheapest published sibling is hidden too, or the total if it has no other part.
* OR -> AND (A4): with both singles and their OR published, a + b - OR is the AND-cell;
  if that is 1..T-1 the OR is hidden.
"""
from __future__ import annotations

import numpy as np

from .catalogue import Catalogue
from .rules import PUBLISHED, SECONDARY
from .tables import CHILD_LEVELS, TrueTable

AREA_TOTALS = ("postcode4", "buurt")  # the totals a postcode-6 sits in directly
PAIRS = [(parent, child) for parent, children in CHILD_LEVELS.items() for child in children]


def hide(codes: dict, level: str, area: int, s: int) -> bool:
    """Hide the cell if it is published; returns whether it was."""
    if codes[level][area, s] != PUBLISHED:
        return False
    codes[level][area, s] = SECONDARY
    return True


def hide_cheapest_sibling(codes: dict, table: TrueTable, parent: str, child: str,
                           a: int, s: int, exclude: int) -> bool:
    """Hide the published child of parent area ``a`` with the smallest value; if there is
    none, hide the parent cell itself. Returns whether something changed."""
    if child == "postcode6" and parent in AREA_TOTALS and hide(codes, parent, a, s):
        return True  # the map is postcode-6: hide the area's total
    kids = np.nonzero(table.areas.parent[(parent, child)] == a)[0]
    pub = [k for k in kids if k != exclude and codes[child][k, s] == PUBLISHED]
    if pub:
        # A postcode whose household count is hidden comes first: a cell hidden there
        # shows no reason (rules.reasons_withheld), so it tells nothing, where
        # "secondary" would tell the value and its complement are at least T.
        den = table.den
        k = min(pub, key=lambda k: (child == "postcode6" and codes[child][k, den] == PUBLISHED,
                                    table.values[child][k, s], k))
        codes[child][k, s] = SECONDARY
        return True
    return hide(codes, parent, a, s)


def protect_totals(codes: dict, table: TrueTable) -> int:
    """Apply the totals-minus-parts rule until stable; returns cells hidden."""
    hidden = 0
    changed = True
    while changed:
        changed = False
        for parent, child in PAIRS:
            par = table.areas.parent[(parent, child)]
            n_par = codes[parent].shape[0]
            hid = (codes[child] != PUBLISHED).astype(np.int64)
            count = np.zeros((n_par, hid.shape[1]), dtype=np.int64)
            np.add.at(count, par, hid)
            lone = (count == 1) & (codes[parent] == PUBLISHED)
            for a, s in zip(*np.nonzero(lone)):
                kids = np.nonzero(par == a)[0]
                only = next(k for k in kids if codes[child][k, s] != PUBLISHED)
                if hide_cheapest_sibling(codes, table, parent, child, a, s, only):
                    hidden += 1
                    changed = True
    return hidden


def protect_or_cells(codes: dict, table: TrueTable, threshold: int) -> int:
    """Where an OR and all its singles are published and inclusion-exclusion gives a small
    AND, hide the smallest single: any one of them breaks the sum, and the smallest costs
    the map least (the OR, at least as large as each single, is often a question's score)."""
    cat: Catalogue = table.catalogue
    ids = cat.ids
    single_of = {stat.terms[0]: ids.index(stat.id) for stat in cat.statistics
                 if stat.kind == "single"}
    hidden = 0
    for stat in cat.statistics:
        if stat.kind != "or" or not all(t in single_of for t in stat.terms):
            continue
        o = ids.index(stat.id)
        singles = [single_of[t] for t in stat.terms]
        for level, vals in table.values.items():
            excess = vals[:, singles].sum(axis=1) - vals[:, o]
            all_pub = (codes[level][:, singles] == PUBLISHED).all(axis=1)
            risky = np.nonzero(all_pub & (codes[level][:, o] == PUBLISHED) & (excess >= 1) & (
                excess < threshold))[0]
            smallest = np.array(singles)[np.argmin(vals[np.ix_(risky, singles)], axis=1)]
            codes[level][risky, smallest] = SECONDARY
            hidden += len(risky)
    return hidden
