#!/usr/bin/env bash
# The real client: install the packaged zip into a fresh QGIS profile, start the
# QGIS desktop under Xvfb with the plugin enabled, open the panel, screenshot it,
# and fail if the plugin did not load or reported a Python error.
set -euo pipefail
cd "$(dirname "$0")/.."

zip=$(/usr/bin/python3 scripts/package.py)
work=$(mktemp -d -t rk-smoke-XXXX)
trap 'kill ${xvfb_pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
profile_root="$work/profiles"
profile="$profile_root/profiles/default"
mkdir -p "$profile/python/plugins" "$profile/QGIS" docs/screenshots
unzip -q "$zip" -d "$profile/python/plugins"
cat > "$profile/QGIS/QGIS3.ini" <<INI
[PythonPlugins]
ruimtelijke_kijk=true
processing=true

[qgis]
checkVersion=false
showTips322=false
showTips=false
INI

display=":$(( 90 + RANDOM % 400 ))"
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

/usr/bin/python3 scripts/generate_demo.py --size small --seed 3 --out "$work/gemeente" --quiet
export RK_SMOKE_TOWN="$work/gemeente"
export RK_SMOKE_QUESTION_SHOT="$PWD/docs/screenshots/qgis-question.png"
export RK_SMOKE_RESULT="$work/result.json"
export RK_SMOKE_SCREENSHOT="$PWD/docs/screenshots/${RK_SMOKE_NAME:-qgis-panel}.png"
DISPLAY="$display" timeout 180 env -u QT_QPA_PLATFORM qgis --nologo --noversioncheck \
  --profiles-path "$profile_root" --code scripts/smoke_startup.py >"$work/qgis.log" 2>&1 || true

if [ ! -f "$RK_SMOKE_RESULT" ]; then
  echo "smoke: QGIS did not report back; its output:"; tail -40 "$work/qgis.log"; exit 1
fi
/usr/bin/python3 - "$RK_SMOKE_RESULT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(json.dumps(r, indent=2))
ok = (r.get("loaded") and r.get("panel_visible") and r.get("provider") and not r["errors"]
      and r.get("question_layers", 0) >= 1
      and r.get("actions_after_unload") == 0 and r.get("provider_after_unload") is False)
print("smoke:", "passed" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
