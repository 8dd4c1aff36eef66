#!/usr/bin/env bash
# Load test of the web desk (issue 19: a need's page in under 50 ms on the bundled catalog
# with evidence). Makes a fresh database from the bundled data in a temporary folder,
# imports the four shared evidence files when they are found, starts partnermatch-web on
# a free loopback port, and runs wrk against one need's page: 15 s on one connection (the
# page's latency), then 15 s on 8 connections from 2 threads (throughput), each with wrk's
# latency distribution (bounded: --duration). Not a test: the
# figure depends on the machine; record it with the load average printed first.
#
#   Benchmarks/tools/web_load.sh                       # release build, sla-rural-roads-sop-cop
#   Benchmarks/tools/web_load.sh --debug               # the debug build (no release build)
#   Benchmarks/tools/web_load.sh --no-build --duration 30 --connections 16 --path '/needs/sla-tea-processing-moc-chau?compare=sector-heavy'
#
# Needs wrk (apt-get install -y wrk) and curl. Nothing touches a real database or $HOME.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONFIG=release; BUILD=1; DURATION=15; CONNECTIONS=8; THREADS=2
URLPATH="/needs/sla-rural-roads-sop-cop"
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) CONFIG=debug; shift ;;
    --no-build) BUILD=0; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --path) URLPATH="$2"; shift 2 ;;
    *) echo "unknown option $1; expected --debug, --no-build, --duration S, --connections N, --threads N, --path P" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "web_load: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
if [ "$BUILD" = 1 ]; then swift build -c "$CONFIG" --product partnermatch-web >&2; swift build -c "$CONFIG" --product partnermatch >&2; fi
BIN="$(swift build -c "$CONFIG" --show-bin-path)"
# The CLI only prepares the database (not measured): the debug one will do.
CLI="$BIN/partnermatch"; [ -x "$CLI" ] || CLI=.build/debug/partnermatch
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pm-web-load.XXXXXX")
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
export HOME="$TMP/home" PARTNERMATCH_DB="$TMP/catalog.sqlite"
mkdir -p "$HOME"

SHARED=
for s in "${PARTNERMATCH_SHARED:-}" ../shared ../../shared; do
  [ -n "$s" ] && [ -d "$s/data/evidence" ] && { SHARED=$s/data/evidence; break; }
done
"$CLI" init >/dev/null 2>&1 || "$CLI" partners list >/dev/null
if [ -n "$SHARED" ]; then
  "$CLI" evidence import "$SHARED/adb-iati-1.04-1998-2005.xml" --country VN >/dev/null
  "$CLI" evidence import --csv "$SHARED/adb_vietnam_projects_1998_2005.csv" --map Data/evidence-maps/adb.json >/dev/null
  "$CLI" evidence import --csv "$SHARED/koica_vietnam_1991_2007.csv" --map Data/evidence-maps/koica.json >/dev/null
  "$CLI" evidence import --csv "$SHARED/worldbank_ibrd_ida_vietnam_projects.csv" --map Data/evidence-maps/worldbank.json >/dev/null
  echo "evidence: the four shared files of $SHARED"
else
  echo "evidence: none (the shared files were not found; set PARTNERMATCH_SHARED)"
fi

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN/partnermatch-web" --port "$PORT" 2>"$TMP/server.log" &
SERVER=$!
URL="http://127.0.0.1:$PORT$URLPATH"
for _ in $(seq 1 150); do curl -sf -o /dev/null "$URL" && break; sleep 0.2; done
curl -sf -o "$TMP/page.html" "$URL" || { cat "$TMP/server.log" >&2; echo "web_load: $URL does not answer 200" >&2; exit 1; }
echo "page: $URL ($(wc -c <"$TMP/page.html") bytes); build: $CONFIG; load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
# One request alone; then the page's latency (one connection: each request waits for
# the one before, the figure the 50 ms goal is about); then the bounded concurrent run.
curl -s -o /dev/null -w 'single request: %{time_total} s\n' "$URL"
# The server's CPU time per request as well (user + system, from /proc), which depends
# less on what else the machine runs than the latency does.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
echo "== latency: 1 connection, ${DURATION}s"
before=$(cpu_ticks)
wrk --latency -t 1 -c 1 -d "${DURATION}s" "$URL" | tee "$TMP/wrk1.txt"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$TMP/wrk1.txt")
awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "server CPU per request: %.2f ms (%d requests)\n", t * 1000 / hz / n, n }'
echo "== throughput: $THREADS threads, $CONNECTIONS connections, ${DURATION}s"
wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" "$URL"
