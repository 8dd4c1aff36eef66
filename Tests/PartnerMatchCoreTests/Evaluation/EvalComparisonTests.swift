import Foundation
import Testing
@testable import PartnerMatchCore

/// Rule comparison: rankings as runs, the built-in baselines, and the tests between runs.
@Suite struct EvalComparisonTests {
    static func partner(_ id: String) -> Partner {
        Partner(id: id, name: LocalizedText(en: id), kind: .bilateralAgency, origin: "JP", instruments: [], sectorPriorities: [], sources: [])
    }

    @Test func runFromRankingsMatchesTheWrittenRunFile() throws {
        // Given a ranking with tied scores (engine order: ties by partner id ascending)
        let ranking = Ranking(needID: "n1", ruleName: "r", ruleVersion: "1", catalogHash: "", partnerCount: 4, excludedCount: 0,
                              entries: [RankedPartner(rank: 1, partnerID: "a", score: 50.1234567),
                                        RankedPartner(rank: 2, partnerID: "b", score: 40),
                                        RankedPartner(rank: 3, partnerID: "c", score: 40),
                                        RankedPartner(rank: 4, partnerID: "d", score: 40)])
        // When it becomes a run in memory and through the written lines
        let memory = try TrecRun(rankings: [ranking], tag: "r")
        let file = try TrecRun(parsing: Array(TrecRunWriter.lines(ranking, tag: "r").utf8), fileName: "r.run")
        // Then both hold the same scores, strictly decreasing in the engine's order
        let m = memory.documents(ofQuery: "n1"), f = file.documents(ofQuery: "n1")
        #expect(m.map(\.document) == ["a", "b", "c", "d"])
        #expect(m.map(\.document) == f.map(\.document))
        #expect(m.map(\.score) == f.map(\.score))
        #expect(zip(m, m.dropFirst()).allSatisfy { $0.score > $1.score })
        // And trec_eval's order (score, ties by id descending) is the engine's
        let qrels = try TrecQrels(judgements: [("n1", "d", 1)])
        let report = try TrecEval.evaluate(qrels: qrels, run: memory, measures: [.recipRank])
        #expect(report.mean(of: .recipRank) == 0.25)
    }

    @Test func builtinRulesUseOneFeatureAndNoFilter() throws {
        for (name, feature) in [("builtin:popularity", Feature.presence), ("builtin:sector-only", .sectorFit)] {
            guard case .rule(let rule)? = EvalRanker(builtin: name, seed: 1) else { Issue.record("\(name)"); continue }
            try rule.validate(allowReserved: true)
            #expect(rule.name == name)
            #expect(rule.filters == .none)
            #expect(rule.features.used == [feature])
        }
        guard case .random(let seed)? = EvalRanker(builtin: "builtin:random", seed: 9) else { Issue.record("random"); return }
        #expect(seed == 9)
        #expect(EvalRanker(builtin: "builtin:other", seed: 1) == nil)
        // The reserved namespace is refused in rule files
        if case .rule(let rule)? = EvalRanker(builtin: "builtin:popularity", seed: 1) {
            #expect(throws: RuleError.self) { try rule.validate() }
        }
    }

    @Test func randomBaselineIsDeterministicAndRanksEveryPartner() {
        let partners = (0..<20).map { Self.partner(String(format: "p%02d", $0)) }
        let a = EvalRanker.randomRankings(["n1", "n2"], partners: partners, top: 100, seed: 42)
        // Same seed: same rankings, whatever the order of partners and needs
        let b = EvalRanker.randomRankings(["n2", "n1"], partners: partners.reversed(), top: 100, seed: 42)
        #expect(a[0].entries == b[1].entries)
        #expect(a[1].entries == b[0].entries)
        // Every partner once, no filter, scores in [0, 100) and decreasing
        #expect(Set(a[0].entries.map(\.partnerID)).count == 20)
        #expect(a[0].excludedCount == 0)
        #expect(a[0].entries.allSatisfy { $0.score >= 0 && $0.score < 100 })
        #expect(zip(a[0].entries, a[0].entries.dropFirst()).allSatisfy { $0.score >= $1.score })
        // Needs and seeds give different orders
        #expect(a[0].entries.map(\.partnerID) != a[1].entries.map(\.partnerID))
        let other = EvalRanker.randomRankings(["n1"], partners: partners, top: 100, seed: 43)
        #expect(other[0].entries.map(\.partnerID) != a[0].entries.map(\.partnerID))
        #expect(EvalRanker.randomRankings(["n1"], partners: partners, top: 5, seed: 42)[0].entries == Array(a[0].entries.prefix(5)))
    }

    /// Ten queries; run "better" finds the relevant document at rank 1, "base" at rank 2,
    /// "same" like base: better differs on every query (exact randomization p = 2/1024).
    @Test func marksSignificantDifferencesAfterHolm() throws {
        let queries = (0..<10).map { "q\($0)" }
        let qrels = try TrecQrels(judgements: queries.map { ($0, "rel", 1) })
        func run(relevantFirst: Bool) throws -> TrecRun {
            try TrecRun(entries: queries.flatMap { q in
                [(q, "rel", relevantFirst ? 2.0 : 1.0), (q, "other", 1.5)]
            })
        }
        let comparison = try EvalComparison(
            qrels: qrels, runs: [("base", try run(relevantFirst: false)), ("better", try run(relevantFirst: true)),
                                 ("same", try run(relevantFirst: false))],
            measures: [.recipRank, .recall(10)])
        let better = try #require(comparison.test(.recipRank, run: 1))
        #expect(better.meanDifference == 0.5)
        #expect(better.randomizationP == 2.0 / 1024)
        // Holm over two comparisons: the smallest p doubled, the other at least as large
        #expect(better.randomizationPHolm == 4.0 / 1024)
        #expect(better.tTestP == 0)
        #expect(better.isSignificant)
        let same = try #require(comparison.test(.recipRank, run: 2))
        #expect(same.randomizationP == 1)
        #expect(same.randomizationPHolm == 1)
        #expect(!same.isSignificant)
        // recall.10 is 1 everywhere: no difference
        #expect(comparison.test(.recall(10), run: 1)?.isSignificant == false)
        #expect(comparison.test(.recall(10), run: 1)?.tTestP == 1)
        let text = comparison.text()
        #expect(text.contains("base       0.5000      1.0000\n"))
        #expect(text.contains("better     1.0000*     1.0000\n"))
        #expect(text.contains("same       0.5000      1.0000\n\n10 queries"))
        #expect(text.contains("Holm-corrected over 2 comparisons per measure"))
        #expect(text.contains("exact over all 1024 sign assignments"))
    }

    @Test func oneQueryGivesNoPValue() throws {
        let qrels = try TrecQrels(judgements: [("q", "d", 1)])
        let a = try TrecRun(entries: [("q", "d", 1)]), b = try TrecRun(entries: [("q", "x", 2), ("q", "d", 1)])
        let comparison = try EvalComparison(qrels: qrels, runs: [("a", a), ("b", b)], measures: [.map])
        let test = try #require(comparison.test(.map, run: 1))
        #expect(test.tTestP == nil && test.randomizationP == nil && test.randomizationPHolm == nil)
        #expect(!test.isSignificant)
        #expect(test.meanDifference == -0.5)
    }

    @Test func restrictedQrelsKeepOnlyTheGivenQueries() throws {
        let qrels = try TrecQrels(judgements: [("q1", "a", 1), ("q2", "b", 2), ("q1", "c", 0)])
        let kept = qrels.restricted(to: ["q1", "q3"])
        #expect(kept.queryIDs == ["q1"])
        #expect(kept.judgements(ofQuery: "q1").map(\.document) == ["a", "c"])
        #expect(kept.judgements(ofQuery: "q1").map(\.grade) == [1, 0])
    }

    @Test func trecEvalTextPadsLikeTrecEval() throws {
        let qrels = try TrecQrels(judgements: [("q1", "a", 1)])
        let report = try TrecEval.evaluate(qrels: qrels, run: try TrecRun(entries: [("q1", "b", 2), ("q1", "a", 1)]),
                                           measures: [.map, .precision(5)])
        #expect(report.trecEvalText(perQuery: true) == """
            map                   \tq1\t0.5000
            P_5                   \tq1\t0.2000
            map                   \tall\t0.5000
            P_5                   \tall\t0.2000

            """)
        #expect(try report.table(perQuery: false).render(.csv) == "measure,query,value\r\nmap,all,0.5000\r\nP_5,all,0.2000\r\n")
    }
}
