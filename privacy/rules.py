"""The published rules: parameters, and the primary and complement rules per cell.

Status codes are small integers inside the builder and audit (``CODE``); the release
stores the ``Status`` strings. Zero is suppressed like 1..threshold-1: if a published 0
sat beside "fewer than 5", the status alone would tell that a hidden cell is *not* empty
(presence disclosure). So a hidden cell means "0 to threshold-1", as CBS's -99997 does.
The complement rule likewise hides denominator - value in 0..threshold-1: "all 17
households in this street have debts" discloses every household.

A reason is information too (the rules are public): "all but fewer than 5" of 7 households
tells 5 to 7. So a reason is given only where the area's household count is published and
at least 2 x threshold, where each reason still leaves threshold values; elsewhere a hidden
statistic is just ``SUPPRESSED``, which tells nothing (its reason could be any of the
three, and together they cover 0..households).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ..indicators.status import Status

MIN_THRESHOLD = 5
MODES = ("suppression", "cellkey")
PUBLISHED, PRIMARY, COMPLEMENT, SECONDARY, PERTURBED, SUPPRESSED = range(6)
STATUS_OF_CODE = {
    PUBLISHED: Status.PUBLISHED,
    PRIMARY: Status.PRIMARY_SUPPRESSED,
    COMPLEMENT: Status.COMPLEMENT_SUPPRESSED,
    SECONDARY: Status.SECONDARY_SUPPRESSED,
    PERTURBED: Status.PERTURBED,
    SUPPRESSED: Status.SUPPRESSED,
}
CODE_OF_STATUS = {v.value: k for k, v in STATUS_OF_CODE.items()}


class ParameterError(ValueError):
    """A parameter would weaken the published rules (e.g. a threshold below 5)."""


@dataclass(frozen=True)
class Parameters:
    """Public parameters of a release (written to its metadata; the attacker knows them).

    ``max_deviation`` (D) and ``variance`` (V) apply to cell-key mode only. The secret
    salt for record keys is *not* a parameter: it is passed separately and never written.
    """

    threshold: int = MIN_THRESHOLD
    mode: str = "suppression"
    max_deviation: int = 5
    variance: float = 3.0
    min_feasible_values: int = 3  # an attacker must be left with at least this many values

    def __post_init__(self) -> None:
        if int(self.threshold) != self.threshold or self.threshold < MIN_THRESHOLD:
            raise ParameterError(
                f"threshold {self.threshold} refused: it may be raised, never set below "
                f"{MIN_THRESHOLD} (drempel mag niet lager dan {MIN_THRESHOLD})")
        if self.mode not in MODES:
            raise ParameterError(f"mode {self.mode!r} not in {MODES}")
        if self.mode == "cellkey" and self.max_deviation < self.threshold - 1:
            raise ParameterError("cell-key mode needs max_deviation >= threshold - 1 so that "
                                 "small values can move to 0 or to the threshold")
        if self.min_feasible_values < 3:
            raise ParameterError("min_feasible_values may not be below 3")

    def to_json(self) -> dict:
        return asdict(self)


def primary_and_complement(values: np.ndarray, den: np.ndarray, threshold: int,
                           den_column: int) -> np.ndarray:
    """Status codes (areas x statistics) from the primary and complement rules alone."""
    codes = np.full(values.shape, PUBLISHED, dtype=np.int8)
    rest = den[:, None] - values
    complement = (rest < threshold) & (rest >= 0)
    complement[:, den_column] = False
    codes[complement] = COMPLEMENT
    codes[values < threshold] = PRIMARY
    return codes


def reasons_withheld(codes: np.ndarray, den: np.ndarray, threshold: int,
                     den_column: int) -> np.ndarray:
    """The statuses a release shows: in areas whose household count is hidden or below
    2 x threshold, every statistic that is not published is ``SUPPRESSED``. Where a reason
    is withheld depends on published figures only, so it says nothing either."""
    shown = codes.copy()
    areas = (codes[:, den_column] != PUBLISHED) | (np.asarray(den) < 2 * threshold)
    statistics = np.arange(codes.shape[1]) != den_column
    block = shown[np.ix_(areas, statistics)]
    block[block != PUBLISHED] = SUPPRESSED
    shown[np.ix_(areas, statistics)] = block
    return shown
