"""Small random municipalities for the privacy tests (independent of ``demo/``).

Postcode-4 areas and buurten overlap without nesting (A3); households per postcode are
overdispersed around a mean of 17; indicators are correlated through a latent
vulnerability; further years replace about 10 % of households.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import vstack

COLUMNS = [
    "budgetbeheer", "schuldhulp_aanmelding", "huurachterstand", "laag_inkomen",
    "uitkering_onder_aow", "minimaregeling", "wmo_toegekend", "wmo_afgewezen",
    "mantelzorg_toelage", "jeugdhulp", "voortijdig_schoolverlater", "kinderen_0_17",
    "eenouderhuishouden", "eenpersoonshuishouden", "personen_45_64", "personen_65_74",
    "personen_75_plus",
]
BASE = dict(zip(COLUMNS, [0.06, 0.05, 0.07, 0.15, 0.1, 0.12, 0.1, 0.03, 0.04, 0.06, 0.03,
                          0.3, 0.07, 0.38, 0.35, 0.15, 0.1]))
VULNERABLE = {"budgetbeheer", "schuldhulp_aanmelding", "huurachterstand", "laag_inkomen",
              "uitkering_onder_aow", "minimaregeling", "jeugdhulp", "eenouderhuishouden",
              "voortijdig_schoolverlater"}

SMALL_CATALOGUE = {"name": "test", "statistics": [
    {"id": "huishoudens", "kind": "denominator"},
    {"id": "budgetbeheer", "kind": "single", "column": "budgetbeheer"},
    {"id": "huurachterstand", "kind": "single", "column": "huurachterstand"},
    {"id": "schulden", "kind": "or", "columns": ["budgetbeheer", "huurachterstand"]},
    {"id": "laag_inkomen", "kind": "single", "column": "laag_inkomen"},
    {"id": "personen_75_plus", "kind": "single", "column": "personen_75_plus"},
]}


SMALL_COLUMNS = ["budgetbeheer", "huurachterstand", "laag_inkomen", "personen_75_plus"]


def households(spec: dict[str, list[tuple[dict, int]]]) -> pd.DataFrame:
    """Households with the small catalogue columns; spec: postcode ->
    [(characteristics, number of households)]."""
    rows, k = [], 0
    for pc, groups in spec.items():
        for traits, count in groups:
            for _ in range(count):
                rows.append({"postcode6": pc, "huishouden_id": f"H{k:05d}",
                             **{c: int(traits.get(c, 0)) for c in SMALL_COLUMNS}})
                k += 1
    return pd.DataFrame(rows)


def hierarchy(pcs: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """postcode -> (postcode4, buurt); one wijk, one gemeente."""
    return pd.DataFrame({"postcode4": [v[0] for v in pcs.values()],
                         "buurtcode": [v[1] for v in pcs.values()],
                         "wijkcode": "WK999901", "gemeentecode": "GM9999"},
                        index=pd.Index(list(pcs), name="postcode6"))


@dataclass
class Municipality:
    households: pd.DataFrame
    hierarchy: pd.DataFrame
    cbs: pd.Series


def hierarchy_for(n_postcodes: int, rng: np.random.Generator, gemeente: str = "GM9999"
                  ) -> pd.DataFrame:
    """A line of postcodes cut into buurten and, at other places, into postcode-4 areas."""
    pcs = [f"{1000 + i // 26:04d}{chr(65 + i % 26)}A" for i in range(n_postcodes)]
    buurt_cuts = np.sort(rng.choice(np.arange(1, n_postcodes), size=max(1, n_postcodes // 9),
                                    replace=False))
    pc4_cuts = np.sort(rng.choice(np.arange(1, n_postcodes), size=max(1, n_postcodes // 7),
                                  replace=False))
    buurt = np.searchsorted(buurt_cuts, np.arange(n_postcodes), side="right")
    pc4 = np.searchsorted(pc4_cuts, np.arange(n_postcodes), side="right")
    wijk = buurt // 3
    code = gemeente[2:]
    return pd.DataFrame({
        "postcode4": [f"{3000 + k:04d}" for k in pc4],
        "buurtcode": [f"BU{code}{w:02d}{b:02d}" for w, b in zip(wijk, buurt)],
        "wijkcode": [f"WK{code}{w:02d}" for w in wijk],
        "gemeentecode": gemeente,
    }, index=pd.Index(pcs, name="postcode6"))


def _households(pcs: np.ndarray, rng: np.random.Generator, mean: float, start_id: int
                ) -> pd.DataFrame:
    sizes = rng.negative_binomial(2, 2 / (2 + mean), size=len(pcs))
    sizes[rng.random(len(pcs)) < 0.05] = 0
    pc = np.repeat(pcs, sizes)
    n = len(pc)
    area_risk = np.repeat(rng.gamma(2.0, 0.5, size=len(pcs)), sizes)
    risk = area_risk * rng.gamma(1.5, 1 / 1.5, size=n)
    data = {"postcode6": pc, "huishouden_id": [f"H{start_id + i:07d}" for i in range(n)]}
    for col in COLUMNS:
        p = BASE[col] * (risk if col in VULNERABLE else 1.0)
        data[col] = (rng.random(n) < np.clip(p, 0, 0.95)).astype(int)
    return pd.DataFrame(data)


def municipality(n_postcodes: int = 40, seed: int = 0, mean: float = 17.0) -> Municipality:
    rng = np.random.default_rng(seed)
    hier = hierarchy_for(n_postcodes, rng)
    hh = _households(hier.index.to_numpy(), rng, mean, 0)
    hh.insert(1, "jaar", 2024)
    return Municipality(hh, hier, cbs_counts(hh, hier))


def next_year(mun: Municipality, seed: int, churn: float = 0.1) -> Municipality:
    """The same municipality a year later: ~10 % of households replaced."""
    rng = np.random.default_rng(seed)
    hh = mun.households.copy()
    keep = rng.random(len(hh)) >= churn
    fresh = _households(hh.loc[~keep, "postcode6"].to_numpy(), rng, 1.0, 10**6 + seed * 10**5)
    fresh = fresh.iloc[: (~keep).sum()]
    year = int(hh["jaar"].iloc[0]) + 1
    hh = pd.concat([hh[keep], fresh.assign(jaar=year)], ignore_index=True)
    hh["jaar"] = year
    return Municipality(hh, mun.hierarchy, cbs_counts(hh, mun.hierarchy))


def cbs_counts(hh: pd.DataFrame, hier: pd.DataFrame) -> pd.Series:
    """Public CBS households per postcode-6 as CBS publishes them: rounded to the nearest
    multiple of 5 (halves up), at least 5, and secret (absent) for the smallest postcodes
    (CBS needs 5 inhabitants; taken here as 3 households)."""
    n = hh.groupby("postcode6").size().reindex(hier.index, fill_value=0)
    shown = n[n >= 3]
    return np.maximum(5, 5 * np.floor(shown / 5 + 0.5)).astype(int)


def value_feasible(prob, lb, i: int, value: int) -> bool:
    """An independent exact check: can part i of the problem take ``value``?"""
    a = vstack([prob.a, prob.parts[i]], format="csr")
    res = milp(np.zeros(prob.a.shape[1]), integrality=np.ones(prob.a.shape[1]),
               bounds=Bounds(lb, prob.ub),
               constraints=[LinearConstraint(a, np.r_[prob.row_lo, value],
                                             np.r_[prob.row_hi, value])])
    return res.status == 0


def protected_problems(n_postcodes: int, seed: int, islands: bool = False) -> list:
    """The component problems of a generated town protected by the pre-audit rules
    (primary, complement, OR, totals), as the audit's first round sees them.
    ``islands``: postcode-4 areas end at wijk borders (so no postcode-4 links two wijken)
    and every wijk cell but the household count is hidden, as a later round may have."""
    from ruimtelijke_kijk.privacy.attacker import build_model
    from ruimtelijke_kijk.privacy.catalogue import load_catalogue
    from ruimtelijke_kijk.privacy.knowledge import add_public, knowledge_from_release
    from ruimtelijke_kijk.privacy.problems import component_problems
    from ruimtelijke_kijk.privacy.release_io import LEVELS
    from ruimtelijke_kijk.privacy.rules import PUBLISHED, SECONDARY, primary_and_complement
    from ruimtelijke_kijk.privacy.secondary import protect_or_cells, protect_totals
    from ruimtelijke_kijk.privacy.tables import true_table

    mun = municipality(n_postcodes, seed=seed)
    hier = mun.hierarchy
    if islands:
        hier = hier.assign(postcode4=[w[-2:] + p[2:] for w, p in
                                      zip(hier["wijkcode"], hier["postcode4"])])
    table = true_table(mun.households, load_catalogue(SMALL_CATALOGUE), hier)
    den = table.den
    codes = {lv: primary_and_complement(table.values[lv], table.values[lv][:, den], 5, den)
             for lv in LEVELS}
    if islands:
        wijk = codes["wijk"]
        wijk[:] = np.where(wijk == PUBLISHED, SECONDARY, wijk)
        wijk[:, den] = PUBLISHED
    protect_or_cells(codes, table, 5)
    protect_totals(codes, table)
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    know = add_public(knowledge_from_release(codes, shown, 5, den), table.values, den,
                      table.areas.postcodes, mun.cbs)
    return [prob for _, prob in component_problems(build_model(table, know, 5)).values()]


def perturbed_problems(n_postcodes: int, seed: int) -> list:
    """The component problems of a generated town's cell-key release (every cell
    perturbed), as the audit's first round sees them."""
    from ruimtelijke_kijk.privacy.attacker import build_model
    from ruimtelijke_kijk.privacy.catalogue import load_catalogue
    from ruimtelijke_kijk.privacy.cellkey import PerturbationTable
    from ruimtelijke_kijk.privacy.knowledge import add_public, knowledge_from_release
    from ruimtelijke_kijk.privacy.perturb import perturb_table
    from ruimtelijke_kijk.privacy.problems import component_problems
    from ruimtelijke_kijk.privacy.rules import PERTURBED, Parameters
    from ruimtelijke_kijk.privacy.tables import true_table

    mun = municipality(n_postcodes, seed=seed)
    table = true_table(mun.households, load_catalogue(SMALL_CATALOGUE), mun.hierarchy)
    params = Parameters(mode="cellkey")
    shown = perturb_table(table, mun.households, params, b"test-only secret")
    codes = {lv: np.full(v.shape, PERTURBED, dtype=np.int8) for lv, v in shown.items()}
    possible = PerturbationTable(params.threshold, params.max_deviation,
                                 params.variance).possible_true
    know = add_public(knowledge_from_release(codes, shown, params.threshold, table.den,
                                             possible),
                      table.values, table.den, table.areas.postcodes, mun.cbs)
    return [prob for _, prob in component_problems(
        build_model(table, know, params.threshold)).values()]


def attacker_model(table, codes: dict, cbs: pd.Series | None = None, threshold: int = 5):
    """The attacker's model of a release whose shown values are the true ones, with the
    public auxiliaries (CBS household counts ``cbs``)."""
    from ruimtelijke_kijk.privacy.attacker import build_model
    from ruimtelijke_kijk.privacy.knowledge import add_public, knowledge_from_release
    from ruimtelijke_kijk.privacy.release_io import LEVELS

    den = table.stat_ids.index(table.catalogue.denominator.id)
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    know = add_public(knowledge_from_release(codes, shown, threshold, den), table.values, den,
                      table.areas.postcodes, cbs)
    return build_model(table, know, threshold)


def exchange_witnesses(prob, varmap=None):
    """The witnesses the cheap exchanges find for a component (``varmap``: the problem's
    own, or a reduced one)."""
    from ruimtelijke_kijk.privacy.moves import move_witnesses
    from ruimtelijke_kijk.privacy.witnesses import Witnesses

    wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
    move_witnesses(prob.a, prob.row_lo, prob.row_hi, prob.true_x, prob.lb_outsider, prob.ub,
                   prob.varmap if varmap is None else varmap, prob.widths, wit)
    return wit
