#!/usr/bin/env python3
"""Measure `partnermatch serve`: time to the first answer, and requests per second for
single-need `rank` requests over the bundled catalog. Not run by CI.

    python3 Benchmarks/tools/serve_client.py .build/release/partnermatch --db /tmp/bench.sqlite --requests 100000
"""
import argparse, json, subprocess, time, threading

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("--db", required=True)
ap.add_argument("--requests", type=int, default=100000)
a = ap.parse_args()

needs = json.loads(subprocess.run([a.binary, "export", "needs", "--db", a.db], capture_output=True, check=True).stdout)
ids = [n["id"] for n in needs]

# Time to first answer: start the process, send one request, wait for its line.
t0 = time.perf_counter()
p = subprocess.Popen([a.binary, "serve", "--db", a.db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
p.stdin.write(b'{"jsonrpc":"2.0","id":0,"method":"rank","params":{"need":"%s","top":10}}\n' % ids[0].encode())
p.stdin.flush()
first = p.stdout.readline()
t1 = time.perf_counter()
assert b'"result"' in first, first
print(f"time to first answer: {(t1 - t0) * 1000:.1f} ms (process start, catalog load, rule compile, one rank)")

# Throughput: a writer thread streams requests while this thread reads answers.
reqs = [b'{"jsonrpc":"2.0","id":%d,"method":"rank","params":{"need":"%s","top":10}}\n' % (i, ids[i % len(ids)].encode()) for i in range(1, a.requests + 1)]
def writer():
    for r in reqs:
        p.stdin.write(r)
    p.stdin.close()
th = threading.Thread(target=writer)
t2 = time.perf_counter()
th.start()
n = 0
for line in p.stdout:
    n += 1
th.join()
t3 = time.perf_counter()
p.wait()
assert n == a.requests, (n, a.requests)
print(f"{n} rank requests in {t3 - t2:.2f} s: {n / (t3 - t2):,.0f} requests/s")
