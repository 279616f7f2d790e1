"""Writers for older and alternative spellings of the CBS files, from a generated folder.

The readers must accept every spelling a municipality may still have on disk:
2015–2018 postcode-6 shapefiles (UPPERCASE), the PDOK WFS GeoJSON (camelCase) and
the wijk-buurt shapefiles up to 2020. These functions turn the current-schema files
of any generated town into those shapes.
"""
from __future__ import annotations

import json
from pathlib import Path

import fiona
import geopandas as gpd
import numpy as np
from shapely.geometry import mapping

from .gpkg_io import FIXED_DATE, SYNTHETIC_NOTE
from .manifest import Manifest

# Current snake_case name -> UPPERCASE shapefile field (cbs-formats.md §1).
PC6_UPPERCASE = {
    "postcode6": "PC6", "aantal_inwoners": "INWONER", "aantal_mannen": "MAN",
    "aantal_vrouwen": "VROUW", "aantal_inwoners_0_tot_15_jaar": "INW_014",
    "aantal_inwoners_15_tot_25_jaar": "INW_1524", "aantal_inwoners_25_tot_45_jaar": "INW_2544",
    "aantal_inwoners_45_tot_65_jaar": "INW_4564", "aantal_inwoners_65_jaar_en_ouder": "INW_65PL",
    "aantal_geboorten": "GEBOORTE", "percentage_nederlandse_achtergrond": "P_NL_ACHTG",
    "percentage_westerse_migr_achtergr": "P_WE_MIG_A",
    "percentage_niet_westerse_migr_achtergr": "P_NW_MIG_A",
    "aantal_part_huishoudens": "AANTAL_HH", "aantal_eenpersoonshuishoudens": "TOTHH_EENP",
    "aantal_meerpersoonshuishoudens_zonder_kind": "TOTHH_MPZK",
    "aantal_eenouderhuishoudens": "HH_EENOUD", "aantal_tweeouderhuishoudens": "HH_TWEEOUD",
    "gemiddelde_huishoudensgrootte": "GEM_HH_GR", "aantal_woningen": "WONING",
    "aantal_woningen_bouwjaar_voor_1945": "WONVOOR45",
    "aantal_woningen_bouwjaar_45_tot_65": "WON_4564",
    "aantal_woningen_bouwjaar_65_tot_75": "WON_6574",
    "aantal_woningen_bouwjaar_75_tot_85": "WON_7584",
    "aantal_woningen_bouwjaar_85_tot_95": "WON_8594",
    "aantal_woningen_bouwjaar_95_tot_05": "WON_9504",
    "aantal_woningen_bouwjaar_05_tot_15": "WON_0514",
    "aantal_woningen_bouwjaar_15_en_later": "WON_1524",
    "aantal_meergezins_woningen": "WON_MRGEZ", "percentage_koopwoningen": "P_KOOPWON",
    "percentage_huurwoningen": "P_HUURWON",
    "aantal_huurwoningen_in_bezit_woningcorporaties": "WON_HCORP",
    "aantal_niet_bewoonde_woningen": "WON_NBEW", "gemiddelde_woz_waarde_woning": "WOZWONING",
    "gemiddeld_gasverbruik_woning": "G_GAS_WON",
    "gemiddeld_elektriciteitsverbruik_woning": "G_ELEK_WON",
    "mediaan_inkomen_huishouden": "M_INKHH",
    "aantal_personen_met_uitkering_onder_aowlft": "UITKMINAOW",
    "omgevingsadressendichtheid": "OAD", "stedelijkheid": "STED",
}
# wijk-buurt 2021+ GeoPackage -> shapefile up to 2020.
BUURT_UPPERCASE = {
    "buurtcode": "BU_CODE", "buurtnaam": "BU_NAAM", "wijkcode": "WK_CODE",
    "gemeentecode": "GM_CODE", "gemeentenaam": "GM_NAAM",
    "indelingswijziging_wijken_en_buurten": "IND_WBI", "water": "WATER",
    "meest_voorkomende_postcode": "POSTCODE", "aantal_inwoners": "AANT_INW",
    "aantal_huishoudens": "AANTAL_HH", "percentage_eenpersoonshuishoudens": "P_EENP_HH",
    "percentage_personen_65_jaar_en_ouder": "P_65_EO_JR",
}


def _source_file(folder: Path, kind: str, year: int | None) -> tuple[Path, int]:
    manifest = Manifest.read(folder)
    year = year or manifest.years[0]
    if kind == "pc6":
        return folder / "cbs" / f"cbs_pc6_{year}_{manifest.versions[str(year)]}.gpkg", year
    return folder / "wijkbuurt" / f"wijkenbuurten_{year}.gpkg", year


def _fix_dbf_date(shp: Path) -> None:
    """The DBF header holds the write date; pin it so the files are reproducible."""
    dbf = shp.with_suffix(".dbf")
    with open(dbf, "r+b") as f:
        f.seek(1)
        f.write(bytes([100, 1, 1]))  # 2000-01-01, years counted from 1900


def write_pc6_shapefile(folder: Path, out_path: Path, year: int | None = None) -> Path:
    """A 2015–2018-style ``CBS_PC6_<year>_v2.shp`` with UPPERCASE fields.

    Uses the generated postcode-6 file of ``year`` (default: the first year, which still
    has the pre-2023 origin classification the old files used).
    """
    src, year = _source_file(Path(folder), "pc6", year)
    gdf = gpd.read_file(src, layer="postcode6")
    keep = [c for c in PC6_UPPERCASE if c in gdf.columns]
    out = gdf[keep + ["geometry"]].rename(columns=PC6_UPPERCASE)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with fiona.Env(OGR_CURRENT_DATE=FIXED_DATE):
        out.to_file(out_path, driver="ESRI Shapefile", encoding="UTF-8")
    _fix_dbf_date(out_path)
    return out_path


def camel_case(name: str) -> str:
    """``aantal_inwoners_0_tot_15_jaar`` -> ``aantalInwoners0Tot15Jaar`` (PDOK WFS spelling)."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def write_pdok_wfs_geojson(folder: Path, out_path: Path, year: int | None = None) -> Path:
    """GeoJSON as the PDOK postcode-6 WFS returns it: camelCase properties, RD coordinates."""
    src, year = _source_file(Path(folder), "pc6", year)
    gdf = gpd.read_file(src, layer="postcode6")
    props = gdf.drop(columns="geometry")
    props.columns = [camel_case(c) for c in props.columns]
    records = props.to_dict(orient="records")
    features = []
    for i, (rec, geom) in enumerate(zip(records, gdf.geometry), start=1):
        rec = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in rec.items()}
        features.append({"type": "Feature", "id": f"postcode6.{i}",
                         "geometry": mapping(geom), "properties": rec})
    doc = {"type": "FeatureCollection", "name": "postcode6",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
           "numberMatched": len(features), "numberReturned": len(features),
           "description": SYNTHETIC_NOTE, "features": features}
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out_path


def write_wijkbuurt_shapefile(folder: Path, out_path: Path, year: int | None = None) -> Path:
    """A pre-2021 ``buurt_<year>.shp`` with BU_CODE, WK_CODE, GM_CODE, … fields."""
    src, year = _source_file(Path(folder), "wijkbuurt", year)
    gdf = gpd.read_file(src, layer="buurten")
    out = gdf[list(BUURT_UPPERCASE) + ["geometry"]].rename(columns=BUURT_UPPERCASE)
    out["POSTCODE"] = out["POSTCODE"].fillna("")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with fiona.Env(OGR_CURRENT_DATE=FIXED_DATE):
        out.to_file(out_path, driver="ESRI Shapefile", encoding="UTF-8")
    _fix_dbf_date(out_path)
    return out_path
