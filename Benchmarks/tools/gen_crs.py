#!/usr/bin/env python3
"""Generates a synthetic OECD CRS bulk file (the published pipe-separated layout, UTF-16 LE
with a byte-order mark as the OECD ships it) for the import's memory and speed check.

    python3 Benchmarks/tools/gen_crs.py --rows 300000 --out /tmp/crs.txt [--vn-share 0.02] [--utf8]

Rows are made up (donors and agencies from crs.json's names, random purposes and amounts in
USD millions); a share of them has RecipientCode 769 (Viet Nam), the rest other recipients.
Python standard library only; the same --seed gives the same file.
"""
import argparse
import random

COLUMNS = ("Year|DonorCode|DonorName|AgencyCode|AgencyName|CrsID|ProjectNumber|InitialReport|RecipientCode|RecipientName|"
           "RegionCode|RegionName|IncomegroupCode|IncomegroupName|FlowCode|FlowName|Bi_Multi|Category|Finance_t|Aid_t|"
           "USD_Commitment|USD_Disbursement|USD_Received|USD_Commitment_Defl|USD_Disbursement_Defl|USD_Received_Defl|"
           "USD_Adjustment|USD_Adjustment_Defl|USD_AmountUntied|USD_AmountPartialTied|USD_AmountTied|USD_AmountUntied_Defl|"
           "USD_AmountPartialTied_Defl|USD_Amounttied_Defl|USD_IRTC|USD_Expert_Commitment|USD_Expert_Extended|USD_Export_Credit|"
           "CurrencyCode|Commitment_National|Disbursement_National|GrantEquiv|USD_GrantEquiv|ShortDescription|ProjectTitle|"
           "PurposeCode|PurposeName|SectorCode|SectorName|ChannelCode|ChannelName|ChannelReportedName|ParentChannelCode|Geography|"
           "ExpectedStartDate|CompletionDate|LongDescription|Gender|Environment|Trade|PDGG|FTC|PBA|InvestmentProject|AssocFinance|"
           "Biodiversity|ClimateMitigation|ClimateAdaptation|Desertification|CommitmentDate|TypeRepayment|NumberRepayment|Interest1|"
           "Interest2|Repaydate1|Repaydate2|GrantElement|USD_Interest|USD_Outstanding|USD_Arrears_Principal|USD_Arrears_Interest|"
           "USD_Future_DS_Principal|USD_Future_DS_Interest|RMNCH|BudgetIdent|CapitalExpend").split("|")
DONORS = [("701", "Japan", "8", "Japan International Co-operation Agency"), ("742", "Korea", "1", "Korea International Cooperation Agency"),
          ("561", "Kuwait", "1", "Kuwait Fund for Arab Economic Development"), ("801", "Australia", "1", "Department of Foreign Affairs and Trade"),
          ("921", "Arab Fund (AFESD)", "1", "Arab Fund for Economic and Social Development")]
RECIPIENTS = [("769", "Viet Nam"), ("745", "Lao People's Democratic Republic"), ("728", "Cambodia"), ("738", "Indonesia")]
PURPOSES = ["21020", "31140", "12220", "14030", "11220", "23210", "15110"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--vn-share", type=float, default=0.02)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--utf8", action="store_true")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    with open(a.out, "w", encoding="utf-8" if a.utf8 else "utf-16-le", newline="") as f:
        if not a.utf8:
            f.write("\ufeff")
        f.write("|".join(COLUMNS) + "\r\n")
        for n in range(a.rows):
            dc, dn, ac, an = rnd.choice(DONORS)
            rc, rn = RECIPIENTS[0] if rnd.random() < a.vn_share else rnd.choice(RECIPIENTS[1:])
            flow, fin = rnd.choice([("11", "110"), ("13", "421")])
            row = dict.fromkeys(COLUMNS, "")
            row.update(Year=str(rnd.randint(2005, 2022)), DonorCode=dc, DonorName=dn, AgencyCode=ac, AgencyName=an,
                       CrsID=f"{n:010d}", ProjectNumber=f"P-{n}", RecipientCode=rc, RecipientName=rn, FlowCode=flow,
                       Finance_t=fin, Aid_t="C01", USD_Commitment=f"{rnd.random() * 20:.6f}", USD_Disbursement=f"{rnd.random() * 5:.6f}",
                       ProjectTitle=f"Synthetic project {n} \"quoted\"", PurposeCode=rnd.choice(PURPOSES),
                       LongDescription="A synthetic description " * rnd.randint(1, 12))
            f.write("|".join(row[c] for c in COLUMNS) + "\r\n")


if __name__ == "__main__":
    main()
