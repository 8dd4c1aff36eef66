import Foundation
import Testing
@testable import PartnerMatchCore

/// Each measure on small cases worked by hand; the arithmetic is in the comments.
@Suite struct TrecMeasureHandTests {
    // q1: judged a=2, b=1, c=0, d=3 (d is never retrieved).
    // Run scores c=2.0, a=1.0, b=1.0, z=0.5. a and b tie: trec_eval puts the larger document id
    // first (strcmp descending), so the ranking is c(1) b(2) a(3) z(4); z is unjudged.
    static let qrels = """
        q1 0 a 2
        q1 0 b 1
        q1 0 c 0
        q1 0 d 3
        q2 0 x 0
        q2 0 y 0
        q3 0 z 1
        """
    // The rank column is deliberately wrong: trec_eval ignores it.
    static let run = """
        q1 Q0 a 1 1.0 t
        q1 Q0 b 1 1.0 t
        q1 Q0 c 9 2.0 t
        q1 Q0 z 4 0.5 t
        q2 Q0 x 1 1 t
        q2 Q0 y 2 0.5 t
        q9 Q0 x 1 1 t
        """
    static let all = ["map", "ndcg", "ndcg_cut.2", "ndcg_cut.10", "P.2", "P.10", "recall.2", "recall.10",
                      "recip_rank", "success.1", "success.2", "Rprec", "bpref"]

    @Test func tiesGradesAndShortRunAtLevel1() throws {
        let report = try EvalFixtures.evaluate(qrels: Self.qrels, run: Self.run, measures: Self.all)
        let l3 = log2(3.0)
        // Relevant (grade >= 1): a, b, d; R = 3. b at rank 2, a at rank 3.
        // AP = (1/2 + 2/3) / 3 = 7/18.
        #expect(abs(report.value("map", "q1")! - 7.0 / 18) < 1e-12)
        // DCG = 1/log2(3) (b, rank 2) + 2/log2(4) (a, rank 3) = 0.6309 + 1.
        // Ideal: grades 3, 2, 1 -> 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.2619 + 0.5.
        let dcg = 1 / l3 + 2 / 2.0
        let ideal = 3 + 2 / l3 + 0.5
        #expect(abs(report.value("ndcg", "q1")! - dcg / ideal) < 1e-12)  // 0.342499
        // Cut at 2: DCG@2 = 1/log2(3); ideal@2 = 3 + 2/log2(3).
        #expect(abs(report.value("ndcg_cut.2", "q1")! - (1 / l3) / (3 + 2 / l3)) < 1e-12)  // 0.148041
        // Only 4 retrieved: nDCG@10 uses the whole ranking and the whole ideal.
        #expect(abs(report.value("ndcg_cut.10", "q1")! - dcg / ideal) < 1e-12)
        // P@2 = 1/2; P@10 = 2/10 although only 4 were retrieved.
        #expect(report.value("P.2", "q1") == 0.5)
        #expect(report.value("P.10", "q1") == 0.2)
        // recall@2 = 1/3, recall@10 = 2/3.
        #expect(abs(report.value("recall.2", "q1")! - 1.0 / 3) < 1e-12)
        #expect(abs(report.value("recall.10", "q1")! - 2.0 / 3) < 1e-12)
        // First relevant at rank 2.
        #expect(report.value("recip_rank", "q1") == 0.5)
        #expect(report.value("success.1", "q1") == 0)
        #expect(report.value("success.2", "q1") == 1)
        // R = 3: the first 3 ranks c, b, a hold 2 relevant -> 2/3.
        #expect(abs(report.value("Rprec", "q1")! - 2.0 / 3) < 1e-12)
        // bpref: N = 1 judged non-relevant (c), ranked first. b: 1 - min(1,3)/min(1,3) = 0;
        // a: 0; d not retrieved: 0. bpref = 0/3 = 0.
        #expect(report.value("bpref", "q1") == 0)
    }

    @Test func queryWithoutRelevantDocumentsScoresZeroAndCounts() throws {
        let report = try EvalFixtures.evaluate(qrels: Self.qrels, run: Self.run, measures: Self.all)
        // q2 has judgements (all 0) and a ranking, so trec_eval evaluates it: every measure 0.
        for measure in Self.all { #expect(report.value(measure, "q2") == 0, "\(measure)") }
        // Evaluated: q1 and q2 (q3 has no ranking; q9 has no judgements).
        #expect(report.queryIDs == ["q1", "q2"])
        // Mean AP = (7/18 + 0) / 2.
        #expect(abs(report.mean("map")! - 7.0 / 36) < 1e-12)
    }

    @Test func completeAveragesOverEveryJudgedQuery() throws {
        let report = try EvalFixtures.evaluate(qrels: Self.qrels, run: Self.run, measures: Self.all, complete: true)
        // -c: q1, q2 and q3 (missing from the run, scored 0); q9 still ignored.
        #expect(report.queryIDs == ["q1", "q2", "q3"])
        #expect(report.isMissingFromRun == [false, false, true])
        for measure in Self.all { #expect(report.value(measure, "q3") == 0, "\(measure)") }
        // Mean AP = 7/18 / 3; mean P@10 = 0.2 / 3.
        #expect(abs(report.mean("map")! - 7.0 / 54) < 1e-12)
        #expect(abs(report.mean("P.10")! - 0.2 / 3) < 1e-12)
    }

    @Test func relevanceLevelTwo() throws {
        let report = try EvalFixtures.evaluate(qrels: Self.qrels, run: Self.run, measures: Self.all, level: 2)
        // Relevant (grade >= 2): a, d; R = 2. Non-relevant for bpref: b (1) and c (0); N = 2.
        // AP: a at rank 3 -> (1/3) / 2 = 1/6.
        #expect(abs(report.value("map", "q1")! - 1.0 / 6) < 1e-12)
        #expect(report.value("P.10", "q1") == 0.1)
        #expect(abs(report.value("recip_rank", "q1")! - 1.0 / 3) < 1e-12)
        // R = 2: ranks 1-2 are c, b, neither relevant.
        #expect(report.value("Rprec", "q1") == 0)
        // bpref: c, b non-relevant before a: 1 - min(2,2)/min(2,2) = 0.
        #expect(report.value("bpref", "q1") == 0)
        #expect(report.value("recall.10", "q1") == 0.5)
        // nDCG ignores the level: gains are the grades.
        let l3 = log2(3.0)
        #expect(abs(report.value("ndcg", "q1")! - (1 / l3 + 1) / (3 + 2 / l3 + 0.5)) < 1e-12)
    }

    @Test func negativeGradeIsNeitherRelevantNorNonRelevant() throws {
        // a has grade -1: in the pool but unjudged. Ranking a(1) b(2).
        let report = try EvalFixtures.evaluate(
            qrels: "q 0 a -1\nq 0 b 1\nq 0 c 0\n", run: "q Q0 a 1 3 t\nq Q0 b 2 2 t\nq Q0 c 3 1 t\n",
            measures: ["map", "bpref", "P.1", "ndcg", "recip_rank"])
        // AP = (1/2) / 1.
        #expect(report.value("map", "q") == 0.5)
        // bpref skips a; b comes before any judged non-relevant document: 1/1.
        #expect(report.value("bpref", "q") == 1)
        #expect(report.value("P.1", "q") == 0)
        // DCG = 1/log2(3); ideal = 1/log2(2) = 1.
        #expect(abs(report.value("ndcg", "q")! - 1 / log2(3.0)) < 1e-12)
        #expect(report.value("recip_rank", "q") == 0.5)
    }

    @Test func bprefCountsNonRelevantAboveEachRelevant() throws {
        // R = 2 (a, b), N = 3 (n1, n2, n3). Ranking: n1 a n2 n3 b.
        // a: 1 - min(1,2)/min(3,2) = 1/2; b: 1 - min(3,2)/2 = 0. bpref = (1/2 + 0)/2 = 1/4.
        let report = try EvalFixtures.evaluate(
            qrels: "q 0 a 1\nq 0 b 2\nq 0 n1 0\nq 0 n2 0\nq 0 n3 0\n",
            run: "q Q0 n1 1 5 t\nq Q0 a 2 4 t\nq Q0 n2 3 3 t\nq Q0 n3 4 2 t\nq Q0 b 5 1 t\n",
            measures: ["bpref", "map", "Rprec"])
        #expect(report.value("bpref", "q") == 0.25)
        // AP = (1/2 + 2/5) / 2 = 0.45. Rprec: ranks 1-2 hold a -> 1/2.
        #expect(abs(report.value("map", "q")! - 0.45) < 1e-12)
        #expect(report.value("Rprec", "q") == 0.5)
    }

    @Test func tiesBreakByDocumentIdDescendingAsStrcmp() throws {
        // All three tie. strcmp order descending: "d9" > "d10" > "d1" (a prefix sorts first).
        let run = "q Q0 d1 1 1.0 t\nq Q0 d10 2 1.0 t\nq Q0 d9 3 1.00 t\n"
        let first = try EvalFixtures.evaluate(qrels: "q 0 d1 1\n", run: run, measures: ["recip_rank"])
        #expect(abs(first.value("recip_rank", "q")! - 1.0 / 3) < 1e-12)
        let second = try EvalFixtures.evaluate(qrels: "q 0 d10 1\n", run: run, measures: ["recip_rank"])
        #expect(second.value("recip_rank", "q") == 0.5)
        let third = try EvalFixtures.evaluate(qrels: "q 0 d9 1\n", run: run, measures: ["recip_rank"])
        #expect(third.value("recip_rank", "q") == 1)
    }

    @Test func gradesAboveOneAreGainsInNDCG() throws {
        // Ranking b(1, grade 1) a(2, grade 3). DCG@2 = 1 + 3/log2(3); ideal = 3 + 1/log2(3).
        let report = try EvalFixtures.evaluate(
            qrels: "q 0 a 3\nq 0 b 1\n", run: "q Q0 a 1 1 t\nq Q0 b 2 2 t\n", measures: ["ndcg_cut.2", "ndcg_cut.1", "map"])
        let l3 = log2(3.0)
        #expect(abs(report.value("ndcg_cut.2", "q")! - (1 + 3 / l3) / (3 + 1 / l3)) < 1e-12)
        // Cut at 1: 1 / 3.
        #expect(abs(report.value("ndcg_cut.1", "q")! - 1.0 / 3) < 1e-12)
        // Binary measures count grade 3 as just relevant: AP = (1 + 1) / 2.
        #expect(report.value("map", "q") == 1)
    }

    @Test func maxDocumentsPerQueryTruncatesLikeM() throws {
        let report = try EvalFixtures.evaluate(qrels: Self.qrels, run: Self.run, measures: Self.all, maxDocuments: 2)
        // Ranking cut to c(1) b(2). AP = (1/2)/3; P@10 = 1/10; Rprec: min(2, 3) = 2 ranks -> 1/3.
        #expect(abs(report.value("map", "q1")! - 1.0 / 6) < 1e-12)
        #expect(report.value("P.10", "q1") == 0.1)
        #expect(abs(report.value("Rprec", "q1")! - 1.0 / 3) < 1e-12)
    }

    @Test func noQueryInCommonIsAnError() throws {
        #expect(throws: EvalError.noQueriesInCommon) {
            try EvalFixtures.evaluate(qrels: "q1 0 a 1\n", run: "q2 Q0 a 1 1 t\n", measures: ["map"])
        }
        #expect(throws: EvalError.invalidRelevanceLevel(-1)) {
            try EvalFixtures.evaluate(qrels: "q1 0 a 1\n", run: "q1 Q0 a 1 1 t\n", measures: ["map"], level: -1)
        }
    }

    @Test func runsBuiltInMemoryMatchParsedRuns() throws {
        let run = try TrecRun(entries: [("q1", "a", 1.0), ("q1", "b", 1.0), ("q1", "c", 2.0), ("q1", "z", 0.5)])
        let report = try TrecEval.evaluate(qrels: EvalFixtures.qrels(Self.qrels), run: run, measures: [.map])
        #expect(abs(report.value(of: .map, query: "q1")! - 7.0 / 18) < 1e-12)
    }
}
