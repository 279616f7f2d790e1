"""Build the zip that QGIS's "Install from ZIP" accepts.

One top folder ``ruimtelijke_kijk/`` holding the tracked plugin files (minus
everything marked ``export-ignore`` in .gitattributes) and the compiled
translations. Entries have a fixed timestamp so the same tree gives the same zip.
"""
from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "ruimtelijke_kijk"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def plugin_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    files = [f for f in listed if f and (ROOT / f).is_file()]
    attrs = subprocess.run(
        ["git", "check-attr", "export-ignore", "-z", "--stdin"],
        cwd=ROOT, check=True, capture_output=True, input="\0".join(files).encode() + b"\0",
    ).stdout.decode().split("\0")
    ignored = {attrs[i] for i in range(0, len(attrs) - 2, 3) if attrs[i + 2] == "set"}
    kept = [f for f in files if f not in ignored and not Path(f).name.startswith(".")]
    kept += [str(p.relative_to(ROOT)) for p in (ROOT / "i18n").glob("*.qm")]
    return sorted(set(kept))


def main() -> int:
    meta = configparser.ConfigParser()
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    version = meta["general"]["version"]
    out = ROOT / "dist" / f"{PREFIX}-{version}.zip"
    out.parent.mkdir(exist_ok=True)
    tmp = out.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in plugin_files():
            info = zipfile.ZipInfo(f"{PREFIX}/{rel}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (ROOT / rel).read_bytes())
    tmp.replace(out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
