"""The audit report for the data analyst: Dutch and English lines, and JSON.

It names areas and statistics, never values: a report can be mailed around without
disclosing anything the release does not.
"""
from __future__ import annotations

import json

from .audit import AuditResult, Finding

_KIND = {"cell": ("aantal", "count"), "complement": ("complement", "complement"),
         "and": ("EN-cel van een OF-combinatie", "AND-cell of an OR-combination")}
_PROBLEM = {
    "pinned": ("is af te leiden tot minder dan 3 mogelijke waarden",
               "is narrowed to fewer than 3 possible values"),
    "undecided": ("kon niet binnen de tijdslimiet worden uitgesloten (telt als risico)",
                  "could not be cleared within the time limit (counts as a risk)"),
    "presence": ("is aantoonbaar niet nul (aanwezigheid af te leiden)",
                 "is proven non-zero (presence disclosed)"),
}


def _line(f: Finding) -> tuple[str, str]:
    kind_nl, kind_en = _KIND[f.kind]
    prob_nl, prob_en = _PROBLEM[f.problem]
    where = f"{f.level} {f.area_code}, {f.name}"
    return f"- {where}: {kind_nl} {prob_nl}", f"- {where}: {kind_en} {prob_en}"


def format_report(results: dict[int, AuditResult]) -> str:
    """Readable report per year, Dutch first, then English."""
    out = []
    for year, res in sorted(results.items()):
        verdict_nl = "GESLAAGD" if res.passed else "AFGEKEURD"
        verdict_en = "PASSED" if res.passed else "REFUSED"
        checked = sum(res.checked.values())
        out.append(f"Audit {year}: {verdict_nl} — {checked} gevoelige grootheden aangevallen, "
                   f"{len(res.findings)} af te leiden, {len(res.warnings)} "
                   f"aanwezigheidswaarschuwingen, {res.solves} MILP-oplossingen in "
                   f"{res.seconds:.1f} s.")
        out.append(f"Audit {year}: {verdict_en} — {checked} sensitive quantities attacked, "
                   f"{len(res.findings)} derivable, {len(res.warnings)} presence warnings, "
                   f"{res.solves} MILP solves in {res.seconds:.1f} s.")
        for f in res.findings + res.warnings:
            nl, en = _line(f)
            out.extend([nl, en])
    return "\n".join(out) + "\n"


def report_json(results: dict[int, AuditResult]) -> str:
    """Machine-readable report (sorted keys, stable)."""
    data = {str(year): {**res.summary(), "seconds": round(res.seconds, 3),
                        "findings": [f.to_json() for f in res.findings],
                        "warnings": [f.to_json() for f in res.warnings]}
            for year, res in sorted(results.items())}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
