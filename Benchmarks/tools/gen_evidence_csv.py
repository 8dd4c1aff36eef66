#!/usr/bin/env python3
"""Write a large synthetic evidence CSV (World Bank export columns) for import benchmarks.

    python3 Benchmarks/tools/gen_evidence_csv.py --mb 50 -o /tmp/wb-50mb.csv
    partnermatch evidence import --csv /tmp/wb-50mb.csv --map Data/evidence-maps/worldbank.json

Rows look like ../shared/data/evidence/worldbank_ibrd_ida_vietnam_projects.csv: the
mapped columns of Data/evidence-maps/worldbank.json, quoted sectors, province lists, a
long development objective (some with line breaks inside quotes). Stdlib only,
deterministic for a given --seed. Not run by CI.
"""
import argparse
import random

SECTORS = ["Transportation", "Energy and mining", "Education", "Finance", "Industry and trade",
           "Water, sanitation and flood protection", "Agriculture, fishing, and forestry",
           "Health and other social services", "Public Administration, Law, and Justice"]
PRODUCTS = ["IBRD/IDA", "IBRD/IDA", "IBRD/IDA", "Global Environment Project", "Montreal Protocol", "Recipient Executed Activities"]
PROVINCES = ["Bac Giang", "Dak Lak", "Dien Bien", "Dong Nai", "Ha Noi City", "Ha Tinh", "Son La", "Thai Binh", "Can Tho city", "Long An"]
HEADER = "project_id,title,total_amt_usd_millions,total_disb,major_sector,lending_instrument,product_line,approval_date,provinces_adm1,n_locations,development_objective"


def row(i, rnd):
    provinces = "|".join(rnd.sample(PROVINCES, rnd.randint(0, 4)))
    objective = "To improve the generated project %d through increased maintenance, selective upgrading and capacity for planning, budgeting and monitoring" % i
    if i % 17 == 0:
        objective += ".\r\nSecond paragraph, with \"quotes\""
    amount = "%d.%02d" % (rnd.randint(1, 500), rnd.randint(0, 99))
    disb = "" if i % 3 else "%d.%d" % (rnd.randint(1, 400), rnd.randint(0, 9))
    date = "%d/%d/%d" % (rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(1990, 2024))
    return ",".join([f"P{i:07d}", f"Generated project {i}", amount, disb, '"%s"' % rnd.choice(SECTORS),
                     "Specific Investment Loan", rnd.choice(PRODUCTS), date, provinces, str(rnd.randint(0, 60)),
                     '"%s"' % objective.replace('"', '""')]) + "\r\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, required=True, help="target size in MiB")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    target = int(a.mb * 1024 * 1024)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\r\n")
        written = len(HEADER) + 2
        i = 0
        while written < target:
            s = row(i, rnd)
            f.write(s)
            written += len(s.encode())
            i += 1
    print(f"{a.out}: {i} rows, {written / 1048576:.1f} MiB")


if __name__ == "__main__":
    main()
