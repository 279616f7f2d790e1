"""Repair: hide more cells around a quantity the audit finds.

For a quantity the exact attacker pins (or cannot be shown safe), hide the
totals it sits in (an area's: first one more hidden part of it, the totals of the
areas of the other hierarchy that overlap it, then its wijk's); where those are
hidden already, also, in the same area, the OR of its group (for an AND-cell) or the
group's smallest published statistic; where everything beside it is hidden, an
AND-cell's household count, then the nearest area that closes on it (a postcode cell
in its wijk, then the wijk's total) before anything further up; repeat until the
audit passes (or nothing is left to hide: then the release is refused).
"""
from __future__ import annotations

import numpy as np

from .rules import PUBLISHED, SECONDARY
from .secondary import AREA_TOTALS, PAIRS, hide, hide_cheapest_sibling
from .tables import TrueTable


def _smallest(table: TrueTable, postcodes: np.ndarray, s: int) -> int:
    """The postcode with the smallest value of statistic ``s`` (it costs the map least);
    ties to the first."""
    return int(postcodes[np.argmin(table.values["postcode6"][postcodes, s])])


def _narrow(table: TrueTable, t: int) -> np.ndarray:
    """Per postcode: at most 2t+1 households, so a secondary-suppressed cell there
    (t <= value <= households - t) has at most two values — or, with the household count
    hidden too, tells that there are at least value + t households."""
    return table.values["postcode6"][:, table.den] <= 2 * t + 1


def repair(codes: dict, table: TrueTable, level: str, area: int, name: str,
           round_start: dict | None, threshold: int) -> bool:
    """Hide more cells around a pinned quantity. Returns whether anything changed (or
    whether this round already hid a total around it: then the next audit decides).

    A postcode's quantity first gets its postcode-4 and buurt totals hidden: the map is
    postcode-6, and a hidden total frees every hidden postcode in the area at once. Only a
    quantity whose totals were hidden before this round (``round_start``, the codes then)
    costs a postcode cell of its own.

    In a postcode of at most 2T+1 households (``threshold`` T) a secondary-suppressed
    cell's status says T <= value <= households - T: at most two values. Hiding more cells
    there only pins more; hiding the household count (then known only as CBS's interval)
    is what widens them, and after that its siblings in the postcode-4 and buurt."""
    cat = table.catalogue
    stat_id = name.split("[")[0]  # an AND-cell is named after its OR statistic
    s = cat.ids.index(stat_id)
    group = [] if cat[stat_id].kind == "denominator" else [
        cat.ids.index(x) for x in cat.group_of(stat_id).statistics]
    if level == "postcode6":
        if _around_totals(codes, table, level, area, s):
            return True
        if round_start is not None and _totals_hidden_since(round_start, codes, table, area, s):
            return True
        narrow = _narrow(table, threshold)
        changed = _narrow_postcode(codes, table, area, narrow) or \
            (not narrow[area] and _within(codes, table, level, area, name, group)) or \
            _around_totals(codes, table, level, area, s, siblings=True) or \
            ("[" in name and hide(codes, "postcode6", area, table.den))
        # Everything beside it hidden: a small postcode gets one more neighbour's count
        # and, below, the nearest closed area opened too — either may be what pins it.
        more = not changed and narrow[area] and _more_counts(codes, table, area, narrow,
                                                             round_start)
    else:
        # Near first, and what the postcode-6 map can spare: one more hidden part of the
        # area, and the totals of the overlapping areas of the other hierarchy (what
        # usually pins an area's cell), then its wijk's total, then one more sibling area.
        # Postcode cells around it (``_overlapping``, ``_climb``) only after those.
        changed = _within(codes, table, level, area, name, group) | \
            _parts(codes, table, level, area, s) | \
            _overlapping(codes, table, level, area, s, totals_only=True)
        changed = changed or _wijk_total(codes, table, level, area, s) or \
            _around_totals(codes, table, level, area, s)
        more = False
    if changed or _same_area(codes, table, level, area, s) or _overlapping(
            codes, table, level, area, s) or _climb(codes, table, level, area, s) or more:
        return True
    # Then the other statistics of the group (an OR links them) around this area.
    if any(_around(codes, table, level, area, g) for g in group if g != s):
        return True
    # Last resort: the area's household count, which every complement leans on.
    return hide(codes, level, area, table.den)


def _narrow_postcode(codes: dict, table: TrueTable, area: int, narrow: np.ndarray) -> bool:
    """Hide the household count of a postcode too small (``narrow``) for a
    secondary-suppressed cell to have three possible values (see ``repair``), or else a
    second one beside it in its postcode-4 and in its buurt (or, where that is no help,
    the area's own count)."""
    den = table.den
    if not narrow[area]:
        return False
    if hide(codes, "postcode6", area, den):
        return True
    # Hidden already: then, in its postcode-4 and in its buurt, the household count of the
    # smallest postcode large enough to stay wide (CBS's interval and T..households-T).
    changed = False
    for parent in AREA_TOTALS:
        a = int(table.areas.parent[(parent, "postcode6")][area])
        kids = np.nonzero(table.areas.parent[(parent, "postcode6")] == a)[0]
        shown = codes["postcode6"][kids, den] == PUBLISHED
        if (~shown & ~narrow[kids]).any():
            continue  # a larger neighbour's hidden count lets it trade (if it has room)
        wide = kids[shown & ~narrow[kids]]
        if len(wide):
            codes["postcode6"][_smallest(table, wide, den), den] = SECONDARY
            changed = True
        elif codes[parent][a, den] == PUBLISHED:  # the area's count, as a last resort
            codes[parent][a, den] = SECONDARY
            changed = True
    return changed


def _more_counts(codes: dict, table: TrueTable, area: int, narrow: np.ndarray,
                 round_start: dict | None) -> bool:
    """A narrow postcode still pinned with its neighbours' cells hidden: one more larger
    neighbour's household count each round (the one hidden before may sit at the edge
    of its CBS interval, or its published cells leave it no household to spare). One in
    both its postcode-4 and its buurt goes first (a trade there leaves every published
    count whole), then one in either, the areas' own counts last. Hiding an area's
    count withholds every reason shown there (``rules.reasons_withheld``), so it only
    widens what the attacker knows."""
    den = table.den
    counts = codes["postcode6"][:, den]
    parent = table.areas.parent
    near = {lv: parent[(lv, "postcode6")] == parent[(lv, "postcode6")][area]
            for lv in AREA_TOTALS}
    if round_start is not None and (
            (round_start["postcode6"][:, den] == PUBLISHED) & (counts != PUBLISHED)
            & (near["postcode4"] | near["buurt"])).any():
        return True  # one hidden this round already: the next audit decides
    wide = (counts == PUBLISHED) & ~narrow
    for where in (near["postcode4"] & near["buurt"], near["postcode4"], near["buurt"]):
        kids = np.nonzero(where & wide)[0]
        if len(kids):
            counts[_smallest(table, kids, den)] = SECONDARY
            return True
    for lv in AREA_TOTALS:
        if hide(codes, lv, int(parent[(lv, "postcode6")][area]), den):
            return True
    return False


def _within(codes: dict, table: TrueTable, level: str, area: int, name: str,
            group: list[int]) -> bool:
    """Within the area, the published statistic with the smallest value (it costs the map
    least): for an AND-cell first among its OR and the OR's singles (together they carry
    the AND), then in the whole group."""
    cat = table.catalogue
    by_value = sorted(group, key=lambda g: (table.values[level][area, g], g))
    first = []
    if "[" in name:
        stat = cat[name.split("[")[0]]
        involved = {stat.id} | {s.id for s in cat.statistics
                                if s.kind == "single" and s.terms[0] in stat.terms}
        first = [g for g in by_value if cat.ids[g] in involved]
    return any(hide(codes, level, area, g) for g in first + [g for g in by_value
                                                               if g not in first])


def _around_totals(codes: dict, table: TrueTable, level: str, area: int, s: int,
                   siblings: bool = False) -> bool:
    """Every total the area sits in, and every total it is: one more hidden part. A
    postcode's hidden postcode-4 or buurt total is left alone unless ``siblings``: then
    a sibling postcode is hidden in it too."""
    changed = False
    for parent, child in PAIRS:
        if child == level:
            a = int(table.areas.parent[(parent, child)][area])
            if not siblings and child == "postcode6" and parent in AREA_TOTALS and \
                    codes[parent][a, s] != PUBLISHED:
                continue  # a hidden postcode-4 or buurt total needs no second hidden part
            changed |= hide_cheapest_sibling(codes, table, parent, child, a, s, area)
    # A hidden total its published parts still add up to.
    return _parts(codes, table, level, area, s) | changed


def _parts(codes: dict, table: TrueTable, level: str, area: int, s: int) -> bool:
    """One more hidden part of the area, at each level below it."""
    changed = False
    for parent, child in PAIRS:
        if parent == level:
            changed |= hide_cheapest_sibling(codes, table, parent, child, area, s, -1)
    return changed


def _totals_hidden_since(round_start: dict, codes: dict, table: TrueTable, area: int,
                         s: int) -> bool:
    """Was a postcode-4 or buurt total of this postcode hidden during this round?"""
    for parent in AREA_TOTALS:
        a = int(table.areas.parent[(parent, "postcode6")][area])
        if round_start[parent][a, s] == PUBLISHED and codes[parent][a, s] != PUBLISHED:
            return True
    return False


def _around(codes: dict, table: TrueTable, level: str, area: int, s: int) -> bool:
    for parent, child in PAIRS:
        if child == level:
            a = int(table.areas.parent[(parent, child)][area])
            if hide_cheapest_sibling(codes, table, parent, child, a, s, area):
                return True
        if parent == level and hide_cheapest_sibling(codes, table, parent, child, area, s, -1):
            return True
    return _climb(codes, table, level, area, s)


def _climb(codes: dict, table: TrueTable, level: str, area: int, s: int) -> bool:
    """Last resort, where everything around the quantity is hidden: open the nearest
    area that still closes on it. First the cheapest published postcode cell of the
    statistic in the quantity's wijken (its buurt total goes with it, ``protect_totals``,
    so the hidden cells there can trade with the quantity's), then the wijk's own cell
    (the gemeente then holds a second hidden wijk); only then one level up at a time —
    the parent's cell, or its cheapest sibling —, the municipal cell last."""
    return _open_wijk(codes, table, level, area, s) or _up(codes, table, level, area, s)


def _open_wijk(codes: dict, table: TrueTable, level: str, area: int, s: int) -> bool:
    """The cheapest published postcode cell of the statistic in the area's wijken, else
    the first published wijk cell (see ``_climb``)."""
    if level == "gemeente":
        return False
    pcs = np.nonzero(np.isin(table.areas.member["wijk"], _wijken_of(table, level, area)))[0]
    shown = pcs[codes["postcode6"][pcs, s] == PUBLISHED]
    if len(shown):
        codes["postcode6"][_smallest(table, shown, s), s] = SECONDARY
        return True
    return _wijk_total(codes, table, level, area, s)


def _wijk_total(codes: dict, table: TrueTable, level: str, area: int, s: int) -> bool:
    """The first published cell of the statistic among the area's wijken."""
    if level == "gemeente":
        return False
    return any(hide(codes, "wijk", int(w), s) for w in _wijken_of(table, level, area))


def _wijken_of(table: TrueTable, level: str, area: int) -> np.ndarray:
    """The wijken that hold the area's postcodes (a postcode-4 can reach into several)."""
    members = table.areas.member
    return np.unique(members["wijk"][members[level] == area])


def _up(codes: dict, table: TrueTable, level: str, area: int, s: int) -> bool:
    """One level up: the parent's cell, else its cheapest published sibling; then the
    same from the parent, so repeated repairs always make progress."""
    for parent, child in PAIRS:
        if child != level:
            continue
        a = int(table.areas.parent[(parent, child)][area])
        if hide(codes, parent, a, s):
            return True
        for grand, mid in PAIRS:
            if mid == parent:
                g = int(table.areas.parent[(grand, mid)][a])
                if hide_cheapest_sibling(codes, table, grand, mid, g, s, a):
                    return True
        if _up(codes, table, parent, a, s):
            return True
    return False


def _same_area(codes: dict, table: TrueTable, level: str, area: int, s: int) -> bool:
    """Hide the cell of every area at another level that holds the same postcodes (a
    postcode-4 that equals a buurt is one total published twice)."""
    members = table.areas.member
    mine = frozenset(np.nonzero(members[level] == area)[0].tolist())
    changed = False
    for other in members:
        if other == level:
            continue
        candidates = np.unique(members[other][sorted(mine)])
        for a in candidates:
            same = frozenset(np.nonzero(members[other] == a)[0].tolist()) == mine
            changed |= same and hide(codes, other, int(a), s)
    return changed


def _overlapping(codes: dict, table: TrueTable, level: str, area: int, s: int,
                 totals_only: bool = False) -> bool:
    """An area of the other hierarchy that overlaps this one: its published postcodes would
    give this area's hidden part (A3 at area level). Hide its total, or one more of its
    postcodes (not ``totals_only``)."""
    if level == "postcode6":
        return False
    members = table.areas.member
    mine = np.nonzero(members[level] == area)[0]
    changed = False
    for other in ("buurt", "postcode4"):
        if other == level:
            continue
        for a in np.unique(members[other][mine]):
            changed |= hide(codes, other, int(a), s) if totals_only else \
                hide_cheapest_sibling(codes, table, other, "postcode6", int(a), s, -1)
    return changed
