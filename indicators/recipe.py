"""The recipe engine: a preset plus the user's choice, run on the loaded sources.

``run_recipe`` computes every selected measure per postcode-6 with its status, the
OR-count where the release holds that combination (else a message naming the catalogue
entry to add), and the composite score. Missing sources never stop the run: each missing
measure is reported with where its data would come from.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional

import pandas as pd

from ..presets.model import MeasureSpec, OrSpec, Preset, ScoreSpec
from .builders import Built, Context, build
from .catalogue import Catalogue, CatalogueError, Text, load_catalogue
from .inputs import RecipeInputs, denominator_id, find_statistic, release_arrays, release_info
from .measures import STATUS_SUFFIX, MeasureInfo, Measures, Problem, SourceRef
from .proximity import FacilityIndex
from .score import METHOD, composite_score
from .status_math import blank_hidden, percentage


def run_recipe(preset: Preset, inputs: RecipeInputs, selected: Optional[Iterable[str]] = None,
               selections: Optional[Mapping[str, Mapping[str, Any]]] = None,
               catalogue: Optional[Catalogue] = None) -> Measures:
    """Measures per postcode-6 for ``preset`` on ``inputs``.

    ``selected``: the ticked measure ids (default: the preset's default selection).
    ``selections``: parameter overrides per measure, e.g. ``{"ov_halte_nabij":
    {"straal_km": 0.3}}``; invalid values raise ``ValueError`` naming the parameter.
    """
    catalogue = catalogue or load_catalogue()
    recipe = preset.recipe
    known = [s.id for s in recipe.measures]
    chosen = list(recipe.default_selection() if selected is None else selected)
    unknown = [m for m in chosen if m not in known]
    if unknown:
        raise ValueError(f"preset '{preset.id}' has no measure(s) {unknown}; known: {known}")
    index = inputs.universe()
    ctx = Context(inputs, index, [], FacilityIndex(inputs.points))
    if inputs.release is not None and inputs.cbs is not None and inputs.cbs.year is not None \
            and inputs.release.year != inputs.cbs.year:
        ctx.problems.append(Problem(
            "year_mismatch", None,
            f"De release is van {inputs.release.year}, het CBS-bestand van {inputs.cbs.year}.",
            f"The release is from {inputs.release.year}, the CBS file from {inputs.cbs.year}.",
            inputs.cbs.where(), severity="warning"))
    columns: Dict[str, pd.Series] = {}
    info: Dict[str, MeasureInfo] = {}
    built: Dict[str, Built] = {}
    for spec in recipe.measures:
        if spec.id not in chosen:
            continue
        selection = {**spec.selection, **dict((selections or {}).get(spec.id, {}))}
        result = _measure(ctx, spec, selection, catalogue)
        if result is None:
            continue
        made, measure_info = result
        built[spec.id] = made
        _put(columns, info, measure_info, made.values, made.status)
    if recipe.or_combination is not None:
        _or_count(ctx, recipe.or_combination, chosen, recipe, catalogue, columns, info)
    if recipe.score is not None:
        _score(ctx, recipe.score, recipe, chosen, built, columns, info)
    _not_available(ctx, preset, catalogue)
    frame = pd.DataFrame({k: v.to_numpy() for k, v in columns.items()}, index=index)
    year = inputs.release.year if inputs.release is not None else (
        inputs.cbs.year if inputs.cbs is not None else None)
    display = {"measure": recipe.display.measure, "style": recipe.display.style,
               "method": recipe.display.method, "classes": recipe.display.classes}
    return Measures(preset.id, year, frame, info, ctx.problems, display)


def _measure(ctx: Context, spec: MeasureSpec, selection: Mapping[str, Any],
             catalogue: Catalogue):
    first = len(ctx.problems)
    for attempt, iid in enumerate([spec.indicator] + ([spec.fallback] if spec.fallback else [])):
        ind = catalogue[iid]
        try:
            src = ind.resolve(selection if attempt == 0 else {})
        except CatalogueError as exc:
            raise ValueError(f"measure '{spec.id}': {exc}") from None
        made = build(ctx, spec.id, spec.show, ind, src)
        if made is None:
            continue
        if attempt:  # the main indicator is missing, its fallback stands in
            missed = ctx.problems[first:]
            del ctx.problems[first:]
            ctx.problems.append(Problem(
                "fallback_used", spec.id,
                f"'{spec.indicator}' ontbreekt; '{iid}' gebruikt in plaats daarvan.",
                f"'{spec.indicator}' is missing; '{iid}' is used instead.",
                "; ".join(p.source or "" for p in missed), severity="info"))
        label = ind.label if src.choice_label is None else Text(
            f"{ind.label.nl}: {src.choice_label.nl}", f"{ind.label.en}: {src.choice_label.en}")
        if src.radius_km is not None:
            km = f"{src.radius_km:g}"
            label = Text(f"{label.nl} ({km.replace('.', ',')} km)", f"{label.en} ({km} km)")
        kind = "percentage" if spec.show == "percentage" else ind.kind
        unit = "%" if spec.show == "percentage" else ind.unit
        return made, MeasureInfo(
            id=spec.id, label=label, kind=kind, unit=unit, role="measure",
            sensitivity=ind.sensitivity, indicator=iid, sources=made.sources,
            release=made.release, risk_direction=spec.risk_direction,
            categories=made.categories)
    return None


def _put(columns: Dict[str, pd.Series], info: Dict[str, MeasureInfo], measure: MeasureInfo,
         values: pd.Series, status: pd.Series) -> None:
    columns[measure.id] = values.astype(float)
    columns[measure.id + STATUS_SUFFIX] = status.astype(object)
    info[measure.id] = measure


def _or_count(ctx: Context, spec: OrSpec, chosen: List[str], recipe, catalogue: Catalogue,
              columns: Dict[str, pd.Series], info: Dict[str, MeasureInfo]) -> None:
    """Households with one or more of the selected characteristics, as the release holds it."""
    terms = [t for t in spec.terms if all(m in chosen for m in t)]
    if len(terms) < 2:
        return  # nothing to combine: the single measures show it already
    names = []
    for term in terms:
        cols = sorted(catalogue[recipe.measure(m).indicator].resolve(
            recipe.measure(m).selection).name for m in term)
        names.append("&".join(cols))
    names.sort()
    entry = {"id": spec.id, "kind": "or", "columns": names, "denominator": spec.denominator}
    release = ctx.inputs.release
    if release is None:
        ctx.fail("missing_source", spec.id,
                 f"De OR-telling vraagt een beschermde release met de combinatie {names}.",
                 f"The OR-count needs a protected release with the combination {names}.",
                 "beschermde release", entry)
        return
    stat = find_statistic(release, "or", names)
    if stat is None:
        ctx.fail("missing_or_combination", spec.id,
                 f"De release van {release.year} bevat de combinatie {names} niet. Vraag de "
                 f"data-analist deze catalogusregel toe te voegen en de release opnieuw te "
                 f"maken: {entry}. De score-kaart kan wel.",
                 f"The {release.year} release lacks the combination {names}. Ask the data "
                 f"analyst to add this catalogue entry and rebuild the release: {entry}. The "
                 f"score map is possible.", f"release {release.year}", entry)
        return
    wide = ctx.inputs.release_wide()
    values, status = ctx.align("release", wide.index, *release_arrays(wide, stat))
    meta = release_info(release)
    ref = SourceRef("release", stat, release.year, meta["file"])
    _put(columns, info, MeasureInfo(
        spec.id, spec.label, "count", "huishoudens", "or_count", "municipal", None, (ref,), meta,
        method="or"), blank_hidden(values, status), status)
    den = denominator_id(release)
    if den is None:
        return
    den_values, den_status = ctx.align("release", wide.index, *release_arrays(wide, den))
    pct, pct_status = percentage(values, status, den_values, den_status)
    label = Text(f"{spec.label.nl} (% van huishoudens)", f"{spec.label.en} (% of households)")
    refs = (ref, SourceRef("release", den, release.year, meta["file"]))
    _put(columns, info, MeasureInfo(
        f"{spec.id}_pct", label, "percentage", "%", "or_percentage", "municipal", None, refs,
        meta, method="or"), pct, pct_status)


def _score(ctx: Context, spec: ScoreSpec, recipe, chosen: List[str], built: Dict[str, Built],
           columns: Dict[str, pd.Series], info: Dict[str, MeasureInfo]) -> None:
    use = [m for m in spec.inputs if m in chosen and m in built]
    absent = [m for m in spec.inputs if m in chosen and m not in built]
    if len(use) < spec.min_inputs:
        ctx.fail("too_few_score_inputs", spec.id,
                 f"De score vraagt ten minste {spec.min_inputs} beschikbare invoermaten; "
                 f"beschikbaar: {use}, ontbrekend: {absent}.",
                 f"The score needs at least {spec.min_inputs} available inputs; "
                 f"available: {use}, missing: {absent}.")
        return
    triples = [(built[m].values, built[m].status, recipe.measure(m).risk_direction) for m in use]
    values, status = composite_score(triples, spec.min_inputs)
    sources = tuple(ref for m in use for ref in built[m].sources)
    releases = [built[m].release for m in use if built[m].release is not None]
    sensitivity = "municipal" if releases else "public"
    _put(columns, info, MeasureInfo(
        spec.id, spec.label, "score", "0-100", "score", sensitivity, None, sources,
        releases[0] if releases else None, "higher",
        method=f"{METHOD}(inputs={use}, min_inputs={spec.min_inputs})"), values, status)


def _not_available(ctx: Context, preset: Preset, catalogue: Catalogue) -> None:
    """Data the source document names that this product cannot have, as information."""
    seen = set()
    for row in preset.to_dict()["data_table"]:
        if row["availability"] != "not_available":
            continue
        for iid in row["indicators"]:
            if iid in seen:
                continue
            seen.add(iid)
            ind = catalogue[iid]
            named = ind.source.get("named_source", row["bron"])
            ctx.problems.append(Problem(
                "not_available", None,
                f"'{row['type_data']}' ({named}) is niet beschikbaar: {ind.explanation.nl}",
                f"'{ind.label.en}' ({named}) is not available: {ind.explanation.en}",
                named, severity="info"))
