"""Everything one town contributes to the output folder (appending for national runs)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from .cbs_files import pc4_frame, pc6_frame, proximity, write_cbs
from .fields import build_fields
from .gpkg_io import write_csv, write_layer
from .housing import build_stock
from .indicators import yearly_table
from .leefbaarometer import buurt_scores, grid_cells, grid_scores, lbm_paths
from .points import ov_haltes_table, place_facilities
from .population import simulate
from .redivision import redivide
from .registrations import export_frame, write_registrations
from .sizes import VERSIONS, YEARS, TownSpec
from .town import Town, build_town
from .wijkbuurt import wijkbuurt_layers, write_wijkbuurt

LBM_YEARS = (2022, 2024)  # the Leefbaarometer appears every two years


def write_town(root: Path, seed: int, index: int, spec: TownSpec, gm_number: int, name: str,
               origin: tuple[float, float], pc4_start: int, append: bool,
               step: Callable[[str], None]) -> tuple[Town, dict]:
    """Generate one town and write (or append) its part of every file; returns counts."""
    streams = np.random.SeedSequence([seed, index]).spawn(11)
    rng = [np.random.default_rng(s) for s in streams]
    town = build_town(rng[0], spec, index, gm_number, name, origin, pc4_start)
    step("gebieden")
    fields = build_fields(rng[1], town)
    pop = simulate(rng[2], town, fields, spec, YEARS)
    tables = {y: yearly_table(rng[3], hh, y) for y, hh in pop.years.items()}
    step("huishoudens")
    facilities = place_facilities(rng[4], town, pop.dwellings, pop.ageing)
    write_layer(facilities, root / "voorzieningen" / "voorzieningen.gpkg", "voorzieningen",
                "Voorzieningen (facilities) as points", append=append)
    write_csv(ov_haltes_table(facilities), root / "voorzieningen" / "ov_haltes.csv",
              append=append)
    stock = build_stock(rng[5], town.postcodes.rho.to_numpy(), pop.dep, pop.dwellings)
    prox = proximity(town, facilities, pop.dwellings)
    key = int(np.random.default_rng(seed).integers(1 << 47))  # same for all towns of a run
    # The last year has a buurt boundary change; earlier years share the first division.
    redivided, changed = redivide(rng[10], town)
    division = {year: (redivided, changed) if year == YEARS[-1] else (town, [])
                for year in YEARS}
    counts = {}
    for year in YEARS:
        table = tables[year]
        version = VERSIONS[year]
        write_cbs(root, pc6_frame(town, table, pop.dwellings, stock, prox, year, version,
                                  rng[6]), "pc6", year, version, append)
        write_cbs(root, pc4_frame(town, table, pop.dwellings, stock, year, version, rng[6]),
                  "pc4", year, version, append)
        dist = prox["dichtstbijzijnde_huisartsenpraktijk_afstand_in_km"].to_numpy()
        layers = wijkbuurt_layers(rng[7], *division[year], table, year, dist)
        write_wijkbuurt(root, layers, year, append)
        export = export_frame(rng[8], table, town.postcodes.postcode6.to_numpy(), index, key)
        write_registrations(export, root, year, append)
        counts[str(year)] = {"households": int(len(table)),
                             "persons": int(table.aantal_personen.sum())}
        step(f"jaar {year}")
    grid = grid_cells(town)
    write_layer(grid, root / "leefbaarometer" / "grid100m.gpkg", "grid",
                "Leefbaarometer-like 100 m grid", append=append)
    for year in LBM_YEARS:
        scores = grid_scores(rng[9], grid, fields, year)
        grid_path, buurt_path = lbm_paths(root, year)
        write_csv(scores, grid_path, append=append)
        write_csv(buurt_scores(division[year][0], grid, scores), buurt_path, append=append)
    step("leefbaarometer")
    info = {"gemeentecode": town.gemeentecode, "gemeentenaam": town.gemeentenaam,
            "postcodes": int(len(town.postcodes)), "buurten": int(len(town.buurten)),
            "wijken": int(len(town.wijken)), "dwellings": int(pop.dwellings.sum()),
            "households": counts, "buurten_gewijzigd": {str(YEARS[-1]): changed},
            "pc4_max": int(town.postcodes.postcode4.astype(int).max())}
    return town, info
