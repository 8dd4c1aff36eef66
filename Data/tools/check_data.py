#!/usr/bin/env python3
"""Check the reference data in Data/ for shape and consistency (stdlib only).

    python3 Data/tools/check_data.py [--shared ../shared/data]

Checks sectors.json, provinces.json, rates.json and needs/*.json, and, when the shared
evidence folder is there, that every province string in the evidence files resolves to a
provincial unit or is listed in notProvinces. Exits non-zero on any problem.
"""
import argparse
import collections
import csv
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fold import fold, slug  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
problems = []


def problem(msg):
    problems.append(msg)


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


def check_sectors(shared):
    s = load("sectors.json")
    groups = {g["code"] for g in s["groups"]}
    if groups != {"100", "200", "300", "400", "500", "600", "700", "900"}:
        problem(f"sectors: groups {sorted(groups)}")
    cats = {}
    for c in s["categories"]:
        if c["group"] not in groups:
            problem(f"sectors: category {c['code']} group {c['group']}")
        expect = "900" if c["code"][0] == "9" else c["code"][0] + "00"
        if c["group"] != expect:
            problem(f"sectors: category {c['code']} in group {c['group']}, expected {expect}")
        if not c.get("vi"):
            problem(f"sectors: category {c['code']} has no vi")
        cats[c["code"]] = c
    codes = {}
    for c in s["codes"]:
        if not re.fullmatch(r"\d{5}", c["code"]):
            problem(f"sectors: bad code {c['code']}")
        if c["category"] not in cats:
            problem(f"sectors: code {c['code']} category {c['category']} missing")
        if c["code"] in codes:
            problem(f"sectors: duplicate {c['code']}")
        if not isinstance(c["retired"], bool):
            problem(f"sectors: {c['code']} retired not bool")
        codes[c["code"]] = c
    required_vi = [c for c in codes.values() if c["category"] in {"111", "112", "113", "114", "121", "122", "123", "130", "140",
                                         "151", "152", "160", "210", "230", "231", "232", "233", "234",
                                         "235", "236", "311", "312", "313", "321", "322", "323", "331",
                                         "332", "410", "430"}]
    for c in required_vi:
        if not c.get("vi"):
            problem(f"sectors: required vi missing for {c['code']}")
    if shared:
        root = ET.parse(os.path.join(shared, "iati-codelists", "Sector.xml")).getroot()
        for it in root.iter("codelist-item"):
            code = it.findtext("code").strip()
            if code not in codes:
                problem(f"sectors: Sector.xml code {code} missing")
            elif codes[code]["retired"] != (it.get("status") == "withdrawn"):
                problem(f"sectors: {code} retired flag differs from Sector.xml")
        with open(os.path.join(shared, "evidence", "koica_vietnam_1991_2007.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                code = row["Aid_Data_purposecode"].strip()
                if code and code not in codes:
                    problem(f"sectors: KOICA code {code} missing")
    n_vi = sum(1 for c in codes.values() if c.get("vi"))
    print(f"sectors: {len(s['groups'])} groups, {len(cats)} categories "
          f"({sum(1 for c in cats.values() if c.get('vi'))} with vi, "
          f"{sum(1 for c in cats.values() if c.get('retired'))} retired), {len(codes)} codes "
          f"({sum(c['retired'] for c in codes.values())} retired, {n_vi} with vi)")
    return codes


AREA_FLAGS = {"mountainous", "border", "coastal", "poor", "delta", "urban"}
REGIONS = {"northern-midlands-and-mountains", "red-river-delta", "north-central-and-central-coast",
           "central-highlands", "southeast", "mekong-delta"}


class Gazetteer:
    def __init__(self, g):
        self.units = {u["id"]: u for u in g["units"]}
        self.former = {f["id"]: f for f in g["former"]}
        self.keys = {}      # folded text -> current unit id
        self.not_keys = {}  # folded text -> note

        def add(text, unit, what):
            k = fold(text)
            if k in self.keys and self.keys[k] != unit:
                problem(f"provinces: '{text}' ({what}) -> {unit} clashes with {self.keys[k]}")
            self.keys[k] = unit

        for u in g["units"]:
            add(u["name"], u["id"], "unit")
            add(u["id"], u["id"], "unit id")
        for f in g["former"]:
            add(f["name"], f["mergedInto"], "former")
            add(f["id"], f["mergedInto"], "former id")
        for a in g["aliases"]:
            add(a["text"], a["province"], "alias")
        for n in g["notProvinces"]:
            k = fold(n["text"])
            if k in self.keys:
                problem(f"provinces: notProvince '{n['text']}' folds to a province key '{k}'")
            self.not_keys[k] = n["note"]

    def resolve(self, text):
        k = fold(text)
        if k in self.keys:
            return ("unit", self.keys[k])
        if k in self.not_keys:
            return ("not", self.not_keys[k])
        return (None, None)


def check_provinces(shared):
    g = load("provinces.json")
    units, former = g["units"], g["former"]
    if len(units) != 34:
        problem(f"provinces: {len(units)} units")
    if len(former) != 63:
        problem(f"provinces: {len(former)} former")
    ids = {u["id"] for u in units}
    formed = collections.Counter()
    for u in units:
        if u["id"] != slug(u["name"]):
            problem(f"provinces: id {u['id']} vs name {u['name']}")
        if u["kind"] not in ("province", "city"):
            problem(f"provinces: kind {u['kind']}")
        if u["region"] not in REGIONS:
            problem(f"provinces: region {u['region']}")
        if not set(u["flags"]) <= AREA_FLAGS:
            problem(f"provinces: flags {u['flags']}")
        formed.update(u["formedFrom"])
    fids = {f["id"] for f in former}
    for f in former:
        if f["mergedInto"] not in ids:
            problem(f"provinces: former {f['id']} merged into unknown {f['mergedInto']}")
        if formed[f["id"]] != 1:
            problem(f"provinces: former {f['id']} in formedFrom {formed[f['id']]} times")
    unchanged = [f["id"] for f in former if f["mergedInto"] == f["id"] and
                 next(u for u in units if u["id"] == f["id"])["formedFrom"] == [f["id"]]]
    if len(unchanged) != 11:
        problem(f"provinces: {len(unchanged)} unchanged units: {unchanged}")
    for a in g["aliases"]:
        if a["province"] not in ids:
            problem(f"provinces: alias {a['text']} -> {a['province']}")
        if a.get("former") and a["former"] not in fids:
            problem(f"provinces: alias {a['text']} former {a['former']}")
        for x in a.get("also", []):
            if x not in ids:
                problem(f"provinces: alias {a['text']} also {x}")
    for n in g["notProvinces"]:
        if n.get("within") and n["within"] not in ids:
            problem(f"provinces: notProvince {n['text']} within {n['within']}")
    gz = Gazetteer(g)
    regions = collections.Counter(u["region"] for u in units)
    print(f"provinces: {len(units)} units ({sum(u['kind'] == 'city' for u in units)} cities), "
          f"{len(former)} former ({len(unchanged)} unchanged), {len(g['aliases'])} aliases, "
          f"{len(g['notProvinces'])} notProvinces; regions {dict(regions)}")
    if shared:
        check_evidence(gz, shared)
    return gz


def evidence_strings(shared):
    ev = os.path.join(shared, "evidence")
    out = collections.defaultdict(collections.Counter)
    for name in ("worldbank_ibrd_ida_vietnam_projects.csv", "adb_vietnam_projects_1998_2005.csv"):
        with open(os.path.join(ev, name), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for p in row["provinces_adm1"].split("|"):
                    if p.strip():
                        out[name][p.strip()] += 1
    root = ET.parse(os.path.join(ev, "adb-iati-1.04-1998-2005.xml")).getroot()
    for act in root.iter("iati-activity"):
        if any(rc.get("code") == "VN" for rc in act.findall("recipient-country")):
            for loc in act.findall("location"):
                name = (loc.findtext("name") or "").strip()
                if name:
                    out["adb-iati-1.04-1998-2005.xml (VN activities)"][name] += 1
    return out


def check_evidence(gz, shared):
    total = resolved = listed = 0
    for source, strings in evidence_strings(shared).items():
        r = n = 0
        for text in strings:
            kind, what = gz.resolve(text)
            if kind == "unit":
                r += 1
            elif kind == "not":
                n += 1
            else:
                problem(f"evidence: '{text}' in {source} neither resolves nor is listed")
        print(f"evidence {source}: {len(strings)} distinct strings, {r} resolve to a unit, "
              f"{n} listed as not provinces, {len(strings) - r - n} unresolved")
        total += len(strings)
        resolved += r
        listed += n
    print(f"evidence total: {total} distinct (per file), {resolved} resolve, {listed} not provinces")


def check_rates():
    r = load("rates.json")
    seen = set()
    per = collections.Counter()
    est = collections.Counter()
    for x in r["rates"]:
        key = (x["currency"], x["year"])
        if key in seen:
            problem(f"rates: duplicate {key}")
        seen.add(key)
        if not (isinstance(x["perUSD"], (int, float)) and x["perUSD"] > 0):
            problem(f"rates: bad value {x}")
        if not re.fullmatch(r"[A-Z]{3}", x["currency"]) or not 1990 <= x["year"] <= 2025:
            problem(f"rates: bad key {x}")
        if not isinstance(x["estimate"], bool) or not x.get("source"):
            problem(f"rates: {key} estimate/source")
        per[x["currency"]] += 1
        est[x["currency"]] += x["estimate"]
    # continuity: no year-on-year jump above 60% except known crises
    by = collections.defaultdict(dict)
    for x in r["rates"]:
        by[x["currency"]][x["year"]] = x["perUSD"]
    for cur, ys in by.items():
        for y in sorted(ys):
            if y - 1 in ys:
                ratio = ys[y] / ys[y - 1]
                if not 0.6 < ratio < 1.7 and (cur, y) not in {("VND", 1991), ("KRW", 1998), ("CNY", 1994)}:
                    problem(f"rates: {cur} {y - 1}->{y} jumps x{ratio:.2f}")
    print(f"rates: {len(r['rates'])} values, {len(per)} currencies, "
          f"{sum(est.values())} estimates; " +
          ", ".join(f"{c} {per[c]}({est[c]}e)" for c in sorted(per)))
    return by


NEED_KEYS = {"id", "title", "province", "commune", "formerDistrict", "applicant", "sectors",
             "budgetUSD", "budgetInput", "instrument", "counterpartUSD", "themes",
             "beneficiaries", "stage", "date", "description"}


def check_needs(codes, gz, rates):
    themes = {t["id"] for t in load("themes.json")["themes"]}
    files = sorted(glob.glob(os.path.join(DATA, "needs", "*.json")))
    total = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            needs = json.load(f)
        ids = set()
        for n in needs:
            total += 1
            where = f"{os.path.basename(path)}:{n.get('id')}"
            extra = set(n) - NEED_KEYS
            if extra:
                problem(f"{where}: unknown keys {extra}")
            if not re.fullmatch(r"[A-Za-z0-9._-]+", n["id"]) or n["id"] in ids:
                problem(f"{where}: bad or duplicate id")
            ids.add(n["id"])
            if not (n["title"].get("en") and n["title"].get("vi")):
                problem(f"{where}: title needs en and vi")
            if n["province"] not in gz.units:
                problem(f"{where}: province {n['province']}")
            if n["applicant"] not in {"ministry", "province", "commune", "ngo", "enterprise"}:
                problem(f"{where}: applicant {n['applicant']}")
            if n["instrument"] not in {"grant", "loan", "investment", "technical-assistance", "any"}:
                problem(f"{where}: instrument {n['instrument']}")
            if n.get("stage") not in {None, "idea", "concept", "feasibility", "approved",
                                      "under-implementation", "completed"}:
                problem(f"{where}: stage {n['stage']}")
            share = 0
            for s in n["sectors"]:
                c = codes.get(s["code"])
                if not c or c["retired"]:
                    problem(f"{where}: sector {s['code']} not an active code")
                if not 0 < s["share"] <= 100:
                    problem(f"{where}: share {s['share']}")
                share += s["share"]
            if abs(share - 100) > 1e-9:
                problem(f"{where}: shares sum to {share}")
            for t in n.get("themes", []):
                if t not in themes:
                    problem(f"{where}: theme {t}")
            if not n["budgetUSD"] > 0:
                problem(f"{where}: budget")
            if n.get("counterpartUSD") is not None and n["counterpartUSD"] < 0:
                problem(f"{where}: counterpart")
            if n.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", n["date"]):
                problem(f"{where}: date {n['date']}")
            bi = n.get("budgetInput")
            if bi:
                m = re.fullmatch(r"([A-Z]{3}) ([\d.,]+)( tỷ| triệu)? at ([\d.,]+) ([A-Z]{3})/USD", bi)
                if not m or m.group(1) != m.group(5):
                    problem(f"{where}: budgetInput format '{bi}'")
                else:
                    cur = m.group(1)
                    unit = {" tỷ": 1e9, " triệu": 1e6, None: 1}[m.group(3)]
                    amount = float(m.group(2).replace(",", "")) * unit
                    rate = float(m.group(4).replace(",", ""))
                    year = int(n["date"][:4]) if n.get("date") else 2025
                    table = rates.get(cur, {})
                    if not table:
                        problem(f"{where}: no rates for {cur}")
                        continue
                    ref = table.get(year) or table[max(table)]
                    if abs(rate - ref) > 1e-9 * max(1, ref):
                        problem(f"{where}: rate {rate} differs from rates.json {cur} {year} = {ref}")
                    if abs(amount / rate - n["budgetUSD"]) > 1:
                        problem(f"{where}: {amount}/{rate} = {amount / rate:.0f}, budgetUSD {n['budgetUSD']}")
    print(f"needs: {total} in {len(files)} file(s)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(DATA, "..", "..", "shared", "data"))
    args = ap.parse_args()
    shared = args.shared if os.path.isdir(args.shared) else None
    if not shared:
        print("note: shared reference data not found; evidence checks skipped")
    codes = check_sectors(shared)
    gz = check_provinces(shared)
    rates = check_rates() if os.path.exists(os.path.join(DATA, "rates.json")) else {}
    check_needs(codes, gz, rates)
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
