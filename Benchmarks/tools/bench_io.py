#!/usr/bin/env python3
"""Measure the input/output paths of two builds side by side, interleaved (A B A B ...),
on the same files: batch `score`, `serve`/`rank` start and piped `rank` requests, and
evidence import. Prints each run and the medians; wall, CPU (user + sys) and peak RSS
come from /usr/bin/time -v. Not run by CI.

    python3 Benchmarks/tools/bench_io.py --bin before=/work/wt/iobase/.build/release/partnermatch \\
        --bin after=.build/release/partnermatch --runs 5 --what score,serve,import

Inputs are generated once under --work (default /tmp/pm-bench-io): 100,000 proposals
(gen_proposals.py), 1,000 synthetic partners (gen_partners.py) imported beside the 50
bundled ones, 100,000 piped rank requests, and an IATI file of --iati-mb MiB
(gen_iati.py). Each build gets its own databases (a newer build migrates its schema,
which an older one then refuses). The reference for `score` is Python's `json.loads` of
every line of the same proposals file, timed in the same rounds.
"""
import argparse, json, os, re, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", action="append", required=True, metavar="NAME=PATH")
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--what", default="score,serve,import")
ap.add_argument("--work", default="/tmp/pm-bench-io")
ap.add_argument("--proposals", type=int, default=100000)
ap.add_argument("--iati-mb", type=float, default=200)
ap.add_argument("--jobs", type=int, default=2)
a = ap.parse_args()
bins = [b.split("=", 1) for b in a.bin]
what = set(a.what.split(","))
os.makedirs(a.work, exist_ok=True)
W = lambda name: os.path.join(a.work, name)
env = dict(os.environ, HOME=W("home"))
os.makedirs(W("home"), exist_ok=True)


def run(cmd, **kw):
    return subprocess.run(cmd, env=env, check=True, **kw)


def timed(cmd, stdin=None, stdout=subprocess.DEVNULL):
    """Wall, CPU seconds and peak RSS (MiB) of one command, from GNU time."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, env=env, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True)
    t = r.stderr
    if r.returncode not in (0, 2):
        sys.exit(f"{cmd} failed ({r.returncode}):\n{t[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", t).group(1).strip()
    secs = sum(float(p) * 60 ** k for k, p in enumerate(reversed(wall.split(":"))))
    cpu = float(re.search(r"User time \(seconds\): (.*)", t).group(1)) + float(re.search(r"System time \(seconds\): (.*)", t).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (.*)", t).group(1)) / 1024
    return secs, cpu, rss


def load():
    return open("/proc/loadavg").read().split()[0]


# Inputs, once.
props = W(f"p{a.proposals}.jsonl")
if not os.path.exists(props):
    run([sys.executable, os.path.join(here, "gen_proposals.py"), "--count", str(a.proposals), "--out", props])
partners = W("partners-1000.json")
if not os.path.exists(partners):
    run([sys.executable, os.path.join(here, "gen_partners.py"), "--count", "1000", "--out", partners])
iati = W(f"iati-{a.iati_mb:g}mb.xml")
if "import" in what and not os.path.exists(iati):
    run([sys.executable, os.path.join(here, "gen_iati.py"), "--mb", str(a.iati_mb), "-o", iati])

dbs = {}
for name, path in bins:
    for size in (50, 1050):
        db = W(f"{name}-{size}.sqlite")
        if not os.path.exists(db):
            run([path, "init", "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if size == 1050:
                run([path, "import", "partners", partners, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dbs[(name, size)] = db
needs = json.loads(subprocess.run([bins[0][1], "export", "needs", "--db", dbs[(bins[0][0], 50)]], env=env, capture_output=True, check=True).stdout)
ids = [n["id"] for n in needs]
reqs = W("req100k.jsonl")
if not os.path.exists(reqs):
    with open(reqs, "w") as f:
        for i in range(100000):
            f.write('{"jsonrpc":"2.0","id":%d,"method":"rank","params":{"need":"%s","top":10}}\n' % (i, ids[i % len(ids)]))

one = W("one-request.jsonl")
with open(one, "w") as f:
    f.write('{"jsonrpc":"2.0","id":0,"method":"rank","params":{"need":"%s","top":10}}\n' % ids[0])

results = {}


def note(key, value):
    results.setdefault(key, []).append(value)


def first_answer(path, db):
    t0 = time.perf_counter()
    p = subprocess.Popen([path, "serve", "--db", db], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write(b'{"jsonrpc":"2.0","id":0,"method":"rank","params":{"need":"%s","top":10}}\n' % ids[0].encode())
    p.stdin.flush()
    line = p.stdout.readline()
    t1 = time.perf_counter()
    p.stdin.close()
    p.wait()
    assert b'"result"' in line, line
    return (t1 - t0) * 1000


print(f"load at start: {load()}", flush=True)
for r in range(a.runs):
    if "score" in what:
        t, c = time.perf_counter(), time.process_time()
        for line in open(props, "rb"):
            json.loads(line)
        note("python json.loads of every line", (time.perf_counter() - t, time.process_time() - c, 0))
    for name, path in bins:
        if "score" in what:
            for size in (50, 1050):
                out = W(f"out-{name}-{size}.jsonl")
                note(f"score {size} partners: {name}", timed([path, "score", props, "--db", dbs[(name, size)], "--quiet", "--jobs", str(a.jobs), "--out", out]))
        if "serve" in what:
            for size in (50, 1050):
                note(f"serve first answer ms, {size} partners: {name}", (first_answer(path, dbs[(name, size)]), None, None))
            # The same start measured in CPU time (a loaded machine stretches wall time):
            # `serve` answering one request then reading end of input, and one `rank`.
            with open(one, "rb") as f:
                note(f"serve, one request then EOF, 1050 partners: {name}", timed([path, "serve", "--db", dbs[(name, 1050)]], stdin=f))
            note(f"rank one need, 1050 partners: {name}", timed([path, "rank", ids[0], "--db", dbs[(name, 1050)], "--format", "json"]))
            with open(reqs, "rb") as f:
                note(f"serve 100,000 piped rank requests, 50 partners: {name}", timed([path, "serve", "--db", dbs[(name, 50)]], stdin=f))
        if "import" in what:
            db = W(f"import-{name}.sqlite")
            for x in (db, db + "-journal", db + "-wal"):
                if os.path.exists(x):
                    os.remove(x)
            run([path, "init", "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            note(f"evidence import {a.iati_mb:g} MiB: {name}", timed([path, "evidence", "import", iati, "--db", db]))
    print(f"round {r + 1} done (load {load()})", flush=True)

if "score" in what and len(bins) > 1:
    same = all(open(W(f"out-{bins[0][0]}-{s}.jsonl"), "rb").read() == open(W(f"out-{n}-{s}.jsonl"), "rb").read() for n, _ in bins[1:] for s in (50, 1050))
    print(f"score outputs identical across builds: {same}")
size = os.path.getsize(iati) if os.path.exists(iati) else 0
for key, vals in results.items():
    walls = [v[0] for v in vals]
    line = f"{key}: median {statistics.median(walls):.3f} (runs {', '.join(f'{w:.3f}' for w in walls)})"
    cpus = [v[1] for v in vals if v[1] is not None]
    if cpus:
        line += f"; CPU median {statistics.median(cpus):.2f} s; peak RSS max {max(v[2] for v in vals):.0f} MiB"
    if key.startswith("serve 100,000"):
        line += f"; {100000 / statistics.median(walls):,.0f} requests/s"
    if key.startswith("evidence import"):
        line += f"; {size / statistics.median(walls) / 1e6:.1f} MB/s"
    if key.startswith("score"):
        line += f"; {a.proposals / statistics.median(walls):,.0f} proposals/s"
    print(line)
print(f"load at end: {load()}")
