#!/usr/bin/env bash
# Browser check of the web desk (issue 19): starts partnermatch-web on a free loopback port
# with a fresh database made from the bundled data, loads each page in headless Chromium,
# takes a screenshot of each, fails on any console error (a script error, a refused
# resource under the content security policy), and checks that the meeting brief prints
# on one A4 page.
#
# usage: Tests/web/browser-check.sh [OUTDIR]      (default .build/browser-check)
# Needs Debian's chromium and poppler-utils (pdfinfo); builds nothing: run `swift build`
# first. With the shared evidence files ($PARTNERMATCH_SHARED, or ../shared beside the clone), the
# KOICA export is imported first, so that a partner page draws its charts.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-.build/browser-check}
web=.build/debug/partnermatch-web
cli=.build/debug/partnermatch
command -v chromium >/dev/null || { echo "browser-check: chromium is not installed" >&2; exit 1; }
[ -x "$web" ] || { echo "browser-check: $web is missing; run swift build first" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pm-web-check.XXXXXX")
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export PARTNERMATCH_DB="$tmp/catalog.sqlite"
evidence=
for shared in "${PARTNERMATCH_SHARED:-}" ../shared ../../shared; do
  [ -n "$shared" ] && [ -f "$shared/data/evidence/koica_vietnam_1991_2007.csv" ] && { evidence=$shared/data/evidence/koica_vietnam_1991_2007.csv; break; }
done
if [ -x "$cli" ] && [ -n "$evidence" ]; then
  "$cli" evidence import --csv "$evidence" --map Data/evidence-maps/koica.json >"$tmp/import.log" 2>&1 \
    || { cat "$tmp/import.log" >&2; exit 1; }
  echo "browser-check: imported $evidence"
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$web" --port "$port" --allow-writes 2>"$tmp/server.log" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "$base/needs" && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "browser-check: the server did not start" >&2; exit 1; }
  sleep 0.2
done
curl -sf -o /dev/null "$base/needs" || { cat "$tmp/server.log" >&2; echo "browser-check: the server does not answer on $base" >&2; exit 1; }

need=sla-rural-roads-sop-cop
pages=(
  "needs-en|/needs?lang=en"
  "needs-vi-search|/needs?q=moc+chau&lang=vi"
  "need-en|/needs/$need?lang=en"
  "need-vi-side-by-side|/needs/$need?compare=sector-heavy&lang=vi"
  "partners-vi|/partners?lang=vi"
  "partner-koica-en|/partners/koica-grants?lang=en"
  "partner-jica-vi|/partners/jica-oda-loans?lang=vi"
  "need-form-vi|/needs/new?lang=vi"
  "brief-vi|/needs/$need/brief?lang=vi"
  "not-found-en|/nowhere?lang=en"
)
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 --user-data-dir="$tmp/profile")
failed=0
for entry in "${pages[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  want=200; [ "$name" = not-found-en ] && want=404
  if [ "$status" != "$want" ]; then echo "FAIL $name: HTTP $status for $path (expected $want)"; failed=1; continue; fi
  chromium "${flags[@]}" --window-size=1280,2000 --screenshot="$out/$name.png" "$base$path" >"$tmp/$name.out" 2>"$tmp/$name.log" || true
  [ -s "$out/$name.png" ] || { echo "FAIL $name: no screenshot"; failed=1; continue; }
  # Console messages of the page (errors, CSP refusals, failed loads); Chromium's own
  # start-up noise is not the page's.
  if grep -E 'CONSOLE|Uncaught|Refused to|Failed to load resource' "$tmp/$name.log" >"$tmp/$name.console"; then
    echo "FAIL $name: console errors:"; sed 's/^/  /' "$tmp/$name.console"; failed=1; continue
  fi
  echo "ok   $name ($path) -> $out/$name.png"
done

# The brief prints on one A4 page (its @page rule says A4).
chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/brief-vi.pdf" "$base/needs/$need/brief?lang=vi" >/dev/null 2>"$tmp/print.log" || true
if command -v pdfinfo >/dev/null; then
  info=$(pdfinfo "$out/brief-vi.pdf")
  pages_n=$(awk '/^Pages:/ {print $2}' <<<"$info")
  size=$(awk -F': *' '/^Page size:/ {print $2}' <<<"$info")
else
  pages_n=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1],"rb").read())))' "$out/brief-vi.pdf")
  size="?"
fi
if [ "$pages_n" = 1 ]; then echo "ok   brief prints on $pages_n page ($size)"; else echo "FAIL brief prints on ${pages_n:-?} pages ($size); expected 1"; failed=1; fi
command -v pdftoppm >/dev/null && pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$out/brief-vi.pdf" "$out/brief-vi-print" || true

if [ "$failed" != 0 ]; then echo "browser-check: FAILED (screenshots in $out)" >&2; exit 1; fi
echo "browser-check: passed (screenshots in $out)"
