"""The release builder: raw household registrations in, protected and audited release out.

The data analyst runs this (Processing ``ruimtelijkekijk:buildrelease`` or a script). It
counts households per postcode-6 and area for every catalogue statistic, applies the
primary and complement rules, then either secondary suppression or cell-key perturbation,
attacks the result with the exact integer audit (together with the ledger and public CBS
counts), repairs what the attacker pins, and writes the release only if the audit passes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from .attacker import build_model
from .audit import AuditResult, Finding, audit_model
from .catalogue import Catalogue, load_catalogue
from .cellkey import PerturbationTable
from .cellkey_repair import repair_perturbed
from .fingerprint import input_fingerprint
from .knowledge import add_public, knowledge_from_release
from .ledger import release_knowledge, same_year, union_catalogue
from .perturb import perturb_table
from .release_cells import cells_frame, suppression_counts
from .release_io import LEVELS, Release, read_release, write_release
from .repair import repair
from .rules import (
    COMPLEMENT,
    PERTURBED,
    PUBLISHED,
    Parameters,
    primary_and_complement,
    reasons_withheld,
)
from .secondary import protect_or_cells, protect_totals
from .solver import REGIONS, Regions
from .tables import InputError, TrueTable, true_table

TOOL_VERSION = "ruimtelijke_kijk.privacy 0.1.0"
MAX_REPAIR_ROUNDS = 40  # rounds are cheap: each re-attacks only what is not yet certified
STALL_ROUNDS = 4  # repairs in a row that leave exactly the same findings: refuse
PINNED_ROUNDS = 6  # audits in a row that convict the same quantity: refuse
# Region tries per large component and audit round (see ``solver.Regions``): a
# suppression release's first round tries none if there are many (its repair hides
# totals, which frees them), its later rounds ``solver.REGIONS``. A cell-key release's
# repair hides whole groups, which makes no proof easier by itself, while wider regions
# settle nearly every part on their own (91 % at Amsterdam's size, about 0.1 s each):
# every short part gets them from the first round on. A cap there cost the map cells
# the audit could have cleared (1,633 postcode cells hidden with 400 tries a round, 282
# without) and two more rounds. The bound only keeps a pathological release finite.
# None gets its linked wijken (``solver.attack``) or islands: at Amsterdam's size the
# twelve parts a round once given their wijken took 20 s and none was settled (nor the
# one left in round 2), sixty parts' wijken or four parts' islands cost minutes — for
# parts the repair clears in seconds (it hid the same 282 cells either way).
FIRST_ROUND_REGIONS = Regions(60, all_or_none=True)
CELLKEY_REGIONS = Regions(parts=20_000, wider=20_000, wijken=0, islands=False)
Progress = Callable[[float, str], None]


class ReleaseRefusedError(RuntimeError):
    """The audit still finds pinned quantities after all repairs: nothing is written."""

    def __init__(self, message: str, audit: AuditResult, codes: dict | None = None):
        super().__init__(message)
        self.audit = audit
        self.codes = codes  # final status codes per level (no values), for diagnosis


@dataclass
class BuildResult:
    release: Release
    audit: AuditResult
    suppression: dict[str, int]
    path: Path | None = None
    rounds: int = 0
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class BuildOptions:
    """Switches for tests that prove each protection matters (broken variants). A real
    build never changes them; the metadata records them."""

    secondary: bool = True
    or_rule: bool = True
    complement: bool = True
    audit: bool = True
    repair: bool = True


def _registrations_for_year(registrations: pd.DataFrame, year: int) -> pd.DataFrame:
    if "jaar" in registrations.columns:
        registrations = registrations[registrations["jaar"].astype(int) == int(year)]
    if "huishouden_id" in registrations.columns and registrations["huishouden_id"].duplicated(
    ).any():
        raise InputError("a household appears more than once in one year")
    return registrations


def build_release(registrations: pd.DataFrame, year: int, hierarchy: pd.DataFrame,
                  output: str | Path | None = None, *,
                  catalogue: Catalogue | str | Path | dict | None = None,
                  parameters: Parameters | None = None,
                  cbs_households: pd.Series | None = None,
                  ledger: Sequence[Release | str | Path] = (),
                  salt: bytes | None = None,
                  options: BuildOptions | None = None,
                  progress: Progress | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> BuildResult:
    """Build, audit and (if ``output`` is given) write the protected release of one year.

    ``registrations``: one row per household (``postcode6``, ``huishouden_id``, indicator
    columns). ``hierarchy``: indexed by postcode6 with postcode4, buurtcode, wijkcode,
    gemeentecode. ``cbs_households``: public CBS households per postcode-6 (rounded to the
    nearest multiple of 5, as CBS publishes them). ``salt``: the secret for cell-key
    record keys (never written).
    Raises ``ReleaseRefusedError`` (and writes nothing) if the audit cannot be passed.
    """
    import time

    clock = time.perf_counter()
    timings: dict[str, float] = {}
    params = parameters or Parameters()
    opts = options or BuildOptions()
    cat = catalogue if isinstance(catalogue, Catalogue) else load_catalogue(catalogue)
    earlier = [r if isinstance(r, Release) else read_release(r) for r in ledger]
    regs = _registrations_for_year(registrations, year)
    _report(progress, 0.02, "counting households")
    audit_cat = union_catalogue(cat, same_year(earlier, year))
    table = true_table(regs, audit_cat, hierarchy)
    own = [audit_cat.ids.index(s) for s in cat.ids]
    den = audit_cat.ids.index(cat.denominator.id)
    timings["count"] = time.perf_counter() - clock
    t = params.threshold
    codes = {lv: primary_and_complement(table.values[lv], table.values[lv][:, den], t, den)
             for lv in LEVELS}
    if not opts.complement:  # a broken variant: the primary rule alone
        for lv in LEVELS:
            codes[lv][codes[lv] == COMPLEMENT] = PUBLISHED
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    if params.mode == "cellkey":
        shown = perturb_table(table, regs, params, salt)
        codes = {lv: np.full(c.shape, PERTURBED, dtype=np.int8) for lv, c in codes.items()}
    else:
        if opts.or_rule:
            protect_or_cells(codes, table, t)
        if opts.secondary:
            protect_totals(codes, table)
    # Statistics that only the ledger holds are not part of this release.
    foreign = [j for j in range(len(audit_cat.ids)) if j not in own]
    rounds, audit, cache = 0, None, {}
    stall = Stall()
    while True:
        if is_cancelled is not None and is_cancelled():
            raise InterruptedError("build cancelled")
        # What the release would show; again after each repair, which may hide a count.
        public = codes if params.mode == "cellkey" else {
            lv: reasons_withheld(codes[lv], table.values[lv][:, den], t, den) for lv in LEVELS}
        base = min(0.9, 0.1 + 0.08 * rounds)
        _report(progress, base, f"audit round {rounds + 1}")
        sub = None if progress is None else (
            lambda f, msg, base=base: progress(min(0.9, base + 0.08 * f), msg))
        audit = audit_state(table, public, shown, params, cbs_households, earlier, year, foreign,
                            sub, is_cancelled, cache,
                            CELLKEY_REGIONS if params.mode == "cellkey" else
                            FIRST_ROUND_REGIONS if rounds == 0 else REGIONS,
                            opts.complement) if opts.audit else _skipped_audit()
        if audit.passed or not opts.repair:
            break
        if stall.update(audit.findings) or rounds >= MAX_REPAIR_ROUNDS or \
                not _repair_all(codes, table, audit, opts, params):
            break
        rounds += 1
    timings["protect_and_audit"] = time.perf_counter() - clock - timings["count"]
    if not audit.passed:
        raise ReleaseRefusedError(
            f"release {year} refused: {len(audit.findings)} sensitive quantities still "
            "derivable after repair (release geweigerd: gevoelige aantallen af te leiden)",
            audit, codes)
    cells = cells_frame(table, public, shown, own)
    metadata = _metadata(cat, params, year, opts, audit, earlier, regs, hierarchy,
                         cbs_households, rounds)
    path = Path(output) if output is not None else None
    if path is not None:
        _report(progress, 0.95, "writing release")
        write_release(path, cells, metadata)
        release = read_release(path)
    else:
        release = Release(cells=cells, metadata=metadata)
    timings["total"] = time.perf_counter() - clock
    _report(progress, 1.0, "done")
    return BuildResult(release, audit, suppression_counts(codes, public, own), path, rounds,
                       timings)


class Stall:
    """Repairs that do not help. The same findings, round after round, however much is
    hidden around them — or one quantity convicted again and again while other findings
    come and go: more hiding does not help them (a dead end of the status semantics, or
    beyond what the audit can prove), so the builder refuses rather than hide the map
    away, and the analyst can act."""

    def __init__(self) -> None:
        self.before: set | None = None
        self.same = 0
        self.convicted: dict[tuple, int] = {}

    def update(self, findings: Sequence[Finding]) -> bool:
        """Takes one audit's findings; True once repairing has stalled."""
        keys = [(f.level, f.area_code, f.kind, f.name) for f in findings]
        self.same = self.same + 1 if set(keys) == self.before else 0
        self.before = set(keys)
        self.convicted = {key: self.convicted.get(key, 0) + 1
                          for key, f in zip(keys, findings) if f.problem == "pinned"}
        return self.same >= STALL_ROUNDS or max(self.convicted.values(), default=0) >= \
            PINNED_ROUNDS


def audit_state(table: TrueTable, codes: dict, shown: dict, params: Parameters,
                cbs: pd.Series | None = None, earlier: Sequence[Release] = (),
                year: int | None = None, foreign: Sequence[int] = (),
                progress: Progress | None = None, is_cancelled=None,
                cache: dict | None = None, regions: Regions = REGIONS,
                complement_rule: bool = True) -> AuditResult:
    """Audit status codes and shown values (per level) against the true table, with the
    same-year releases of ``earlier`` and the public auxiliaries. ``complement_rule``:
    the codes follow it; a broken variant's do not."""
    den = table.stat_ids.index(table.catalogue.denominator.id)
    ptable = None
    if params.mode == "cellkey":
        ptable = PerturbationTable(params.threshold, params.max_deviation,
                                   params.variance).possible_true
    know = knowledge_from_release(codes, shown, params.threshold, den, ptable,
                                  complement_rule)
    for lv in LEVELS:
        for j in foreign:
            know.lo[lv][:, j], know.hi[lv][:, j] = -np.inf, np.inf
            know.clo[lv][:, j], know.chi[lv][:, j] = -np.inf, np.inf
    for release in same_year(list(earlier), year) if year is not None else []:
        know = know.intersect(release_knowledge(release, table))
    know = add_public(know, table.values, den, table.areas.postcodes, cbs)
    model = build_model(table, know, params.threshold)
    return audit_model(model, progress, is_cancelled, params.min_feasible_values, cache,
                       regions)


def _skipped_audit() -> AuditResult:
    return AuditResult(True, [], {}, 0, 0, 0, 0.0, notes=["audit skipped (test variant)"])


def _repair_all(codes, table: TrueTable, audit: AuditResult, opts: BuildOptions,
                params: Parameters) -> bool:
    changed = False
    start = {lv: c.copy() for lv, c in codes.items()}
    if params.mode == "cellkey":
        for finding in audit.findings:
            changed |= repair_perturbed(codes, table, finding.level, finding.area,
                                        finding.name, start)
        return changed
    for finding in audit.findings:
        changed |= repair(codes, table, finding.level, finding.area, finding.name, start,
                          params.threshold)
    if opts.secondary:
        protect_totals(codes, table)
    return changed


def _metadata(cat, params, year, opts, audit, earlier, regs, hierarchy, cbs, rounds) -> dict:
    return {
        "year": int(year),
        "parameters": params.to_json(),
        "rules": {
            "primary": f"0..{params.threshold - 1} households hidden (zero included)",
            "complement": f"denominator - value in 0..{params.threshold - 1} hidden",
            "reasons": "a hidden statistic's reason is given only where the area's "
                       f"household count is published and at least {2 * params.threshold}",
            "secondary": "totals-minus-parts over postcode-4, buurt, wijk, gemeente; "
                         "OR/AND inclusion-exclusion; exact integer audit with repair"
                         if params.mode == "suppression" else
                         "every cell perturbed; where the exact integer audit pins a "
                         "quantity, its group is hidden in its area, then in the "
                         "overlapping areas (a wijk: its buurten) and the higher areas, "
                         "the municipal total last (a hidden status bounds nothing)",
            "options": {k: v for k, v in vars(opts).items()},
            "repair_rounds": rounds,
        },
        "catalogue": cat.to_json(),
        "input_fingerprint": input_fingerprint(regs, hierarchy, cbs),
        "audit": audit.summary(),
        "ledger": [{"year": r.year, "checksum": r.checksum} for r in earlier],
        "tool_version": TOOL_VERSION,
        "levels": list(LEVELS),
    }


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)
