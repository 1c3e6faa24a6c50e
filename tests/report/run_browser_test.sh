#!/usr/bin/env bash
# Browser test of the HTML report: headless Chromium loads the report and
# the page reports back, through attributes of <html> set by its own script
# (report/html/assets/capture.js and report.js), that it drew every chart and
# logged no error or warning.
#   run_browser_test.sh MAESTRO_ONNX_BINARY NAME CHARTS -- ARGS...
# runs `maestro-onnx ARGS... --report TMP/NAME.html` from the repo root,
# loads the file and expects exactly CHARTS charts drawn.
set -u
bin=$1 name=$2 charts=$3
shift 4
chromium=${MO_CHROMIUM:-/usr/bin/chromium}
fail() { echo "FAIL ($name): $*" >&2; exit 1; }
[ -x "$chromium" ] || fail "$chromium not found: the browser test needs Debian's chromium (bash scripts/setup.sh installs it)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
report=$tmp/$name.html
"$bin" "$@" --report "$report" > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
[ -s "$report" ] || fail "maestro-onnx $* (exit $rc) wrote no report: $(head -c 500 "$tmp/stderr")"

# Each chromium gets its own profile (ctest runs tests in parallel); CI
# runs as root, hence --no-sandbox. The virtual time budget lets the page
# finish its scripts; timeout bounds a hung browser.
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$tmp/profile" --window-size=1280,900 \
  --virtual-time-budget=5000 --dump-dom "file://$report" \
  > "$tmp/dom.html" 2> "$tmp/chromium.log"
crc=$?
[ $crc -eq 0 ] || fail "chromium exited $crc: $(tail -c 800 "$tmp/chromium.log")"

html_tag=$(grep -o -m1 '<html[^>]*>' "$tmp/dom.html")
[ -n "$html_tag" ] || fail "no <html> element in chromium's dump"
attr() { printf '%s' "$html_tag" | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"; }
[ "$(attr data-report-ready)" = 1 ] || fail "the report's script did not finish (data-report-ready unset); errors: $(attr data-errors)"
errors=$(attr data-errors) warnings=$(attr data-warnings)
[ -z "$errors" ] || fail "errors in the page: $errors"
[ -z "$warnings" ] || fail "console warnings in the page: $warnings"
expected=$(attr data-charts-expected) drawn=$(attr data-charts-drawn)
[ "$expected" = "$charts" ] || fail "the page made $expected charts, expected $charts"
[ "$drawn" = "$charts" ] || fail "$drawn of $charts charts drawn; blank: $(attr data-charts-failed)"
canvases=$(grep -o '<canvas' "$tmp/dom.html" | wc -l)
[ "$canvases" -eq "$charts" ] || fail "$canvases canvases in the page, expected $charts"
echo "ok ($name): $drawn of $charts charts drawn, no errors; report $(wc -c < "$report") bytes"
