"""Repair of a cell-key release: hide perturbed cells around a quantity the audit pins.

Perturbation alone does not protect every small count. A perturbed 0 tells that the true
value is at most T-1 (zero is never perturbed, and no value lands in 1..T-1), a perturbed
T or more that a small value is at least 1; beside an OR, its singles and the area totals
those bounds can leave fewer than three values. Such a quantity's group (the OR and its
singles move together, the households of one pattern sit in all of them) is hidden in its
area, then (for a postcode-4 or buurt) in the areas of the other hierarchy that share its
postcodes (and for a postcode-4, the wijken of those buurten), or (for a wijk) in its
buurten, then in the areas above it, then the area's household count, until the audit
passes. The map's postcode cells are never a step, and a municipal total is a step only
after everything below it.

A cell hidden here has the status "secondary suppressed", and in a cell-key release that
status bounds nothing: the attacker learns only that 0 <= value <= households (see
``knowledge.knowledge_from_release``).
"""
from __future__ import annotations

import numpy as np

from .rules import PERTURBED, SECONDARY
from .tables import CHILD_LEVELS, TrueTable

PARENTS = {child: [parent for parent, kids in CHILD_LEVELS.items() if child in kids]
           for kids in CHILD_LEVELS.values() for child in kids}
OVERLAPPING = {"postcode4": "buurt", "buurt": "postcode4"}  # the two non-nested hierarchies


def repair_perturbed(codes: dict[str, np.ndarray], table: TrueTable, level: str, area: int,
                     name: str, round_start: dict[str, np.ndarray]) -> bool:
    """Hide more perturbed cells around one finding; False once nothing is left to hide.
    Only what was hidden before this round (``round_start``, the codes then) moves the
    repair a step outwards: several findings in one group and area cost one step."""
    cat = table.catalogue
    stat_id = name.split("[")[0]  # an AND-cell is named after its OR statistic
    group = [table.den] if cat[stat_id].kind == "denominator" else [
        cat.ids.index(x) for x in cat.group_of(stat_id).statistics]
    parents = [(parent, int(table.areas.parent[(parent, level)][area]), group)
               for parent in PARENTS.get(level, [])]
    steps = [[(level, area, group)], *_beside(table, level, area, group), parents,
             [(level, area, [table.den])]]
    for step in steps:
        # The first step with anything still perturbed at the round's start is due, even
        # when another finding of this round has taken it already.
        if any((round_start[lv][a, g] == PERTURBED).any() for lv, a, g in step):
            for lv, a, g in step:
                row = codes[lv][a]
                row[g] = np.where(row[g] == PERTURBED, SECONDARY, row[g])
            return True
    return False


def _beside(table: TrueTable, level: str, area: int, group: list[int]) -> list[list]:
    """The steps before the areas above: for a postcode-4 or buurt, the areas of the other
    hierarchy that share its postcodes (they carry the same households), and for a
    postcode-4 also their wijken (its own parent is the gemeente); for a wijk, its
    buurten (its hidden cell is still their sum). A municipal total is dearer: every map
    of the town is read against it."""
    wijk_of = table.areas.parent[("wijk", "buurt")]
    if level == "wijk":
        return [[("buurt", int(b), group) for b in np.nonzero(wijk_of == area)[0]]]
    if level not in OVERLAPPING:
        return []
    other, member = OVERLAPPING[level], table.areas.member
    shared = np.unique(member[other][member[level] == area])
    steps = [[(other, int(a), group) for a in shared]]
    if other == "buurt":
        steps.append([("wijk", int(w), group) for w in np.unique(wijk_of[shared])])
    return steps
