#!/usr/bin/env bash
# Browser test of the HTML report: headless Chromium loads the report and
# the page reports back, through attributes of <html> set by its own script
# (report/html/assets/capture.js and report.js), that it drew every chart and
# logged no error or warning. A second load works every control first
# (exercise.js: dataflow selects, log-scale and roofline toggles, sorting).
#   run_browser_test.sh MAESTRO_ONNX_BINARY NAME CHARTS -- ARGS...
# runs `maestro-onnx ARGS... --report TMP/NAME.html` from the repo root and
# expects exactly CHARTS charts drawn.
set -u
bin=$1 name=$2 charts=$3
shift 4
here=$(cd "$(dirname "$0")" && pwd)
chromium=${MO_CHROMIUM:-/usr/bin/chromium}
fail() { echo "FAIL ($name): $*" >&2; exit 1; }
[ -x "$chromium" ] || fail "$chromium not found: the browser test needs Debian's chromium (bash scripts/setup.sh installs it)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
report=$tmp/$name.html
"$bin" "$@" --report "$report" > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
[ -s "$report" ] || fail "maestro-onnx $* (exit $rc) wrote no report: $(head -c 500 "$tmp/stderr")"

# Loads FILE, leaves its <html> start tag in $html_tag. Each chromium gets
# its own profile (ctest runs tests in parallel); CI runs as root, hence
# --no-sandbox. The virtual time budget lets the page finish its scripts;
# timeout bounds a hung browser.
load() {
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$tmp/profile" --window-size=1280,900 \
    --virtual-time-budget=5000 --dump-dom "file://$1" \
    > "$tmp/dom.html" 2> "$tmp/chromium.log"
  local crc=$?
  [ $crc -eq 0 ] || fail "chromium exited $crc on $1: $(tail -c 800 "$tmp/chromium.log")"
  html_tag=$(grep -o -m1 '<html[^>]*>' "$tmp/dom.html")
  [ -n "$html_tag" ] || fail "no <html> element in chromium's dump of $1"
}
attr() { printf '%s' "$html_tag" | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"; }
# The page finished, logged nothing and drew all its charts.
check() {
  [ "$(attr data-report-ready)" = 1 ] || fail "$1: the report's script did not finish (data-report-ready unset); errors: $(attr data-errors)"
  local errors warnings expected drawn canvases
  errors=$(attr data-errors) warnings=$(attr data-warnings)
  [ -z "$errors" ] || fail "$1: errors in the page: $errors"
  [ -z "$warnings" ] || fail "$1: console warnings in the page: $warnings"
  expected=$(attr data-charts-expected) drawn=$(attr data-charts-drawn)
  [ "$expected" = "$charts" ] || fail "$1: the page made $expected charts, expected $charts"
  [ "$drawn" = "$charts" ] || fail "$1: $drawn of $charts charts drawn; blank: $(attr data-charts-failed)"
  canvases=$(grep -o '<canvas' "$tmp/dom.html" | wc -l)
  [ "$canvases" -eq "$charts" ] || fail "$1: $canvases canvases in the page, expected $charts"
}

load "$report"
check "first load"

exercised=$tmp/$name.exercised.html
awk -v js="$here/exercise.js" '$0 == "</body>" {
    print "<script>"; while ((getline line < js) > 0) print line; print "</script>" }
  { print }' "$report" > "$exercised"
load "$exercised"
check "after working every control"
actions=$(attr data-exercised)
[ "${actions:-0}" -gt 0 ] || fail "exercise.js did not run (data-exercised '$actions')"
echo "ok ($name): $charts of $charts charts drawn, no errors, also after $actions control actions; report $(wc -c < "$report") bytes"
