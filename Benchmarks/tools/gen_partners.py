#!/usr/bin/env python3
"""Generate synthetic partners (a JSON array in the project's format) as varied as the
real ones, for end-to-end benchmarks against a large catalog. Not run by CI.

    python3 Benchmarks/tools/gen_partners.py --count 1000 --out /tmp/partners-1000.json
"""
import argparse, json, random, os

root = os.path.join(os.path.dirname(__file__), "..", "..", "Data")
ap = argparse.ArgumentParser()
ap.add_argument("--count", type=int, default=1000)
ap.add_argument("--out", required=True)
ap.add_argument("--seed", type=int, default=11)
a = ap.parse_args()
rnd = random.Random(a.seed)
tax = json.load(open(os.path.join(root, "sectors.json")))
codes = [c["code"] for c in tax["codes"] if not c.get("retired")]
cats = [c["code"] for c in tax["categories"] if not c.get("retired")]
groups = [g["code"] for g in tax["groups"]]
units = [u["id"] for u in json.load(open(os.path.join(root, "provinces.json")))["units"]]
themes = [t["id"] for t in json.load(open(os.path.join(root, "themes.json")))["themes"]]
kinds = ["bilateral-agency", "multilateral-bank", "development-fund", "embassy-small-grants", "technical-cooperation-agency", "decentralised-cooperation", "ngo", "private-investor"]
instruments = ["grant", "concessional-loan", "non-concessional-loan", "equity", "technical-assistance", "training", "in-kind"]
regions = ["northern-midlands-and-mountains", "red-river-delta", "north-central-and-central-coast", "central-highlands", "southeast", "mekong-delta"]
flags = ["mountainous", "border", "coastal", "poor", "delta", "urban"]
out = []
for i in range(a.count):
    offers = []
    for ins in rnd.sample(instruments, rnd.randint(1, 3)):
        lo = 10 ** rnd.uniform(3.5, 7.5)
        hi = lo * 10 ** rnd.uniform(0.3, 1.5)
        offers.append({"instrument": ins, "ticket": {"min": round(lo), "typical": round((lo * hi) ** 0.5), "max": round(hi)},
                       "provenance": {"estimate": True, "note": "synthetic"}})
    pri = []
    for s in rnd.sample(codes, rnd.randint(2, 9)) + rnd.sample(cats, rnd.randint(0, 4)) + rnd.sample(groups, rnd.randint(0, 2)):
        pri.append({"sector": s, "weight": round(rnd.uniform(0.1, 1), 2)})
    geo = {}
    r = rnd.random()
    if r < 0.3: geo["provinces"] = rnd.sample(units, rnd.randint(1, 5))
    elif r < 0.6: geo["regions"] = rnd.sample(regions, rnd.randint(1, 2))
    elif r < 0.8: geo["areaFlags"] = rnd.sample(flags, rnd.randint(1, 2))
    p = {"id": f"synthetic-{i:05d}", "name": {"en": f"Synthetic partner {i}", "vi": f"Đối tác giả lập {i}"},
         "kind": rnd.choice(kinds), "origin": rnd.choice(["JP", "KR", "FR", "DE", "AU", "SA", "KW", "multilateral"]),
         "instruments": offers, "sectorPriorities": pri, "themes": rnd.sample(themes, rnd.randint(0, 4)),
         "eligibility": {"applicantKinds": rnd.sample(["ministry", "province", "commune", "ngo", "enterprise"], rnd.randint(1, 5)),
                         "minCounterpartShare": rnd.choice([0, 0, 0.1, 0.15, 0.3]), "provenance": {"estimate": True, "note": "synthetic"}},
         "geography": geo,
         "sources": [{"id": "s", "title": "synthetic", "document": "Benchmarks/tools/gen_partners.py", "checked": "2026-11-30"}]}
    if rnd.random() < 0.7:
        p["recentVolume"] = {"usdPerYear": round(10 ** rnd.uniform(5, 9)), "year": 2019, "provenance": {"estimate": True, "note": "synthetic"}}
    out.append(p)
json.dump(out, open(a.out, "w"), ensure_ascii=False)
