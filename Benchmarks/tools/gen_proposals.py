#!/usr/bin/env python3
"""Generate synthetic project proposals (JSON Lines) for the batch-scoring benchmark.

Proposals use real DAC codes, provinces and themes from the bundled Data/ folder, with
budgets spread over four orders of magnitude. Not run by CI.

    python3 Benchmarks/tools/gen_proposals.py --count 100000 --out /tmp/proposals.jsonl
"""
import argparse, json, random, os

root = os.path.join(os.path.dirname(__file__), "..", "..", "Data")
ap = argparse.ArgumentParser()
ap.add_argument("--count", type=int, default=100000)
ap.add_argument("--out", required=True)
ap.add_argument("--seed", type=int, default=7)
a = ap.parse_args()
rnd = random.Random(a.seed)
codes = [c["code"] for c in json.load(open(os.path.join(root, "sectors.json")))["codes"] if not c.get("retired")]
units = [u["name"] for u in json.load(open(os.path.join(root, "provinces.json")))["units"]]
themes = [t["id"] for t in json.load(open(os.path.join(root, "themes.json")))["themes"]]
instruments = ["grant", "loan", "technical-assistance", "investment", "any"]
applicants = ["province", "commune", "ngo", "enterprise", "ministry"]
with open(a.out, "w") as f:
    for i in range(a.count):
        k = rnd.choice([1, 1, 2, 3])
        picked = rnd.sample(codes, k)
        shares = [100 // k] * k
        shares[0] += 100 - sum(shares)
        need = {
            "id": f"p{i}", "title": {"vi": f"Đề xuất số {i}", "en": f"Proposal {i}"},
            "province": rnd.choice(units), "applicant": rnd.choice(applicants),
            "sectors": [{"code": c, "share": s} for c, s in zip(picked, shares)],
            "budgetUSD": round(10 ** rnd.uniform(4, 8)), "instrument": rnd.choice(instruments),
            "themes": rnd.sample(themes, rnd.randint(0, 3)),
        }
        if rnd.random() < 0.5:
            need["counterpartUSD"] = round(need["budgetUSD"] * rnd.uniform(0, 0.4))
        f.write(json.dumps(need, ensure_ascii=False) + "\n")
