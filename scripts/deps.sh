#!/usr/bin/env bash
# Installs what the plugin, its tests and its demo need on Debian 12; quick and
# silent when everything is already present.
set -euo pipefail

APT_PACKAGES=(
  qgis python3-qgis qgis-providers
  python3-numpy python3-pandas python3-geopandas python3-scipy python3-matplotlib
  python3-openpyxl python3-pytest python3-hypothesis python3-pip
  xvfb xauth imagemagick poppler-utils zip unzip git
  qttools5-dev-tools pyqt5-dev-tools
)
# Proven here with QGIS 3.22.16 and Debian's pytest 7.2.
PIP_PACKAGES=("pytest-qgis==5.0.2" "ruff==0.17.6")
PYTHON=/usr/bin/python3

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

pip_missing=()
for spec in "${PIP_PACKAGES[@]}"; do
  name=${spec%%==*}; version=${spec##*==}
  have=$("$PYTHON" -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)
  [ "$have" = "$version" ] || pip_missing+=("$spec")
done
if [ ${#pip_missing[@]} -gt 0 ]; then
  echo "deps: pip installing ${pip_missing[*]}"
  as_root "$PYTHON" -m pip install -q --no-warn-script-location --break-system-packages \
    "${pip_missing[@]}"
fi
