"""A boundary change between two reference years, as CBS records in the wijk-buurt files.

A strip of postcodes moves from one buurt to its neighbour in the same wijk; both
buurten get ``indelingswijziging_wijken_en_buurten`` 3 (boundary changed), so trends for
them are not comparable across the change, and the postcode → buurt hierarchy differs
between years.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from scipy.spatial import cKDTree
from shapely.ops import unary_union

from .town import Town


def redivide(rng: np.random.Generator, town: Town, size: int = 6) -> tuple[Town, list[str]]:
    """The town with a few border postcodes moved between two buurten; the changed codes."""
    pcs = town.postcodes
    xy = np.column_stack([pcs.x, pcs.y])
    tree = cKDTree(xy)
    _, nn = tree.query(xy, k=min(6, len(pcs)))
    bu, wk = pcs.buurtcode.to_numpy(), pcs.wijkcode.to_numpy()
    other = (bu[nn] != bu[:, None]) & (wk[nn] == wk[:, None])
    candidates = np.flatnonzero(other.any(axis=1))
    for p in rng.permutation(candidates)[:30]:
        source = bu[p]
        target = bu[nn[p][other[p]][0]]
        _, near = tree.query(xy[p], k=min(3 * size, len(pcs)))
        moved = [i for i in np.atleast_1d(near) if bu[i] == source][:size]
        new_bu = bu.copy()
        new_bu[moved] = target
        if (new_bu == source).sum() < 10:
            continue
        geoms = {code: unary_union(list(pcs.geometry[new_bu == code])) for code in
                 (source, target)}
        if all(g.geom_type == "Polygon" for g in geoms.values()):
            buurten = town.buurten.copy()
            for code, geom in geoms.items():
                buurten.loc[buurten.buurtcode == code, "geometry"] = geom
            postcodes = pcs.assign(buurtcode=new_bu)
            return dataclasses.replace(town, postcodes=postcodes, buurten=buurten), sorted(geoms)
    return town, []
