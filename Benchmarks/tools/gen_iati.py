#!/usr/bin/env python3
"""Write a large synthetic IATI 2.03 activity file for import benchmarks (not run by CI).

    python3 Benchmarks/tools/gen_iati.py --mb 100 -o /tmp/iati-100mb.xml
    python3 Benchmarks/tools/gen_iati.py --mb 1024 -o /tmp/iati-1gb.xml
    python3 Benchmarks/tools/gen_iati.py --one-activity 1000000 -o /tmp/iati-1m-tx.xml

--one-activity N writes a single activity with N transactions (memory must not grow
with it).

Activities look like real ones: narratives in three languages, 1-3 sectors with
percentages, 2-6 transactions in USD/EUR/JPY/VND, budgets, locations in Viet Nam
provinces, funders from a small pool (some linking to catalog partners). Stdlib only,
deterministic for a given --seed.
"""
import argparse
import random

FUNDERS = [("XM-DAC-46004", "Asian Development Bank"), ("44000", "World Bank"), ("XM-DAC-701-8", "Japan International Cooperation Agency"),
           ("KR-GOV-010", "Korea International Cooperation Agency"), ("XM-TEST-9", "Unlinked Test Foundation")]
SECTORS = ["31120", "31140", "32161", "14030", "21020", "12220", "11330", "23230", "41010", "15110"]
PROVINCES = ["Tỉnh Sơn La", "Điện Biên", "Lào Cai", "Hà Nội", "Thừa Thiên Huế", "Nghệ An", "Quảng Ninh", "Cần Thơ", "Kim Động District"]
CURRENCIES = ["USD", "USD", "EUR", "JPY", "VND"]


def activity(i, rnd):
    ref, name = FUNDERS[i % len(FUNDERS)]
    year = 1995 + i % 30
    sectors = rnd.sample(SECTORS, rnd.randint(1, 3))
    shares = [100] if len(sectors) == 1 else ([60, 40] if len(sectors) == 2 else [50, 30, 20])
    out = [f'  <iati-activity default-currency="USD" xml:lang="en" last-updated-datetime="2025-01-01T00:00:00">',
           f'    <iati-identifier>{ref}-GEN-{i:08d}</iati-identifier>',
           f'    <reporting-org ref="{ref}" type="40"><narrative>{name}</narrative></reporting-org>',
           f'    <title><narrative>Generated project {i} &amp; partners</narrative><narrative xml:lang="vi">Dự án số {i}</narrative><narrative xml:lang="fr">Projet n° {i}</narrative></title>',
           f'    <description type="1"><narrative>Synthetic activity written by gen_iati.py to measure import speed; it has no meaning.</narrative></description>',
           f'    <participating-org ref="{ref}" role="1" type="40"><narrative>{name}</narrative></participating-org>',
           f'    <participating-org role="4" type="10"><narrative>Provincial People\'s Committee {i % 63}</narrative></participating-org>',
           f'    <activity-status code="{1 + i % 6}"/>',
           f'    <activity-date iso-date="{year}-0{1 + i % 9}-15" type="2"/>',
           f'    <activity-date iso-date="{year + 3}-12-31" type="3"/>',
           f'    <recipient-country code="{"VN" if i % 10 else "LA"}" percentage="100"/>']
    for p in rnd.sample(PROVINCES, rnd.randint(0, 3)):
        out.append(f'    <location><name><narrative>{p}</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>21.3 103.9</pos></point></location>')
    for s, sh in zip(sectors, shares):
        out.append(f'    <sector vocabulary="1" code="{s}" percentage="{sh}"/>')
    out.append(f'    <default-finance-type code="{"110" if i % 3 else "421"}"/>')
    out.append(f'    <budget type="1" status="2"><period-start iso-date="{year}-01-01"/><period-end iso-date="{year}-12-31"/><value currency="USD" value-date="{year}-01-01">{rnd.randint(10, 5000) * 1000}</value></budget>')
    for t in range(rnd.randint(2, 6)):
        cur = rnd.choice(CURRENCIES)
        kind = 2 if t == 0 else 3
        out.append(f'    <transaction><transaction-type code="{kind}"/><transaction-date iso-date="{year + t // 2}-06-30"/>'
                   f'<value currency="{cur}" value-date="{year + t // 2}-06-30">{rnd.randint(1, 9000) * 1000}</value></transaction>')
    out.append('  </iati-activity>')
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=0, help="target size in MiB")
    ap.add_argument("--one-activity", type=int, default=0, metavar="N", help="one activity with N transactions")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    target = int(a.mb * 1024 * 1024)
    written = 0
    if a.one_activity:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2025-01-01T00:00:00">\n')
            head = activity(0, rnd).split("\n")
            f.write("\n".join(l for l in head if "<transaction>" not in l and "</iati-activity>" not in l and l) + "\n")
            for t in range(a.one_activity):
                cur = CURRENCIES[t % len(CURRENCIES)]
                year = 1995 + t % 30
                f.write(f'    <transaction><transaction-type code="{2 if t % 7 == 0 else 3}"/><transaction-date iso-date="{year}-06-30"/>'
                        f'<value currency="{cur}" value-date="{year}-06-30">{rnd.randint(1, 9000) * 1000}</value></transaction>\n')
            f.write("  </iati-activity>\n</iati-activities>\n")
        print(f"{a.out}: 1 activity, {a.one_activity} transactions")
        return
    if target <= 0:
        ap.error("expected --mb N or --one-activity N")
    with open(a.out, "w", encoding="utf-8") as f:
        head = '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2025-01-01T00:00:00">\n'
        f.write(head)
        written += len(head.encode())
        i = 0
        while written < target:
            s = activity(i, rnd)
            f.write(s)
            written += len(s.encode())
            i += 1
        f.write("</iati-activities>\n")
    print(f"{a.out}: {i} activities, {written / 1048576:.1f} MiB")


if __name__ == "__main__":
    main()
