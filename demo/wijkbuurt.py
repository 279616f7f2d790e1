"""CBS wijk- en buurtkaart GeoPackages (2021+ schema): gemeenten, wijken, buurten."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .gpkg_io import write_layer
from .town import CRS, Town

NOT_AVAILABLE = -99999999  # secret / not available in the 2021+ wijk-buurt schema


def random_round5(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    """CBS random rounding: up or down to a multiple of 5, unbiased on average."""
    x = np.asarray(x, float)
    low = 5 * np.floor(x / 5)
    return (low + 5 * (rng.random(len(x)) < (x - low) / 5)).astype(np.int64)


def _stats(rng: np.random.Generator, key: np.ndarray, n: int, table: pd.DataFrame,
           pc_dist: np.ndarray) -> pd.DataFrame:
    pc = table.pc.to_numpy()
    k = key[pc]
    inh = np.bincount(k, table.aantal_personen, n)
    hh = np.bincount(k, minlength=n).astype(float)
    old = np.bincount(k, table._b65, n)
    single = np.bincount(k, table.eenpersoonshuishouden, n)
    dist = np.bincount(k, pc_dist[pc], n) / np.maximum(hh, 1)
    bijstand = np.bincount(k, rng.binomial(table.uitkering_onder_aow.to_numpy(), 0.55), n)
    ok = inh >= 10
    safe_inh, safe_hh = np.maximum(inh, 1), np.maximum(hh, 1)
    out = pd.DataFrame({
        "aantal_inwoners": random_round5(rng, inh),
        "percentage_personen_65_jaar_en_ouder": np.round(100 * old / safe_inh).astype(np.int64),
        "aantal_huishoudens": random_round5(rng, hh),
        "percentage_eenpersoonshuishoudens": np.round(100 * single / safe_hh).astype(np.int64),
        "gemiddelde_huishoudsgrootte": np.round(inh / safe_hh, 1),
        "afstand_tot_huisartsenpraktijk": np.round(dist, 1),
        "aantal_personen_met_een_alg_bijstandsuitkering_tot": random_round5(rng, bijstand),
    })
    for c in out.columns[1:]:
        out[c] = out[c].where(ok, NOT_AVAILABLE)
    out["aantal_inwoners"] = out["aantal_inwoners"].where(inh > 0, 0)
    return out


def _main_pc4(key: np.ndarray, postcodes: pd.DataFrame, n: int) -> list:
    pc4 = postcodes.postcode4.to_numpy()
    s = pd.Series(pc4).groupby(key).agg(lambda v: v.value_counts().sort_index().idxmax())
    return [s.get(i, None) for i in range(n)]


def wijkbuurt_layers(rng: np.random.Generator, town: Town, changed: list[str],
                     table: pd.DataFrame, year: int, pc_dist: np.ndarray
                     ) -> dict[str, gpd.GeoDataFrame]:
    """The three layers for one year; ``changed`` buurten get code 3 (boundary changed)."""
    pcs = town.postcodes
    names = dict(zip(town.wijken.wijkcode, town.wijken.wijknaam))
    layers = {}
    b = town.buurten
    bkey = pd.Index(b.buurtcode).get_indexer(pcs.buurtcode)
    wkey = pd.Index(town.wijken.wijkcode).get_indexer(pcs.wijkcode)
    specs = (("buurten", b, bkey), ("wijken", town.wijken, wkey),
             ("gemeenten", town.gemeente, np.zeros(len(pcs), dtype=np.int64)))
    for layer, areas, key in specs:
        n = len(areas)
        head = {}
        if layer == "buurten":
            head.update(buurtcode=b.buurtcode.to_numpy(), buurtnaam=b.buurtnaam.to_numpy(),
                        wijkcode=b.wijkcode.to_numpy(),
                        wijknaam=[names[w] for w in b.wijkcode])
        elif layer == "wijken":
            head.update(wijkcode=areas.wijkcode.to_numpy(), wijknaam=areas.wijknaam.to_numpy())
        head.update(gemeentecode=town.gemeentecode, gemeentenaam=town.gemeentenaam)
        if layer != "gemeenten":
            # Buurten change inside their wijk; the wijk border itself stays (code 1).
            hit = areas.buurtcode.isin(changed) if layer == "buurten" else np.zeros(n, bool)
            head["indelingswijziging_wijken_en_buurten"] = np.where(hit, 3, 1)
        head["water"] = areas.water.to_numpy() if layer == "buurten" else "NEE"
        if layer != "gemeenten":
            head["meest_voorkomende_postcode"] = _main_pc4(key, pcs, n)
        head["jaar"] = year
        stats = _stats(rng, key, n, table, pc_dist)
        df = pd.concat([pd.DataFrame(head, index=range(n)), stats], axis=1)
        if layer == "buurten":  # water buurten have no population statistics
            water = df.water.to_numpy() == "JA"
            df.loc[water, df.columns[-7:]] = NOT_AVAILABLE
            df.loc[water, "aantal_inwoners"] = 0
        layers[layer] = gpd.GeoDataFrame(df, geometry=areas.geometry.to_numpy(), crs=CRS)
    return layers


def write_wijkbuurt(root: Path, layers: dict[str, gpd.GeoDataFrame], year: int,
                    append: bool) -> Path:
    """wijkbuurt/wijkenbuurten_<year>.gpkg."""
    path = root / "wijkbuurt" / f"wijkenbuurten_{year}.gpkg"
    for name in ("gemeenten", "wijken", "buurten"):
        write_layer(layers[name], path, name, f"CBS-style wijk- en buurtkaart {year}: {name}",
                    append=append)
    return path
