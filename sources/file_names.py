"""Reference year, file version and area level as CBS writes them into file names."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Union

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_VERSION = re.compile(r"(?i)(?<![a-z0-9])(v\d{1,2}|vol|def)(?![a-z0-9])")
_LEVEL = re.compile(r"(?i)(?<![a-z])(?:pc|postcode)[_\- ]?([46])(?!\d)")


def year_from_name(path: Union[str, Path]) -> Optional[int]:
    """``cbs_pc6_2019_vol.gpkg`` → 2019; ``None`` when the name holds no year."""
    match = _YEAR.search(Path(path).stem)
    return int(match.group(1)) if match else None


def version_from_name(path: Union[str, Path]) -> Optional[str]:
    """``CBS_PC6_2015_v2.shp`` → ``v2``; ``…_vol`` → ``vol``; lower case."""
    match = _VERSION.search(Path(path).stem.replace("_", " ").replace("-", " "))
    return match.group(1).lower() if match else None


def level_from_name(path: Union[str, Path]) -> Optional[str]:
    """``postcode6`` or ``postcode4`` when the name says ``pc6``/``pc4``."""
    match = _LEVEL.search(Path(path).stem)
    return f"postcode{match.group(1)}" if match else None
