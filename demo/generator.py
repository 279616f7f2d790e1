"""Public entry point: generate a synthetic municipality (or country) in the real formats.

``generate(out_dir, size, seed)`` writes into a hidden sibling folder and renames it
into place at the end, so a failed or cancelled run leaves no half-written output.
The same seed always gives the same bytes in every file.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .manifest import Manifest, finish
from .names import town_name
from .sizes import VERSIONS, YEARS, SizeSpec, size_spec
from .town_files import LBM_YEARS, write_town

__all__ = ["GenerationCancelled", "Manifest", "generate"]

DEMO_NAME = "Lindewaard"
DEMO_ORIGIN = (155000.0, 463000.0)


class GenerationCancelled(Exception):
    """The caller asked to stop; nothing was written to the output folder."""


def _origin(index: int, n: int) -> tuple[float, float]:
    if n == 1:
        return DEMO_ORIGIN
    cols = int(np.ceil(np.sqrt(n)))
    return (20000.0 + 27000.0 * (index % cols), 320000.0 + 29000.0 * (index // cols))


def _remove_stale_partials(out_dir: Path) -> None:
    """Partial folders of runs that were killed (their process is gone) are debris."""
    for old in out_dir.parent.glob(f".{out_dir.name}.partial-*"):
        pid = old.name.rsplit("-", 1)[-1]
        try:
            os.kill(int(pid), 0)
        except (ValueError, ProcessLookupError):
            shutil.rmtree(old, ignore_errors=True)
        except PermissionError:  # alive, someone else's
            pass


def _check_target(out_dir: Path) -> None:
    """Refuse to replace a folder that is not an earlier generated demo (user files stay)."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise FileExistsError(f"{out_dir} exists and is not a folder")
    if any(out_dir.iterdir()):
        try:
            if Manifest.read(out_dir).synthetic:
                return
        except (OSError, ValueError, TypeError):
            pass
        raise FileExistsError(f"{out_dir} is not empty and holds no generated demo")


def generate(out_dir: Path | str, size: str | SizeSpec = "demo", seed: int = 1,
             progress: Callable[[float, str], None] | None = None,
             is_cancelled: Callable[[], bool] | None = None) -> Manifest:
    """Write a synthetic municipality to ``out_dir``; returns its manifest.

    ``size`` is ``small`` (~300 postcodes), ``demo`` (~5,000 postcodes, ~90,000
    households) or ``national`` (~465,000 postcodes, ~8 million households, minutes).
    A ``SizeSpec`` gives any other mix of towns. ``progress(percent, message)`` gets
    0–100; ``is_cancelled()`` is polled between steps and a ``True`` raises
    ``GenerationCancelled`` with ``out_dir`` untouched.
    """
    out_dir = Path(out_dir).resolve()
    spec = size if isinstance(size, SizeSpec) else size_spec(size)
    _check_target(out_dir)
    _remove_stale_partials(out_dir)
    tmp = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    n = len(spec.towns)
    steps_per_town, done = 6, [0]

    def step(message: str) -> None:
        if is_cancelled is not None and is_cancelled():
            raise GenerationCancelled(message)
        done[0] += 1
        if progress is not None:
            progress(min(99.0, 100.0 * done[0] / (n * steps_per_town + 1)), message)

    try:
        names_rng = np.random.default_rng([seed, 999_999])
        towns, pc4_start = [], 1000 if n > 1 else 1300
        for index, town_spec in enumerate(spec.towns):
            step(f"gemeente {index + 1} van {n}")
            done[0] -= 1
            name = DEMO_NAME if n == 1 else town_name(names_rng)
            _, info = write_town(tmp, seed, index, town_spec, 9900 + index, name,
                                 _origin(index, n), pc4_start, index > 0, step)
            towns.append(info)
            pc4_start = info.pop("pc4_max") + 3  # a gap between towns, as between real ones
        counts = {str(y): {"households": sum(t["households"][str(y)]["households"]
                                             for t in towns),
                           "persons": sum(t["households"][str(y)]["persons"] for t in towns)}
                  for y in YEARS}
        counts["postcodes"] = {"postcode6": sum(t["postcodes"] for t in towns)}
        manifest = Manifest(seed=seed, size=spec.name, years=list(YEARS),
                            versions={str(y): v for y, v in VERSIONS.items()},
                            gemeentecode=towns[0]["gemeentecode"], gemeenten=towns,
                            counts=counts, leefbaarometer_years=list(LBM_YEARS))
        finish(tmp, manifest)
        if is_cancelled is not None and is_cancelled():
            raise GenerationCancelled("before moving into place")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if progress is not None:
        progress(100.0, "klaar")
    return manifest
