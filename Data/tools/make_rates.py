#!/usr/bin/env python3
"""Generate Data/rates.json: annual average units of currency per US dollar, 1990-2025.

Two kinds of input:
- the ECB euro foreign exchange reference rates (the public file eurofxref-hist.zip, daily
  rates against the euro since 4 January 1999; NZD, SGD, INR, THB and ILS are crossed the
  same way as the others, from their first full year of quotes). For 1999-2025 the script averages, over
  each year's fixing days, the euro per dollar and each currency's cross rate per dollar
  (currency per euro / dollars per euro). These agree with the IMF annual averages to about
  0.1%, and are marked as confirmed.
- the tables below, from IMF International Financial Statistics as republished by the World
  Bank (indicator PA.NUS.FCRF, "Official exchange rate (LCU per US$, period average)").
  Values read from a published copy of that series are marked confirmed; the others are
  remembered figures of the same series, marked "estimate": true.

    python3 Data/tools/make_rates.py --ecb path/to/eurofxref-hist.zip [--out Data/rates.json]

Not needed at build or test time.
"""
import argparse
import collections
import csv
import io
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jsonfmt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
CHECKED = "2026-12-07"

WDI = "IMF IFS via World Bank WDI PA.NUS.FCRF"
WDI_URL = "https://data.worldbank.org/indicator/PA.NUS.FCRF"
SBV = "estimate from the State Bank of Viet Nam central rate (same basis as PA.NUS.FCRF)"
SBV_YEARS = {("VND", 2024), ("VND", 2025)}
ECB = "ECB euro reference rates, annual mean of daily cross rates"
ECB_URL = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"

SOURCE = {
    "title": "Annual average exchange rates, units of currency per US dollar: ECB euro "
             "foreign exchange reference rates (1999-2025, annual means of daily cross rates) "
             "and IMF International Financial Statistics as republished in World Bank WDI "
             "PA.NUS.FCRF (1990-1998, VND, KWD, SAR, CNY before 2006)",
    "url": WDI_URL,
    "checked": CHECKED,
}

YEARS = range(1990, 2026)

# currency -> {year: (value, confirmed)}; confirmed = read from a published copy of the series.
def series(start, values, confirmed):
    return {start + i: (v, confirmed) for i, v in enumerate(values)}


MANUAL = {
    # Viet Nam: WDI values 1990-2021 as published (indexmundi copy of PA.NUS.FCRF);
    # 2022-2023 remembered WDI values; 2024-2025 estimated from the State Bank of Viet Nam
    # central rate (about 23,900-24,300 in 2024; 24,300 in February 2025 to about 25,100
    # late in 2025). Commercial bank selling rates ran 3-5% above the central rate in 2024-2025.
    "VND": {**series(1990, [6537.60, 10121.89, 11202.19, 10640.96, 10965.67, 11038.25, 11032.58,
                            11683.33, 13268.00, 13943.17, 14167.75, 14725.17, 15279.50, 15509.58,
                            15746.00, 15858.92, 15994.25, 16105.13, 16302.25, 17065.08, 18612.92,
                            20509.75, 20828.00, 20933.42, 21148.00, 21697.57, 21935.00, 22370.09,
                            22602.05, 23050.24, 23208.37, 23159.78], True),
            **series(2022, [23271.21, 23787.32, 24160.0, 24900.0], False)},
    # Kuwait: WDI values 1990-2021 as published to three decimals; 2022-2025 estimates.
    "KWD": {**series(1990, [0.288, 0.284, 0.293, 0.302, 0.297, 0.298, 0.299, 0.303, 0.305, 0.304,
                            0.307, 0.307, 0.304, 0.298, 0.295, 0.292, 0.290, 0.284, 0.269, 0.288,
                            0.287, 0.276, 0.280, 0.284, 0.285, 0.301, 0.302, 0.303, 0.302, 0.304,
                            0.306, 0.302], True),
            **series(2022, [0.3062, 0.3075, 0.3074, 0.3068], False)},
    # Saudi Arabia: riyal pegged to the dollar since June 1986 (official rate 3.745; 3.75 in trade).
    "SAR": series(1990, [3.745] * 36, True),
    # Japan: WDI values as published.
    "JPY": series(1990, [144.79, 134.71, 126.65, 111.20, 102.21, 94.06, 108.78, 120.99, 130.91], True),
    # United Kingdom: WDI values as published (three decimals).
    "GBP": series(1990, [0.563, 0.567, 0.570, 0.667, 0.653, 0.634, 0.641, 0.611, 0.604], True),
    # Remembered IFS annual averages, not confirmed here.
    "KRW": series(1990, [707.76, 733.35, 780.65, 802.67, 803.45, 771.27, 804.45, 951.29, 1401.44], False),
    "AUD": series(1990, [1.2799, 1.2835, 1.3600, 1.4706, 1.3667, 1.3489, 1.2773, 1.3439, 1.5918], False),
    "CHF": series(1990, [1.3892, 1.4340, 1.4062, 1.4776, 1.3677, 1.1825, 1.2360, 1.4513, 1.4498], False),
    "SEK": series(1990, [5.9188, 6.0475, 5.8238, 7.7834, 7.7160, 7.1333, 6.7060, 7.6349, 7.9499], False),
    "NOK": series(1990, [6.2597, 6.4829, 6.2145, 7.0941, 7.0576, 6.3352, 6.4498, 7.0734, 7.5451], False),
    "DKK": series(1990, [6.1886, 6.3965, 6.0361, 6.4839, 6.3606, 5.6024, 5.7987, 6.6045, 6.7008], False),
    "CAD": series(1990, [1.1668, 1.1457, 1.2087, 1.2901, 1.3656, 1.3724, 1.3635, 1.3846, 1.4835], False),
    "DEM": series(1990, [1.6157, 1.6595, 1.5617, 1.6533, 1.6228, 1.4331, 1.5048, 1.7341, 1.7597], False),
    "FRF": series(1990, [5.4453, 5.6421, 5.2938, 5.6632, 5.5520, 4.9915, 5.1155, 5.8367, 5.8995], False),
    # China: the ECB quotes the yuan only from April 2005, so 1990-2005 come from IFS.
    "CNY": series(1990, [4.7832, 5.3234, 5.5146, 5.7620, 8.6187, 8.3514, 8.3142, 8.2898, 8.2790,
                         8.2783, 8.2785, 8.2771, 8.2770, 8.2770, 8.2768, 8.1943], False),
}

NOTES = {
    "VND": "State Bank of Viet Nam official/central rate basis; bank selling rates run higher",
    "SAR": "fixed peg since June 1986",
    "KWD": "basket peg; dollar peg 2003-2007",
    "DEM": "replaced by the euro in 1999 at 1.95583 DEM per EUR",
    "FRF": "replaced by the euro in 1999 at 6.55957 FRF per EUR",
}

# NZD, SGD, INR, THB and ILS were added in December 2026 for the New Zealand, Singapore,
# Indian and Israeli partners (the ECB publishes all five; a year counts only with at
# least 200 fixing days, so a currency starts in its first full year of quotes).
ECB_CURRENCIES = ["EUR", "JPY", "KRW", "AUD", "GBP", "CHF", "SEK", "NOK", "DKK", "CNY", "CAD",
                  "NZD", "SGD", "INR", "THB", "ILS"]


def ecb_annual(path):
    with zipfile.ZipFile(path) as z:
        name = [n for n in z.namelist() if n.endswith(".csv")][0]
        rows = list(csv.reader(io.TextIOWrapper(z.open(name), encoding="utf-8")))
    header = [h.strip() for h in rows[0]]
    acc = collections.defaultdict(list)
    for r in rows[1:]:
        d = dict(zip(header, (x.strip() for x in r)))
        year = int(d["Date"][:4])
        try:
            usd = float(d["USD"])
        except ValueError:
            continue
        acc[("EUR", year)].append(1 / usd)
        for c in ECB_CURRENCIES[1:]:
            try:
                acc[(c, year)].append(float(d[c]) / usd)
            except (ValueError, KeyError):
                pass
    return {k: sum(v) / len(v) for k, v in acc.items() if len(v) >= 200}


def rounded(v):
    if v >= 1000:
        return round(v, 2)
    if v >= 100:
        return round(v, 3)
    return round(v, 4)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ecb", required=True, help="path to the ECB eurofxref-hist.zip")
    ap.add_argument("--out", default=os.path.join(DATA, "rates.json"))
    args = ap.parse_args()
    ecb = ecb_annual(args.ecb)

    rates = []
    currencies = ["VND", "EUR", "DEM", "FRF", "JPY", "KRW", "AUD", "GBP", "CHF", "SEK", "NOK",
                  "DKK", "KWD", "SAR", "CNY", "CAD", "NZD", "SGD", "INR", "THB", "ILS"]
    for cur in currencies:
        for year in YEARS:
            entry = None
            if cur in MANUAL and year in MANUAL[cur]:
                value, confirmed = MANUAL[cur][year]
                src = SBV if (cur, year) in SBV_YEARS else WDI
                entry = {"currency": cur, "year": year, "perUSD": value,
                         "source": src, "estimate": not confirmed}
            elif (cur, year) in ecb:
                entry = {"currency": cur, "year": year, "perUSD": rounded(ecb[(cur, year)]),
                         "source": ECB, "estimate": False}
            if entry:
                if cur in NOTES:
                    entry["note"] = NOTES[cur]
                rates.append(entry)
    jsonfmt.write(args.out, {"source": SOURCE, "rates": rates})
    print(f"wrote {args.out}: {len(rates)} rates, {sum(r['estimate'] for r in rates)} estimates")


if __name__ == "__main__":
    main()
