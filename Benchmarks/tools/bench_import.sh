#!/bin/sh
# End-to-end evidence import benchmark: generates an IATI file (gen_iati.py), imports it
# with the release build into a fresh temporary database, and prints MB/s and peak RSS
# (from /usr/bin/time -v). Nothing touches a real database or $HOME.
#
#   Benchmarks/tools/bench_import.sh                 # 100 MiB generated file, 3 runs
#   Benchmarks/tools/bench_import.sh --mb 1024 --runs 1
#   Benchmarks/tools/bench_import.sh --file ../shared/data/evidence/adb-iati-1.04-1998-2005.xml
#   Benchmarks/tools/bench_import.sh --no-build      # use the existing .build/release binary
set -eu
cd "$(dirname "$0")/../.."
MB=100; RUNS=3; FILE=""; BUILD=1; TMP="${TMPDIR:-/tmp}/pm-bench-import.$$"
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --file) FILE="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1; expected --mb N, --runs N, --file F, --no-build" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for the peak RSS" >&2; exit 2; }
mkdir -p "$TMP/home"
trap 'rm -rf "$TMP"' EXIT
if [ "$BUILD" = 1 ]; then swift build -c release --product partnermatch >&2; fi
BIN="$(swift build -c release --show-bin-path)/partnermatch"
if [ -z "$FILE" ]; then
  FILE="$TMP/iati-${MB}mb.xml"
  python3 Benchmarks/tools/gen_iati.py --mb "$MB" -o "$FILE" >&2
fi
BYTES=$(stat -c %s "$FILE")
echo "file: $FILE ($BYTES bytes); load: $(cut -d' ' -f1-3 /proc/loadavg)"
i=1
while [ "$i" -le "$RUNS" ]; do
  DB="$TMP/bench-$i.sqlite"
  rm -f "$DB" "$DB-journal" "$DB-wal"
  HOME="$TMP/home" "$BIN" init --db "$DB" > /dev/null
  HOME="$TMP/home" /usr/bin/time -v "$BIN" evidence import "$FILE" --db "$DB" > "$TMP/out" 2> "$TMP/time"
  python3 - "$TMP/time" "$BYTES" "$i" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def field(name):
    m = re.search(re.escape(name) + r": (.*)", t)
    return m.group(1).strip() if m else "?"
wall = next(l for l in t.splitlines() if "Elapsed (wall clock)" in l).rsplit(": ", 1)[1].strip()
parts = [float(p) for p in wall.split(":")]
secs = sum(p * 60 ** k for k, p in enumerate(reversed(parts)))
size = int(sys.argv[2])
rss = int(field("Maximum resident set size (kbytes)"))
print(f"run {sys.argv[3]}: {secs:.2f} s wall, user {field('User time (seconds)')} s, sys {field('System time (seconds)')} s: "
      f"{size / secs / 1e6:.1f} MB/s ({size / secs / 2**20:.1f} MiB/s), peak RSS {rss / 1024:.1f} MiB")
PY
  i=$((i + 1))
done
tail -n 3 "$TMP/out"
