"""The status every measure value carries end to end.

A value that is not published is never a number: it keeps *why* it is not
published, so that the map, identify, exports and legend can each show it in
its own class, distinct from the lowest value class (invariant 5).
"""
from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """Why a value is, or is not, shown. Stored as its string value."""

    PUBLISHED = "published"
    PERTURBED = "perturbed"  # published with cell-key noise
    # Municipal data, decided by the release builder (privacy/).
    PRIMARY_SUPPRESSED = "primary_suppressed"  # fewer than the threshold
    COMPLEMENT_SUPPRESSED = "complement_suppressed"  # denominator minus value too small
    SECONDARY_SUPPRESSED = "secondary_suppressed"  # would let a hidden value be derived
    # Hidden for one of those reasons, not given: in an area whose household count is
    # hidden or small, the reason itself would narrow the count down.
    SUPPRESSED = "suppressed"
    # Public CBS data, decided by CBS (special values in its files).
    CBS_SECRET = "cbs_secret"  # -99997: secret (0 to 4) or not present
    CBS_LATER_VERSION = "cbs_later_version"  # -99995: in a later version of the file
    CBS_NO_LONGER_PUBLISHED = "cbs_no_longer_published"  # -99991
    CBS_SECONDARY = "cbs_secondary_suppressed"  # -99998 in grid files
    CBS_NOT_AVAILABLE = "cbs_not_available"  # -99999, -99999999, '.' or empty
    # Neither: nothing about this area in the loaded sources.
    NO_DATA = "no_data"

    @property
    def shows_value(self) -> bool:
        return self in (Status.PUBLISHED, Status.PERTURBED)

    @property
    def is_privacy_suppressed(self) -> bool:
        """Hidden by the municipal release ("fewer than 5 — not shown")."""
        return self in _PRIVACY

    @property
    def is_cbs_unpublished(self) -> bool:
        """Hidden by CBS ("not published by CBS")."""
        return self in _CBS


_PRIVACY = frozenset(
    {Status.PRIMARY_SUPPRESSED, Status.COMPLEMENT_SUPPRESSED, Status.SECONDARY_SUPPRESSED,
     Status.SUPPRESSED}
)
_CBS = frozenset(
    {
        Status.CBS_SECRET,
        Status.CBS_LATER_VERSION,
        Status.CBS_NO_LONGER_PUBLISHED,
        Status.CBS_SECONDARY,
        Status.CBS_NOT_AVAILABLE,
    }
)
