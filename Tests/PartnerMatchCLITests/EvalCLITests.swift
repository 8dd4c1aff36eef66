import Foundation
import PartnerMatchCore
import Testing

/// `partnermatch eval`, run as a user would.
@Suite struct EvalCLITests {
    static let defaultRule = CLI.packageRoot + "/Data/rules/default.json"

    /// Two judged queries, one unjudged in the run. q1: d2 (non-relevant) 3.0, then d1 and
    /// d3 tied at 2.0, which trec_eval orders by id descending: d3 (grade 2) then d1, so
    /// relevant at ranks 2 and 3: AP = (1/2 + 2/3) / 2, P@5 = 2/5, RR = 1/2. q2: unjudged d9,
    /// then d4 relevant: AP = 1/2, P@5 = 1/5, RR = 1/2. q4 is judged but not in the run.
    static let qrels = """
        q1 0 d1 1
        q1 0 d2 0
        q1 0 d3 2
        q2 0 d4 1
        q4 0 d1 1

        """
    static let run = """
        q1 Q0 d2 1 3.0 t
        q1 Q0 d1 2 2.0 t
        q1 Q0 d3 3 2.0 t
        q2 Q0 d9 1 1.0 t
        q2 Q0 d4 2 0.5 t
        q3 Q0 d1 1 1.0 t

        """

    @Test func evaluatesARunLikeTrecEval() {
        let cli = CLI()
        let q = cli.write("judged.qrels", Self.qrels), r = cli.write("a.run", Self.run)
        // q4 is judged but not in the run: trec_eval 10.0 refuses that without -c
        let refused = cli.run(["eval", "--qrels", q, "--run", r, "--measure", "map"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("judged query 'q4' has no results in the run; give -c (--complete)"))
        #expect(refused.stdout == "")
        let judged = cli.write("judged-run.qrels", Self.qrels.replacingOccurrences(of: "q4 0 d1 1\n", with: ""))
        let result = cli.run(["eval", "--qrels", judged, "--run", r, "--measure", "map", "--measure", "P.5", "--measure", "mrr", "--per-query"])
        #expect(result.status == 0)
        // The funder mix goes to stderr: stdout stays trec_eval's (its names and its order of measures).
        #expect(result.stderr == "partnermatch: funder mix: 2 needs, 2 funders, the largest d3 50% (1 need)\n")
        #expect(result.stdout == """
            map                   \tq1\t0.5833
            recip_rank            \tq1\t0.5000
            P_5                   \tq1\t0.4000
            map                   \tq2\t0.5000
            recip_rank            \tq2\t0.5000
            P_5                   \tq2\t0.2000
            map                   \tall\t0.5417
            recip_rank            \tall\t0.5000
            P_5                   \tall\t0.3000

            """)
        // --complete counts q4 as 0; --level 2 leaves only d3 relevant in q1 and none in q2
        #expect(cli.run(["eval", "--qrels", q, "--run", r, "--measure", "map", "--complete"]).stdout == "map                   \tall\t0.3611\n")
        #expect(cli.run(["eval", "--qrels", judged, "--run", r, "--measure", "map", "--level", "2"]).stdout == "map                   \tall\t0.2500\n")
        #expect(cli.run(["eval", "--qrels", judged, "--run", r, "--measure", "P.5", "--format", "csv"]).stdout == "measure,query,value\r\nP_5,all,0.3000\r\n")
        // JSON keeps full precision: (2/5 + 1/5) / 2 in floating point
        #expect(cli.run(["eval", "--qrels", judged, "--run", r, "--measure", "P.5", "--format", "json"]).stdout == "[\n  {\"measure\":\"P_5\",\"query\":\"all\",\"value\":0.30000000000000004}\n]\n")
        // trec_eval's own command line gives the same
        #expect(cli.run(["eval", "-q", "-m", "map", "-m", "P.5", "-m", "recip_rank", judged, r]).stdout.hasSuffix(result.stdout))
        #expect(cli.run(["eval", "-c", "-m", "map", q, r]).stdout == "map                   \tall\t0.3611\n")
    }

    @Test func defaultMeasuresAreTheTrecEvalSet() {
        let cli = CLI()
        let q = cli.write("q", Self.qrels.replacingOccurrences(of: "q4 0 d1 1\n", with: "")), r = cli.write("r", Self.run)
        let out = cli.run(["eval", "--qrels", q, "--run", r]).stdout
        let names = out.split(separator: "\n").map { String($0.split(separator: "\t")[0]).trimmingCharacters(in: .whitespaces) }
        #expect(names == ["map", "Rprec", "bpref", "recip_rank", "P_10", "recall_10", "ndcg", "ndcg_cut_10", "success_1"])
        // trec_eval's form QRELS RUN measures its official set
        let official = cli.run(["eval", q, r]).stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]).trimmingCharacters(in: .whitespaces) }
        #expect(official.prefix(7) == ["runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map"])
        #expect(official.count == 7 + 3 + 11 + 9)
    }

    @Test func formatErrorsNameFileAndLine() {
        let cli = CLI()
        let q = cli.write("judged.qrels", Self.qrels)
        let badRun = cli.write("bad.run", "q1 Q0 d1 1 2.0 t\n# comment\nq1 Q0 d2 2 1.0\n")
        var result = cli.run(["eval", "--qrels", q, "--run", badRun])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "partnermatch: error: \(badRun):3: expected 6 fields (qid Q0 docno rank score tag), found 5\n")

        let duplicate = cli.write("dup.run", "q1 Q0 d1 1 2.0 t\nq1 Q0 d1 2 1.0 t\n")
        result = cli.run(["eval", "--qrels", q, "--run", duplicate])
        #expect(result.stderr == "partnermatch: error: \(duplicate):2: duplicate document d1 for query q1 (first on line 1)\n")

        let score = cli.write("score.run", "q1 Q0 d1 1 high t\n")
        #expect(cli.run(["eval", "--qrels", q, "--run", score]).stderr == "partnermatch: error: \(score):1: score 'high' is not a number\n")

        let badQrels = cli.write("bad.qrels", "q1 0 d1 1\n\nq1 0 d2 1.5\n")
        result = cli.run(["eval", "--qrels", badQrels, "--run", cli.write("a.run", Self.run)])
        #expect(result.status == 1)
        #expect(result.stderr == "partnermatch: error: \(badQrels):3: grade '1.5' is not an integer\n")

        result = cli.run(["eval", "--qrels", q, "--run", cli.dir + "/missing.run"])
        #expect(result.stderr == "partnermatch: error: \(cli.dir)/missing.run: no such file\n")
        result = cli.run(["eval", "--qrels", q, "--run", cli.write("other.run", "x Q0 d1 1 1 t\n")])
        #expect(result.stderr.hasPrefix("partnermatch: error: judged query 'q1' has no results in the run (nor have 2 other judged queries)"))
        result = cli.run(["eval", "--qrels", q, "--run", cli.write("a.run", Self.run), "--measure", "P.0"])
        // A measure the command line misspells is a usage error (64), like any bad flag value.
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("partnermatch: error: -m/--measure: illegal cutoff '0' in measure 'P.0'"))
        result = cli.run(["eval", "--qrels", q])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("partnermatch: error: give --run FILE to evaluate a run, or --rule"))
    }

    /// The fixture needs: default filters leave one partner per need (sfd-loans for the road,
    /// japan-grassroots for the health post, koica-grants for the tea plant); sector-only ranks
    /// all three. The health post's second relevant partner, sfd-loans, is filtered out by
    /// default (it lends; the need seeks a grant), so sector-only wins on that need alone.
    static let fixtureQrels = """
        sla-road-01 0 sfd-loans 1
        sla-road-01 0 japan-grassroots 0
        sla-health-02 0 japan-grassroots 2
        sla-health-02 0 sfd-loans 1
        sla-tea-03 0 koica-grants 1

        """

    @Test func comparesRulesOnTheStoredNeeds() {
        let cli = CLI()
        let q = cli.write("fixture.qrels", Self.fixtureQrels)
        let result = cli.run(["eval", "--qrels", q, "--rule", Self.defaultRule, "--rule", "builtin:sector-only",
                              "--measure", "map", "--measure", "P.10", "--measure", "recip_rank"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            Rule                    map    P.10  recip_rank
            -------------------  ------  ------  ----------
            default              0.8333  0.1000      1.0000
            builtin:sector-only  1.0000  0.1333      1.0000

            3 queries (needs judged in the qrels and ranked by every rule)
            * p < 0.05 against default (the first rule): paired randomization test (exact over all 8 sign assignments)

            Averaged per funder (each funder's needs averaged, then over the 3 funders; most needs: japan-grassroots 1, koica-grants 1, sfd-loans 1):
            Rule                    map    P.10  recip_rank
            -------------------  ------  ------  ----------
            default              0.8333  0.1000      1.0000
            builtin:sector-only  1.0000  0.1333      1.0000

            Funder mix of the judged needs: 3 needs, 3 funders, the largest japan-grassroots 33% (1 need)
            Funder            Needs  Share
            ----------------  -----  -----
            japan-grassroots      1    33%
            koica-grants          1    33%
            sfd-loans             1    33%
            note: 3 funders (expected at least 5); the figures say most about the largest funders

            """)
        // Differences only on sla-health-02 (+0.5 map): every sign assignment is as extreme
        let csv = cli.run(["eval", "--qrels", q, "--rule", Self.defaultRule, "--rule", "builtin:sector-only", "--measure", "map", "--format", "csv"]).stdout
        #expect(csv == """
            rule,measure,queries,mean,difference,tTestP,tTestPHolm,randomizationP,randomizationPHolm,significant,funderMacroMean\r
            default,map,3,0.8333,,,,,,,0.8333\r
            builtin:sector-only,map,3,1.0000,0.1667,0.42265,0.42265,1,1,no,1.0000\r

            """)
    }

    /// Ten health posts read from a file (and one bad record, skipped): popularity puts
    /// sfd-loans (the only partner with a known volume) first and the relevant
    /// japan-grassroots second; sector-only puts it first. Every query differs by the same
    /// amount, so the exact randomization p-value is 2/1024 and the t-test's is 0.
    @Test func marksSignificantDifferencesAndSkipsBadNeeds() throws {
        let cli = CLI()
        let ids = (1...10).map { String(format: "h%02d", $0) }
        var needs = ids.map { id in
            #"{"id": "\#(id)", "title": {"vi": "Trạm y tế"}, "province": "Sơn La", "applicant": "commune", "sectors": [{"code": "12230", "share": 100}], "budgetUSD": 80000, "instrument": "grant"}"#
        }
        needs.insert(#"{"id": "broken", "title": {"vi": "x"}, "province": "Sơn La"}"#, at: 3)
        let needsFile = cli.write("needs.jsonl", needs.joined(separator: "\n") + "\n")
        let q = cli.write("h.qrels", ids.map { "\($0) 0 japan-grassroots 1\n" }.joined())
        let args = ["eval", "--qrels", q, "--needs", needsFile, "--rule", "builtin:popularity", "--rule", "builtin:sector-only",
                    "--measure", "recip_rank", "--measure", "success.1"]
        let result = cli.run(args)
        #expect(result.status == 0)
        #expect(result.stdout == """
            Rule                 recip_rank  success.1
            -------------------  ----------  ---------
            builtin:popularity      0.5000     0.0000 
            builtin:sector-only     1.0000*    1.0000*

            10 queries (needs judged in the qrels and ranked by every rule)
            * p < 0.05 against builtin:popularity (the first rule): paired randomization test (exact over all 1024 sign assignments)

            Averaged per funder (each funder's needs averaged, then over 1 funder; most needs: japan-grassroots 10):
            Rule                 recip_rank  success.1
            -------------------  ----------  ---------
            builtin:popularity       0.5000     0.0000
            builtin:sector-only      1.0000     1.0000

            Funder mix of the judged needs: 10 needs, 1 funder, the largest japan-grassroots 100% (10 needs)
            Funder            Needs  Share
            ----------------  -----  -----
            japan-grassroots     10   100%
            note: 1 funder (expected at least 5) and japan-grassroots holds 100% of the needs (expected at most 50%); the figures say most about the largest funders

            """)
        #expect(result.stderr.contains("partnermatch: skipped \(needsFile):4"))
        #expect(result.stderr.contains("partnermatch: skipped 1 of 11 records of \(needsFile)\n"))

        let json = cli.run(args + ["--format", "json"]).stdout
        #expect(json.contains(#"{"rule":"builtin:sector-only","measure":"recip_rank","queries":10,"mean":1,"difference":0.5,"tTestP":0,"tTestPHolm":0,"randomizationP":0.001953125,"randomizationPHolm":0.001953125,"significant":"yes","funderMacroMean":1}"#))
    }

    @Test func randomBaselineIsDeterministicForASeed() {
        let cli = CLI()
        let q = cli.write("fixture.qrels", Self.fixtureQrels)
        let args = ["eval", "--qrels", q, "--rule", "builtin:random", "--rule", "builtin:popularity", "--format", "json"]
        let first = cli.run(args + ["--seed", "7"])
        #expect(first.status == 0)
        #expect(first.stdout.contains(#""rule":"builtin:random""#))
        #expect(cli.run(args + ["--seed", "7"]).stdout == first.stdout)
        // Some seed among a few changes the random rankings, and so the measures
        let others = (8...12).map { cli.run(args + ["--seed", String($0)]).stdout }
        #expect(others.contains { $0 != first.stdout })
        // Unknown baselines and repeated rules are refused
        #expect(cli.run(["eval", "--qrels", q, "--rule", "builtin:best"]).stderr
            == "partnermatch: error: unknown built-in rule \"builtin:best\"; expected one of builtin:random, builtin:popularity, builtin:sector-only\n")
        #expect(cli.run(["eval", "--qrels", q, "--rule", "builtin:random", "--rule", "builtin:random"]).stderr
            == "partnermatch: error: --rule builtin:random is given twice\n")
    }

    /// A run written by `rank --format trec` scores the same through `eval --run`, through
    /// TrecEval on the same file, and through the in-memory comparison of `eval --rule`.
    @Test func rankTrecOutputEvaluatesLikeTrecEvalAndTheComparison() throws {
        let cli = CLI()
        var runText = ""
        for need in ["sla-road-01", "sla-health-02", "sla-tea-03"] {
            let r = cli.run(["rank", need, "--rule", Self.defaultRule, "--top", "100", "--format", "trec"])
            #expect(r.status == 0)
            runText += r.stdout
        }
        let q = cli.write("fixture.qrels", Self.fixtureQrels), r = cli.write("default.run", runText)
        let measures = ["map", "ndcg", "ndcg_cut.10", "P.10", "recall.10", "recip_rank", "success.1", "Rprec", "bpref"]
        let parsed = try EvalCLITests.means(cli.run(["eval", "--qrels", q, "--run", r, "--format", "csv"]).stdout)

        let report = try TrecEval.evaluate(qrels: try TrecQrels(parsing: Array(Self.fixtureQrels.utf8), fileName: "q"),
                                           run: try TrecRun(parsing: Array(runText.utf8), fileName: "r"),
                                           measures: try measures.map { try EvalMeasure(parsing: $0) })
        for (m, name) in measures.enumerated() {
            #expect(parsed[try EvalMeasure(parsing: name).trecName] == String(format: "%.4f", report.means[m]), "\(name)")
        }
        let comparison = cli.run(["eval", "--qrels", q, "--rule", Self.defaultRule, "--format", "csv"]).stdout
        #expect(comparison.split(separator: "\r\n").count == 1 + measures.count)
        for line in comparison.split(separator: "\r\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(parsed[try EvalMeasure(parsing: f[1]).trecName] == f[3], "\(f[1])")
        }
    }

    /// `measure -> value` of the `all` rows of `eval --format csv`.
    static func means(_ csv: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for line in csv.split(separator: "\r\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            if f[1] == "all" { out[f[0]] = f[2] }
        }
        return out
    }
}
