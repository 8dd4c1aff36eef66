#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each for a while.
#
#   Fuzz/run.sh                      # every target, 30 s each
#   Fuzz/run.sh --seconds 300 xml    # one target, 5 minutes
#   Fuzz/run.sh --runs 20000         # every target, 20,000 inputs each (CI)
#   Fuzz/run.sh --build-only
#
# Each target is one file (Fuzz/FuzzNAME.swift) compiled with the Core sources it
# exercises (and the JSON-RPC server for `serve`) by swiftc -sanitize=fuzzer,address:
# `swift build -Xswiftc -sanitize=fuzzer` does not link with ld.gold (see
# ../shared/SWIFT-ON-LINUX.md). Seeds come from Fuzz/seeds, Data/ and Tests/Fixtures;
# the growing corpus and any crashing input stay under .build/fuzz. Exit status 1 when
# a target crashed (the input is in .build/fuzz/artifacts/), else 0. Prints one line of
# figures per target: runs, seconds, corpus size, crashes.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=30; RUNS=""; BUILD_ONLY=0; TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --build-only) BUILD_ONLY=1; shift ;;
    json|csv|xml|syntax|serve) TARGETS+=("$1"); shift ;;
    *) echo "Fuzz/run.sh: unknown argument $1; expected --seconds N, --runs N, --build-only or json, csv, xml, syntax, serve" >&2; exit 2 ;;
  esac
done
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(json csv xml syntax serve)

OUT=.build/fuzz
mkdir -p "$OUT/artifacts"
CORE=$(find Sources/PartnerMatchCore -name '*.swift' | sort)
RPC="Sources/PartnerMatchService/RPC/JSONRPC.swift Sources/PartnerMatchService/RPC/RPCServer.swift"

# The Core module is built once, instrumented, as a static library; each target is its
# file (with the JSON-RPC server for `serve`) linked against it.
build_core() {
  local lib="$OUT/lib/libPartnerMatchCore.a"
  if [ -f "$lib" ] && [ -z "$(find Sources/PartnerMatchCore -name '*.swift' -newer "$lib" | head -1)" ]; then return; fi
  echo "building $lib" >&2
  mkdir -p "$OUT/lib"
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name PartnerMatchCore \
    -emit-module -emit-module-path "$OUT/lib/PartnerMatchCore.swiftmodule" -emit-library -static -o "$lib" \
    $CORE 2> "$OUT/build-core.log" || { cat "$OUT/build-core.log" >&2; exit 2; }
}

build() {
  local t=$1 name extra=""
  case "$t" in
    json) name=FuzzJSON ;; csv) name=FuzzCSV ;; xml) name=FuzzXML ;; syntax) name=FuzzSyntax ;;
    serve) name=FuzzServe; extra="$RPC" ;;
  esac
  local bin="$OUT/fuzz-$t"
  build_core
  # Rebuild only when a source is newer than the binary.
  if [ -x "$bin" ] && [ -z "$(find "$OUT/lib/libPartnerMatchCore.a" Sources/PartnerMatchService/RPC Fuzz -name '*.swift' -newer "$bin" -o -name '*.a' -newer "$bin" | head -1)" ]; then
    return
  fi
  echo "building $bin" >&2
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name "PartnerMatch$name" -I "$OUT/lib" -L "$OUT/lib" -lPartnerMatchCore \
    $extra Fuzz/Support/*.swift "Fuzz/$name.swift" -o "$bin" 2> "$OUT/build-$t.log" || { cat "$OUT/build-$t.log" >&2; exit 2; }
}

seeds() {
  case "$1" in
    json) echo "Data/needs Data/partners Data/rules Data/evidence-maps" ;;
    csv) echo "Tests/Fixtures/evidence/adb-projects.csv" ;;
    xml) echo "Tests/Fixtures/evidence" ;;
    syntax) echo "Fuzz/seeds/syntax" ;;
    serve) echo "Fuzz/seeds/serve" ;;
  esac
}

status=0
for t in "${TARGETS[@]}"; do
  build "$t"
  [ "$BUILD_ONLY" = 1 ] && continue
  corpus="$OUT/corpus-$t"
  mkdir -p "$corpus"
  # A seed that is a file goes into the corpus; folders are read as they are.
  dirs=()
  for s in $(seeds "$t"); do
    if [ -d "$s" ]; then dirs+=("$s"); else cp "$s" "$corpus/"; fi
  done
  limit=(-max_total_time="$SECONDS_EACH")
  [ -n "$RUNS" ] && limit=(-runs="$RUNS")
  log="$OUT/run-$t.log"
  set +e
  ASAN_OPTIONS=detect_leaks=0 "$OUT/fuzz-$t" "$corpus" "${dirs[@]}" "${limit[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t-" > "$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "?")
  crashes=0
  if [ $rc -ne 0 ]; then crashes=1; status=1; fi
  echo "fuzz $t: $runs runs, ${secs:-?} s, corpus $(ls "$corpus" | wc -l) files, $crashes crash(es)$( [ $rc -ne 0 ] && echo "; see $log and $OUT/artifacts/$t-*")"
  if [ $rc -ne 0 ]; then grep -m1 -A12 'ERROR\|Fatal error\|deadly signal' "$log" >&2 || tail -20 "$log" >&2; fi
done
exit $status
