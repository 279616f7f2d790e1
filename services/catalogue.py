"""The service list: read, expanded per year, and turned into QGIS data source URIs.

QGIS-free: the URI strings are what QGIS's own WMS (also WMTS) and WFS providers
take, so the layers behave like any layer the user adds by hand. The list also
names the geocoder (the PDOK Locatieserver) used to find addresses and places.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence
from urllib.parse import quote

DATA = Path(__file__).with_name("pdok_services.json")
LAYER_KINDS = ("wmts", "wms", "wfs")
KINDS = LAYER_KINDS + ("geocoder",)
REQUIRED = ("id", "kind", "group", "title", "url")


@dataclass(frozen=True)
class Service:
    id: str
    kind: str
    group: str
    title_nl: str
    title_en: str
    url: str
    layer: str = ""
    format: str = "image/png"
    tile_matrix_set: Optional[str] = None

    def title(self, language: str = "nl") -> str:
        return self.title_en if language == "en" else self.title_nl

    @property
    def provider(self) -> str:
        return "WFS" if self.kind == "wfs" else "wms"

    def uri(self) -> str:
        if self.kind == "wfs":
            return (f"pagingEnabled='true' preferCoordinatesForWfsT11='false' "
                    f"restrictToRequestBBOX='1' srsname='EPSG:28992' typename='{self.layer}' "
                    f"url='{self.url}' version='2.0.0'")
        common = (f"crs=EPSG:28992&dpiMode=7&format={self.format}&layers={self.layer}"
                  f"&styles=")
        if self.kind == "wmts":
            capabilities = quote(f"{self.url}?request=GetCapabilities&service=WMTS", safe="")
            return (f"contextualWMSLegend=0&{common}default&tileMatrixSet="
                    f"{self.tile_matrix_set}&url={capabilities}")
        return f"contextualWMSLegend=0&{common}&url={self.url}"


class ServiceListError(ValueError):
    pass


def load_services(path: Path = DATA, kinds: Sequence[str] = LAYER_KINDS) -> List[Service]:
    """Every service of ``kinds`` (map layers by default), with per-year entries expanded.

    The whole list is checked whatever ``kinds`` asks for; a malformed entry is named.
    """
    path = Path(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    services: List[Service] = []
    for number, entry in enumerate(document.get("services", []), start=1):
        required = REQUIRED + (("layer",) if entry.get("kind") in LAYER_KINDS else ())
        missing = [key for key in required if key not in entry]
        if missing:
            raise ServiceListError(f"{path.name}: service {number} lacks {', '.join(missing)}")
        if entry["kind"] not in KINDS:
            raise ServiceListError(f"{path.name}: service {number} has kind {entry['kind']!r}")
        for year in entry.get("years", [None]):
            def fill(text: str, year=year) -> str:
                return text.replace("{year}", str(year)) if year else text

            services.append(Service(
                id=fill(entry["id"]), kind=entry["kind"], group=entry["group"],
                title_nl=fill(entry["title"]["nl"]), title_en=fill(entry["title"]["en"]),
                url=fill(entry["url"]), layer=entry.get("layer", ""),
                format=entry.get("format", "image/png"),
                tile_matrix_set=entry.get("tile_matrix_set"),
            ))
    ids = [s.id for s in services]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ServiceListError(f"{path.name}: duplicate ids {duplicates}")
    return [s for s in services if s.kind in kinds]


def load_geocoder(path: Path = DATA) -> Service:
    """The geocoder entry (the PDOK Locatieserver's free search); its ``url`` is the endpoint."""
    found = load_services(path, kinds=("geocoder",))
    if not found:
        raise ServiceListError(f"{Path(path).name}: no service of kind 'geocoder'")
    return found[0]
