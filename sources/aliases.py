"""Field names of the CBS files, as data: every spelling CBS and PDOK used, to one canonical name.

Canonical names are the snake_case names of the GeoPackages from 2019 on. The
UPPERCASE shapefile names (2015–2018) are listed explicitly; the camelCase names
of the PDOK WFS are matched by spelling the canonical name without underscores,
case-insensitively (``aantalWoningen`` ↔ ``aantal_woningen``).
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, Mapping, Optional, Tuple

#: Canonical field names of "Statistische gegevens per postcode" (postcode-6 and -4).
POSTCODE_FIELDS: Tuple[str, ...] = (
    "postcode6", "postcode4",
    "aantal_inwoners", "aantal_mannen", "aantal_vrouwen",
    "aantal_inwoners_0_tot_15_jaar", "aantal_inwoners_15_tot_25_jaar",
    "aantal_inwoners_25_tot_45_jaar", "aantal_inwoners_45_tot_65_jaar",
    "aantal_inwoners_65_jaar_en_ouder", "aantal_geboorten",
    "percentage_nederlandse_achtergrond", "percentage_westerse_migr_achtergr",
    "percentage_niet_westerse_migr_achtergr",
    "percentage_geb_nederland_herkomst_nederland",
    "percentage_geb_nederland_herkomst_overig_europa",
    "percentage_geb_nederland_herkomst_buiten_europa",
    "percentage_geb_buiten_nederland_herkomst_europa",
    "percentage_geb_buiten_nederland_herkmst_buiten_europa",
    "aantal_part_huishoudens", "aantal_eenpersoonshuishoudens",
    "aantal_meerpersoonshuishoudens_zonder_kind", "aantal_eenouderhuishoudens",
    "aantal_tweeouderhuishoudens", "gemiddelde_huishoudensgrootte",
    "aantal_woningen", "aantal_woningen_bouwjaar_voor_1945",
    "aantal_woningen_bouwjaar_45_tot_65", "aantal_woningen_bouwjaar_65_tot_75",
    "aantal_woningen_bouwjaar_75_tot_85", "aantal_woningen_bouwjaar_85_tot_95",
    "aantal_woningen_bouwjaar_95_tot_05", "aantal_woningen_bouwjaar_05_tot_15",
    "aantal_woningen_bouwjaar_15_en_later", "aantal_meergezins_woningen",
    "percentage_koopwoningen", "percentage_huurwoningen",
    "aantal_huurwoningen_in_bezit_woningcorporaties", "aantal_niet_bewoonde_woningen",
    "gemiddelde_woz_waarde_woning", "gemiddeld_gasverbruik_woning",
    "gemiddeld_elektriciteitsverbruik_woning", "mediaan_inkomen_huishouden",
    "aantal_personen_met_uitkering_onder_aowlft",
    "omgevingsadressendichtheid", "stedelijkheid",
)  # fmt: skip

#: Facility fields follow a pattern rather than a list (one pair per kind of facility).
POSTCODE_FIELD_PATTERNS: Tuple[str, ...] = (
    r"dichtstbijzijnde_[a-z0-9_]+_afstand_in_km",
    r"[a-z0-9_]+_aantal_binnen_\d+_km",
)

#: UPPERCASE shapefile names (2015–2018) → canonical.
POSTCODE_SHAPEFILE_ALIASES: Dict[str, str] = {
    "PC6": "postcode6", "PC4": "postcode4",
    "INWONER": "aantal_inwoners", "MAN": "aantal_mannen", "VROUW": "aantal_vrouwen",
    "INW_014": "aantal_inwoners_0_tot_15_jaar", "INW_1524": "aantal_inwoners_15_tot_25_jaar",
    "INW_2544": "aantal_inwoners_25_tot_45_jaar", "INW_4564": "aantal_inwoners_45_tot_65_jaar",
    "INW_65PL": "aantal_inwoners_65_jaar_en_ouder", "GEBOORTE": "aantal_geboorten",
    "P_NL_ACHTG": "percentage_nederlandse_achtergrond",
    "P_WE_MIG_A": "percentage_westerse_migr_achtergr",
    "P_NW_MIG_A": "percentage_niet_westerse_migr_achtergr",
    "AANTAL_HH": "aantal_part_huishoudens", "TOTHH_EENP": "aantal_eenpersoonshuishoudens",
    "TOTHH_MPZK": "aantal_meerpersoonshuishoudens_zonder_kind",
    "HH_EENOUD": "aantal_eenouderhuishoudens", "HH_TWEEOUD": "aantal_tweeouderhuishoudens",
    "GEM_HH_GR": "gemiddelde_huishoudensgrootte", "WONING": "aantal_woningen",
    "WONVOOR45": "aantal_woningen_bouwjaar_voor_1945",
    "WON_4564": "aantal_woningen_bouwjaar_45_tot_65",
    "WON_6574": "aantal_woningen_bouwjaar_65_tot_75",
    "WON_7584": "aantal_woningen_bouwjaar_75_tot_85",
    "WON_8594": "aantal_woningen_bouwjaar_85_tot_95",
    "WON_9504": "aantal_woningen_bouwjaar_95_tot_05",
    "WON_0514": "aantal_woningen_bouwjaar_05_tot_15",
    "WON_1524": "aantal_woningen_bouwjaar_15_en_later",
    "WON_MRGEZ": "aantal_meergezins_woningen", "P_KOOPWON": "percentage_koopwoningen",
    "P_HUURWON": "percentage_huurwoningen",
    "WON_HCORP": "aantal_huurwoningen_in_bezit_woningcorporaties",
    "WON_NBEW": "aantal_niet_bewoonde_woningen", "WOZWONING": "gemiddelde_woz_waarde_woning",
    "G_GAS_WON": "gemiddeld_gasverbruik_woning",
    "G_ELEK_WON": "gemiddeld_elektriciteitsverbruik_woning",
    "M_INKHH": "mediaan_inkomen_huishouden",
    "UITKMINAOW": "aantal_personen_met_uitkering_onder_aowlft",
    "OAD": "omgevingsadressendichtheid", "STED": "stedelijkheid",
}  # fmt: skip

#: Canonical field names of the wijk- en buurtkaart (2021 on) used by the readers.
WIJKBUURT_FIELDS: Tuple[str, ...] = (
    "gemeentecode", "gemeentenaam", "wijkcode", "wijknaam", "buurtcode", "buurtnaam",
    "water", "jaar", "indelingswijziging_wijken_en_buurten", "meest_voorkomende_postcode",
    "aantal_inwoners", "aantal_mannen", "aantal_vrouwen", "aantal_huishoudens",
    "percentage_eenpersoonshuishoudens", "percentage_personen_65_jaar_en_ouder",
    "gemiddelde_huishoudsgrootte", "afstand_tot_huisartsenpraktijk",
    "aantal_personen_met_een_alg_bijstandsuitkering_tot", "omgevingsadressendichtheid",
    "stedelijkheid", "bevolkingsdichtheid_inwoners_per_km2",
)  # fmt: skip

#: UPPERCASE wijk-buurt shapefile names (up to 2020) → canonical.
WIJKBUURT_SHAPEFILE_ALIASES: Dict[str, str] = {
    "BU_CODE": "buurtcode", "BU_NAAM": "buurtnaam", "WK_CODE": "wijkcode",
    "WK_NAAM": "wijknaam", "GM_CODE": "gemeentecode", "GM_NAAM": "gemeentenaam",
    "IND_WBI": "indelingswijziging_wijken_en_buurten", "WATER": "water",
    "POSTCODE": "meest_voorkomende_postcode", "JRSTATCODE": "jaar_statcode", "JAAR": "jaar",
    "AANT_INW": "aantal_inwoners", "AANT_MAN": "aantal_mannen", "AANT_VROUW": "aantal_vrouwen",
    "AANTAL_HH": "aantal_huishoudens", "P_EENP_HH": "percentage_eenpersoonshuishoudens",
    "P_65_EO_JR": "percentage_personen_65_jaar_en_ouder",
    "GEM_HH_GR": "gemiddelde_huishoudsgrootte", "AF_HUISART": "afstand_tot_huisartsenpraktijk",
    "OAD": "omgevingsadressendichtheid", "STED": "stedelijkheid",
    "BEV_DICHTH": "bevolkingsdichtheid_inwoners_per_km2",
}  # fmt: skip


def squash(name: str) -> str:
    """A spelling-insensitive key: lower case, without underscores, hyphens or spaces."""
    return re.sub(r"[_\-\s]", "", name).lower()


def camel_to_snake(name: str) -> str:
    """``aantalBinnen1Km`` → ``aantal_binnen_1_km``; snake_case stays as it is."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Za-z])", "_", name)
    return spaced.lower()


class AliasMap:
    """Turns any CBS/PDOK spelling of a field into its canonical name."""

    def __init__(
        self,
        canonical: Iterable[str],
        explicit: Mapping[str, str],
        patterns: Iterable[str] = (),
    ) -> None:
        self._canonical = set(canonical)
        self._explicit = {k.upper(): v for k, v in explicit.items()}
        self._squashed = {squash(c): c for c in self._canonical}
        self._patterns = [re.compile(p + r"\Z") for p in patterns]

    def canonical(self, name: str) -> Optional[str]:
        """The canonical name, or ``None`` when the field is not known."""
        if name in self._canonical:
            return name
        upper = name.upper()
        if upper in self._explicit and (name.isupper() or name.lower() not in self._canonical):
            return self._explicit[upper]
        if squash(name) in self._squashed:
            return self._squashed[squash(name)]
        snake = camel_to_snake(name)
        if any(p.match(snake) for p in self._patterns):
            return snake
        return None

    def rename(self, names: Iterable[str]) -> Tuple[Dict[str, str], list]:
        """A rename mapping for ``names`` and the list of unknown names (kept as they are)."""
        mapping: Dict[str, str] = {}
        unknown: list = []
        taken = set()
        for name in names:
            target = self.canonical(name)
            if target is None or target in taken:
                unknown.append(name)
                target = name
            taken.add(target)
            mapping[name] = target
        return mapping, unknown


POSTCODE_ALIASES = AliasMap(POSTCODE_FIELDS, POSTCODE_SHAPEFILE_ALIASES, POSTCODE_FIELD_PATTERNS)
WIJKBUURT_ALIASES = AliasMap(WIJKBUURT_FIELDS, WIJKBUURT_SHAPEFILE_ALIASES)
