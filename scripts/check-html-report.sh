#!/usr/bin/env bash
# Renders the HTML audit report of Samples/ in Debian's headless Chromium:
# checks that the page loads and its script ran (the DOM holds the folder groups, the
# bundle table, the charts and the script canvases), and writes screenshots
# (default docs/audit-samples.png and docs/audit-canvas.png, the ones
# README.md shows).
#
#   apt-get install -y chromium     # once
#   swift build --product cxlint
#   scripts/check-html-report.sh [SCREENSHOT.png]            # Samples/ → docs/audit-samples.png
#   scripts/check-html-report.sh --fleet N [SCREENSHOT.png]  # a generated fleet of N lines → docs/audit-fleet.png
#
# AuditTests.testHTMLReportRendersInHeadlessChromium runs the Samples check in
# `swift test` when chromium is installed (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

fleet=""
if [ "${1:-}" = "--fleet" ]; then
  fleet="$2"
  shift 2
fi
shot="${1:-docs/audit-$([ -n "$fleet" ] && echo fleet || echo samples).png}"
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || { echo "chromium is not installed: apt-get install -y chromium" >&2; exit 2; }
cxlint=.build/debug/cxlint
[ -x "$cxlint" ] || swift build --product cxlint

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Exit code 1 means "findings", which Samples/broken and every fleet have by design.
if [ -n "$fleet" ]; then
  python3 scripts/generate-fleet.py "$work/fleet" --count "$fleet" --seed 16 --no-lines >/dev/null
  # From the fleet's parent, so the page shows fleet/brand/... rather than a temporary path.
  (cd "$work" && "$OLDPWD/$cxlint" audit fleet --report audit.html --quiet) || [ $? -eq 1 ]
else
  "$cxlint" audit Samples --report "$work/audit.html" --quiet || [ $? -eq 1 ]
fi
echo "report: $(wc -c <"$work/audit.html") bytes"

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars "--user-data-dir=$work/profile")
dom="$("$chromium" "${flags[@]}" --dump-dom "file://$work/audit.html" 2>/dev/null)"
for needle in '<table id="bundles"' 'aria-label="Findings by rule"' 'aria-label="Bundles by status"' '<details class="folder"' '<li class="finding error'; do
  grep -qF "$needle" <<<"$dom" || { echo "rendered page lacks $needle" >&2; exit 1; }
done
mkdir -p "$(dirname "$shot")"
"$chromium" "${flags[@]}" --window-size=1280,2300 --screenshot="$shot" "file://$work/audit.html" 2>/dev/null
echo "rendered: $shot"

# Path findings are drawn on their script's canvas; the second screenshot
# (audit-canvas.png next to the first, the one README.md shows) is of one
# bundle's audit, where the canvas is in view.
grep -qF 'class="cxlint-canvas"' <<<"$dom" || { echo "rendered page lacks the script canvases" >&2; exit 1; }
canvas_shot="$(dirname "$shot")/audit-canvas.png"
"$cxlint" audit Samples/broken/sipputheader-one-branch --report "$work/one.html" --quiet || [ $? -eq 1 ]
"$chromium" "${flags[@]}" --window-size=1280,1560 --screenshot="$canvas_shot" "file://$work/one.html" 2>/dev/null
echo "rendered: $canvas_shot"
