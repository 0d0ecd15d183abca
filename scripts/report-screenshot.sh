#!/usr/bin/env bash
# Renders a convspark report.html in headless Chromium, offline, and writes a PNG screenshot:
#   scripts/report-screenshot.sh out/report.html out/report.png [WIDTH [HEIGHT]]
# (default 1280 x 2400 CSS pixels). Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 4 ]; then
  echo "usage: scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH [HEIGHT]]" >&2
  exit 2
fi
report=$1
png=$2
width=${3:-1280}
height=${4:-2400}
if [ ! -f "$report" ]; then
  echo "report-screenshot: $report: no such file" >&2
  exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "report-screenshot: chromium is not installed (Debian: apt-get install -y chromium)" >&2
  exit 2
fi
mkdir -p "$(dirname "$png")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# No network, no first-run or background services: the page must render from the file alone.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$profile" --window-size="$width,$height" \
  --screenshot="$(realpath "$png")" "file://$(realpath "$report")" >/dev/null 2>&1
if [ ! -s "$png" ]; then
  echo "report-screenshot: chromium wrote no screenshot to $png" >&2
  exit 1
fi
echo "wrote $png (${width}x${height}) from $report"
