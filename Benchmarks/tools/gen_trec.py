#!/usr/bin/env python3
"""Generates a large qrels/run pair for the evaluation speed benchmark (not run by CI).

Default: 10,000 queries x 1,000 retrieved documents (10 million run lines) and 30 judged
documents per query (grades 0-3, about two thirds of them retrieved), document ids drawn
from a collection of 5 million, scores with 3 decimals so ties occur.

    python3 Benchmarks/tools/gen_trec.py --out /tmp/bench [--queries 10000] [--docs 1000] [--judged 30]

writes /tmp/bench/bench.qrels and /tmp/bench/bench.run (about 400 MB). With --scattered it
also writes bench-scattered.run: the same lines shuffled, so each query's documents are
spread through the whole file (as a run concatenated from many shards would be). Python
standard library only; the output is the same for the same --seed.
"""
import argparse
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=1_000)
    parser.add_argument("--judged", type=int, default=30)
    parser.add_argument("--collection", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scattered", action="store_true",
                        help="also write bench-scattered.run, the run's lines in random order")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "bench.qrels"), "w") as qrels, \
         open(os.path.join(args.out, "bench.run"), "w") as run:
        for q in range(args.queries):
            qid = "need-%05d" % q
            docs = rng.sample(range(args.collection), args.docs)
            scores = sorted((round(rng.random() * 30, 3) for _ in docs), reverse=True)
            run.write("".join("%s Q0 P%07d %d %.3f bench\n" % (qid, d, r + 1, s)
                              for r, (d, s) in enumerate(zip(docs, scores))))
            retrieved = rng.sample(docs, args.judged * 2 // 3)
            others = [rng.randrange(args.collection) for _ in range(args.judged - len(retrieved))]
            judged = list(dict.fromkeys(retrieved + others))
            qrels.write("".join("%s 0 P%07d %d\n" % (qid, d, rng.choice((0, 0, 1, 1, 2, 3)))
                                for d in judged))
    if args.scattered:
        with open(os.path.join(args.out, "bench.run"), "rb") as run:
            lines = run.readlines()
        rng.shuffle(lines)
        with open(os.path.join(args.out, "bench-scattered.run"), "wb") as scattered:
            scattered.writelines(lines)


if __name__ == "__main__":
    main()
