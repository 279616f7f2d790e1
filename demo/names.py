"""Dutch-sounding place names for synthetic municipalities, wijken, buurten and facilities."""
from __future__ import annotations

import numpy as np

_PREFIX = ("Linde", "Beuke", "Eike", "Wilge", "Esse", "Berke", "Hazel", "Vlier", "Ooster",
           "Wester", "Zuider", "Noorder", "Molen", "Kerk", "Brug", "Dijk", "Veen", "Zand",
           "Heide", "Bosch", "Haven", "Sluis", "Kamp", "Horst", "Brink", "Gaarde", "Rozen",
           "Tulpen", "Vogel", "Schilders", "Componisten", "Sterren", "Bloemen", "Klaver")
_SUFFIX = ("waard", "hoven", "rode", "veld", "kamp", "wijk", "laan", "hof", "donk", "meer",
           "dal", "horst", "hage", "broek", "loo", "buurt", "park", "zoom", "weide", "akker")
_WIJK_BASE = ("Centrum", "Noord", "Oost", "Zuid", "West", "Haven", "Stadshart", "Buitenhof",
              "Parkwijk", "Tuinstad", "Waterwijk", "Oude Stad", "Kanaalzone", "De Velden")


def town_name(rng: np.random.Generator) -> str:
    """A municipality name such as 'Lindewaard'."""
    return f"{rng.choice(_PREFIX)}{rng.choice(_SUFFIX)}"


def unique_names(rng: np.random.Generator, n: int, wijk: bool = False) -> list[str]:
    """``n`` distinct area names; wijken get compass/centre names first."""
    names: list[str] = []
    if wijk:
        names.extend(rng.permutation(_WIJK_BASE)[: min(n, len(_WIJK_BASE) // 2)])
    seen = set(names)
    while len(names) < n:
        name = f"{rng.choice(_PREFIX)}{rng.choice(_SUFFIX)}"
        if name in seen:
            name = f"{name} {['Noord', 'Zuid', 'Oost', 'West'][len(names) % 4]}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return [str(x) for x in names]
