#!/usr/bin/env python3
"""Compares `partnermatch eval QRELS RUN` with trec_eval 10.0 on generated runs.

trec_eval is not part of the project: build it yourself (outside the repository) and pass
its path, e.g.

    git clone https://github.com/usnistgov/trec_eval /tmp/trec_eval && make -C /tmp/trec_eval
    Benchmarks/tools/compare_trec_eval.py --trec-eval /tmp/trec_eval/trec_eval

For each seed, qrels and a run are generated (graded and negative judgements, tied
scores, unjudged documents, queries only in the run, short rankings), both programs run
with each option set below, and their standard outputs must be byte-identical; the exit
status is non-zero when any differs. With a judged query missing from the run, both must
refuse the run without -c.
"""
import argparse, os, random, subprocess, sys, tempfile

OPTION_SETS = [
    [],
    ["-q"],
    ["-q", "-m", "all_trec"],
    ["-q", "-c", "-m", "all_trec"],
    ["-q", "-l", "2", "-m", "all_trec"],
    ["-q", "-M", "7", "-m", "all_trec"],
    ["-q", "-J", "-m", "all_trec"],
    ["-q", "-m", "ndcg.1=3,2=10", "-m", "Rndcg.0=0.5,2=7", "-m", "P.3,1,12", "-m", "iprec_at_recall.0.25,0.5,.33"],
    ["-q", "-m", "set_F.0.5", "-m", "utility.2,-1,-0.5,0.01", "-N", "400", "-m", "Rprec_mult.0.3,1.5,3"],
    ["-q", "-n", "-m", "map_cut.1,3,50", "-m", "gm_map", "-m", "infAP", "-m", "num_rel"],
    ["-c", "-m", "official", "-m", "num_rel", "-m", "gm_map"],
    ["-q", "-J", "-M", "5", "-c", "-m", "all_trec"],
    ["-q", "-l", "0", "-m", "all_trec"],
    ["-q", "-l", "3", "-c", "-m", "all_trec"],
    ["-q", "-m", "ndcg.0=2,1=0.4,3=-1", "-m", "Rndcg.2=0.5,1=1.2"],
]


def generate(seed, path_q, path_r, drop_judged_query):
    rnd = random.Random(seed)
    queries = [f"q{n:02d}" for n in range(rnd.randint(3, 25))]
    with open(path_q, "w") as q, open(path_r, "w") as r:
        for qid in queries:
            docs = [f"d{n:03d}" for n in range(rnd.randint(5, 60))]
            judged = rnd.sample(docs, rnd.randint(1, len(docs)))
            for d in sorted(judged):
                grade = rnd.choice([0, 0, 0, 1, 1, 2, 3, -1]) if rnd.random() < 0.95 else 4
                q.write(f"{qid} 0 {d} {grade}\n")
            if drop_judged_query and qid == queries[0]:
                continue
            if seed % 3 == 1 and rnd.random() < 0.2 and qid != queries[-1]:
                continue  # a judged query the run lacks: an error without -c
            ranked = rnd.sample(docs + [f"u{n}" for n in range(rnd.randint(0, 20))], rnd.randint(1, len(docs)))
            for n, d in enumerate(ranked):
                score = round(rnd.choice([rnd.random(), 0.5, 0.25, 1.0]), 3)
                r.write(f"{qid} Q0 {d} {n + 1} {score} run{seed}\n")
        r.write(f"zz_only_in_run Q0 d1 1 1.0 tag{seed}\n")
    return queries


# Measures of all_trec that partnermatch does not compute (it says so on stderr).
NOT_COMPUTED = {"relstring", "unj", "rbp", "rbp_resid", "gm_bpref", "11pt_avg", "relative_P", "ndcg_rel",
                "binG", "G", "set_relative_P", "set_map", "num_nonrel_judged_ret"}


def computed(out):
    keep = []
    for line in out.splitlines(keepends=True):
        name = line.split("\t")[0].strip()
        base = name if name in NOT_COMPUTED else name.rsplit("_", 1)[0]
        if name in NOT_COMPUTED or base in NOT_COMPUTED:
            continue
        keep.append(line)
    return "".join(keep)


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trec-eval", required=True)
    ap.add_argument("--partnermatch", default=".build/debug/partnermatch")
    ap.add_argument("--seeds", type=int, default=30)
    a = ap.parse_args()
    compared = differ = refused = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(a.seeds):
            qrels, results = os.path.join(tmp, "q"), os.path.join(tmp, "r")
            generate(seed, qrels, results, drop_judged_query=False)
            for opts in OPTION_SETS:
                t_code, t_out = run([a.trec_eval] + opts + [qrels, results])
                p_code, p_out = run([a.partnermatch, "eval"] + opts + [qrels, results])
                compared += 1
                if t_code != 0 and p_code != 0:
                    refused += 1
                    continue  # both refuse (trec_eval may have printed some queries first)
                t_out = computed(t_out)
                if (t_code == 0) != (p_code == 0) or t_out != p_out:
                    differ += 1
                    print(f"seed {seed} {' '.join(opts) or '(defaults)'}: trec_eval exit {t_code}, partnermatch exit {p_code}")
                    for tl, pl in zip(t_out.splitlines(), p_out.splitlines()):
                        if tl != pl:
                            print(f"  trec_eval:    {tl!r}\n  partnermatch: {pl!r}")
                            break
                    else:
                        print(f"  lines: trec_eval {len(t_out.splitlines())}, partnermatch {len(p_out.splitlines())}")
    print(f"{compared} comparisons ({refused} refused by both), {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
