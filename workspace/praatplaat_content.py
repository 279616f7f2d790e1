"""What a praatplaat says about a question result: all of it from the result's measures.

Key figures, the ranking and the legend are functions of the published values and
statuses, so the praatplaat adds nothing to what the release already shows.
"""
from __future__ import annotations

from typing import Sequence

from ..indicators.status import Status
from ..layouts.content import PraatplaatContent
from ..layouts.ranking import format_number, top_areas
from .pipeline import QuestionOutcome

KEY_FIGURE_LABELS = {
    "nl": ("Postcodegebieden met een getoonde waarde", "Middelste waarde (mediaan)",
           "Niet getoond (privacy)", "Niet gepubliceerd door CBS"),
    "en": ("Postcode areas with a shown value", "Middle value (median)",
           "Not shown (privacy)", "Not published by CBS"),
}
PRIVACY_NOTES = {
    "nl": ("Gemeentelijke gegevens komen alleen uit beschermde releases: niets over minder dan "
           "{t} huishoudens wordt getoond of is af te leiden (onderdrukking, complementregel, "
           "secundaire onderdrukking, audit). Combinaties alleen als 'een of meer van'."),
    "en": ("Municipal data comes only from protected releases: nothing about fewer than {t} "
           "households is shown or can be derived (suppression, complement rule, secondary "
           "suppression, audit). Combinations only as 'one or more of'."),
}
FINGERPRINTS = {"nl": "Vingerafdruk release: {}", "en": "Release fingerprint: {}"}


def praatplaat_content(outcome: QuestionOutcome, question: str, measure: str, year: int,
                       legend: Sequence, language: str = "nl") -> PraatplaatContent:
    measures = outcome.measures
    info = measures.info[measure]
    label = getattr(info.label, language)
    decimals = 0 if info.kind == "count" else 1
    unit = "%" if info.kind == "percentage" else ""
    status = measures.status(measure).astype(str)
    shown = measures.value(measure)[measures.shown(measure)].dropna()
    privacy = int(status.isin([s.value for s in Status if s.is_privacy_suppressed]).sum())
    cbs = int(status.isin([s.value for s in Status if s.is_cbs_unpublished]).sum())
    labels = KEY_FIGURE_LABELS[language]
    figures = [(labels[0], format_number(len(shown), 0, language))]
    if len(shown):
        figures.append((labels[1], format_number(float(shown.median()), decimals, language)
                        + (f" {unit}" if unit else "")))
    figures.append((labels[2], format_number(privacy, 0, language)))
    if cbs:
        figures.append((labels[3], format_number(cbs, 0, language)))
    frame = measures.frame
    names = None
    if outcome.areas is not None:
        names = outcome.areas[["buurtnaam", "wijknaam"]].rename(
            columns={"buurtnaam": "buurt", "wijknaam": "wijk"})
    highest = info.risk_direction != "lower"
    note = PRIVACY_NOTES[language].format(t=outcome.threshold)
    if outcome.release_checksums:
        note += " " + FINGERPRINTS[language].format(
            ", ".join(c[:16] for c in outcome.release_checksums))
    return PraatplaatContent(
        title=question,
        subtitle=f"{label} — {year}",
        key_figures=figures,
        top_areas=top_areas(frame, measure, names, highest_first=highest, decimals=decimals,
                            unit=unit, language=language),
        sources=list(outcome.sources_used),
        privacy_note=note,
        language=language,
        legend=list(legend),
    )
