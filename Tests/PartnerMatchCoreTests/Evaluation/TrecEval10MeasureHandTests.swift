import Foundation
import Testing
@testable import PartnerMatchCore

/// The measures added for trec_eval 10.0 compatibility, each on small cases worked by hand
/// from trec_eval's definitions (its m_*.c files); the arithmetic is in the comments.
@Suite struct TrecEval10MeasureHandTests {
    // q1: a=2, b=1, c=0, d=3 (never retrieved), e=-1 (in the pool, unjudged).
    // Run: c 2.0, e 1.5, b 1.0, a 1.0, z 0.5; a and b tie, trec_eval puts the larger id
    // first: c(1) e(2) b(3) a(4) z(5). z is not in the qrels.
    // R = 3 (a, b, d); retrieved 5; relevant retrieved 2 (b at 3, a at 4).
    // q2: x=1, y=1, n1=0, n2=0; run x(1) n1(2) n2(3) y(4): R = 2, both retrieved.
    // q3: z=1, judged but absent from the run.
    static let qrels = """
        q1 0 a 2
        q1 0 b 1
        q1 0 c 0
        q1 0 d 3
        q1 0 e -1
        q2 0 x 1
        q2 0 y 1
        q2 0 n1 0
        q2 0 n2 0
        q3 0 z 1
        """
    static let run = """
        q1 Q0 c 1 2.0 first
        q1 Q0 e 2 1.5 first
        q1 Q0 a 3 1.0 first
        q1 Q0 b 4 1.0 first
        q1 Q0 z 5 0.5 first
        q2 Q0 x 1 4.0 last
        q2 Q0 n1 2 3.0 last
        q2 Q0 n2 3 2.0 last
        q2 Q0 y 4 1.0 last
        """
    /// q1 and q2 only (q3 dropped from the qrels): no query is missing from the run.
    static let qrels12 = qrels.replacingOccurrences(of: "\n        q3 0 z 1", with: "").replacingOccurrences(of: "\nq3 0 z 1", with: "")

    static func evaluate(_ names: [String], qrels: String = qrels12, complete: Bool = false, level: Int = 1,
                         maxDocuments: Int? = nil, judgedOnly: Bool = false, collection: Int = 0) throws -> EvalReport {
        var measures: [EvalMeasure] = []
        for n in names { measures += try EvalMeasure.parseList(n) }
        return try TrecEval.evaluate(qrels: try EvalFixtures.qrels(qrels), run: try EvalFixtures.run(run), measures: measures,
                                    relevanceLevel: level, complete: complete, maxDocumentsPerQuery: maxDocuments,
                                    judgedOnly: judgedOnly, documentsInCollection: collection, missingQueries: .error)
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test func countsArePerQueryAndSummedInTheSummary() throws {
        let r = try Self.evaluate(["num_q", "num_ret", "num_rel", "num_rel_ret"])
        #expect(r.value("num_ret", "q1") == 5)
        #expect(r.value("num_rel", "q1") == 3)          // a, b, d (e's -1 is not relevant)
        #expect(r.value("num_rel_ret", "q1") == 2)
        #expect(r.mean(of: .numQ) == 2)
        #expect(r.mean(of: .numRet) == 9)               // 5 + 4: sums, not means
        #expect(r.mean(of: .numRel) == 5)
        #expect(r.mean(of: .numRelRet) == 4)
    }

    @Test func gmMapIsTheGeometricMeanOfAP() throws {
        let r = try Self.evaluate(["map", "gm_map"])
        // q1: (1/3 + 2/4) / 3 = 5/18; q2: (1/1 + 2/4) / 2 = 3/4.
        #expect(Self.close(r.value("map", "q1"), 5.0 / 18))
        #expect(Self.close(r.value("map", "q2"), 0.75))
        #expect(Self.close(r.value("gm_map", "q1"), log(5.0 / 18)))
        #expect(Self.close(r.mean(of: .gmMap), exp((log(5.0 / 18) + log(0.75)) / 2)))   // 0.456435
    }

    @Test func mapCutStopsAtTheCutoff() throws {
        let r = try Self.evaluate(["map_cut.1,3,4"])
        #expect(r.value("map_cut.1", "q1") == 0)
        #expect(Self.close(r.value("map_cut.3", "q1"), (1.0 / 3) / 3))           // b at 3
        #expect(Self.close(r.value("map_cut.4", "q1"), (1.0 / 3 + 2.0 / 4) / 3)) // = map
        #expect(Self.close(r.value("map_cut.1", "q2"), 1.0 / 2))
    }

    @Test func iprecAtRecallInterpolatesAndRoundsAs10Does() throws {
        let r = try Self.evaluate(["iprec_at_recall.0,0.6,0.9,1"])
        // q2: precision 1/1 at x, 2/4 at y; interpolated: 1.0 up to the first relevant, 0.5 after.
        // 0.6 x R=2 = 1.2 -> round 1 -> 1.0 (9.0 took (long)(1.2 + 0.9) = 2 -> 0.5).
        #expect(r.value("iprec_at_recall.0.60", "q2") == 1.0)
        #expect(r.value("iprec_at_recall.0.90", "q2") == 0.5)   // round(1.8) = 2
        #expect(r.value("iprec_at_recall.0.00", "q2") == 1.0)
        // q1: best precision from b (1/3) on is 2/4 (a); 1.0 x 3 = 3 > 2 retrieved -> 0.
        #expect(r.value("iprec_at_recall.0.60", "q1") == 0.5)
        #expect(r.value("iprec_at_recall.1.00", "q1") == 0)
    }

    @Test func rPrecMultTruncatesAfterAdding09() throws {
        let r = try Self.evaluate(["Rprec_mult.0.5,1,2"])
        // q1, R = 3: 0.5 -> (long)(1.5 + 0.9) = 2: nothing relevant in the first 2 -> 0;
        // 1.0 -> 3: b -> 1/3; 2.0 -> 6 > 5 retrieved -> 2 relevant retrieved / 6.
        #expect(r.value("Rprec_mult.0.50", "q1") == 0)
        #expect(Self.close(r.value("Rprec_mult.1.00", "q1"), 1.0 / 3))
        #expect(Self.close(r.value("Rprec_mult.2.00", "q1"), 2.0 / 6))
    }

    @Test func setMeasuresUseTheWholeRetrievedSet() throws {
        let r = try Self.evaluate(["set_P", "set_recall", "set_F", "set_F.0.5"])
        #expect(Self.close(r.value("set_P", "q1"), 2.0 / 5))
        #expect(Self.close(r.value("set_recall", "q1"), 2.0 / 3))
        // F1 = 2 P R / (P + R) with P = 0.4, R = 2/3.
        let p = 2.0 / 5, rc = 2.0 / 3
        #expect(Self.close(r.value("set_F", "q1"), 2 * p * rc / (p + rc)))               // 0.5
        #expect(Self.close(r.value("set_F.0.5", "q1"), 1.5 * p * rc / (0.5 * p + rc)))   // 0.461538
    }

    @Test func utilityWeighsTheContingencyTable() throws {
        // Default 1,-1,0,0: 2 relevant retrieved - 3 others = -1.
        #expect(try Self.evaluate(["utility"]).value("utility", "q1") == -1)
        // 2 x 2 - 1 x 3 - 0.5 x (3 - 2) + 0.01 x (100 + 2 - 5 - 3) = 1.44 with -N 100.
        let r = try Self.evaluate(["utility.2,-1,-0.5,0.01"], collection: 100)
        let expected: Double = 2.0 * 2 - 1.0 * 3 - 0.5 * 1 + 0.01 * 94
        let value = r.value(of: .utility(coefficients: [2, -1, -0.5, 0.01], text: "2,-1,-0.5,0.01"), query: "q1")
        #expect(Self.close(value, expected))
    }

    @Test func infAPCountsThePoolsUnjudgedDocuments() throws {
        let r = try Self.evaluate(["infAP"])
        // c (rank 1) non-relevant; e (rank 2) in the pool, unjudged; b (j = 2) and a (j = 3) relevant.
        let eps = 0.00001
        let b: Double = 1.0 / 3 + (2.0 / 3) * (2.0 / 2) * (eps / (1 + 2 * eps))
        let a: Double = 1.0 / 4 + (3.0 / 4) * (3.0 / 3) * ((1 + eps) / (2 + 2 * eps))
        #expect(Self.close(r.value("infAP", "q1"), (b + a) / 3))   // 0.319447
        // q2 has no unjudged document: x at j = 0 counts 1; y at j = 3 after 2 non-relevant.
        let y: Double = 1.0 / 4 + (3.0 / 4) * (3.0 / 3) * ((1 + eps) / (3 + 2 * eps))
        #expect(Self.close(r.value("infAP", "q2"), (1 + y) / 2))
    }

    @Test func gainTablesAndRndcg() throws {
        let r = try Self.evaluate(["ndcg.1=3", "Rndcg"])
        // ndcg.1=3: grade 1 gains 3. Ideal: d (3), b (3), a (2): 3/log2(2) + 3/log2(3) + 2/log2(4).
        // Run: b (gain 3) at rank 3, a (2) at rank 4.
        let ideal: Double = 3.0 + 3 / log2(3.0) + 2 / 2.0
        let dcg: Double = 3 / 2.0 + 2 / log2(5.0)
        #expect(Self.close(r.value(of: .ndcgGains(try TrecGainTable(parsing: "1=3", measure: "ndcg.1=3")), query: "q1"), dcg / ideal))  // 0.400719
        // Rndcg (grades as gains): nDCG taken where the ideal gain changes (3 -> 2 -> 1 -> 0)
        // and at the end of the ranking: 0/3, 0/(3 + 2/log2 3), 0.5/(... + 0.5), and the full
        // DCG over the ideal DCG of its three positions.
        let i1: Double = 3.0, i2: Double = i1 + 2 / log2(3.0), i3: Double = i2 + 1 / 2.0
        let d3: Double = 1 / 2.0, d4: Double = d3 + 2 / log2(5.0)
        let rndcg: Double = (0 / i1 + 0 / i2 + d3 / i3 + d4 / i3) / 4
        #expect(Self.close(r.value(of: .rNDCG(nil), query: "q1"), rndcg))
    }

    @Test func completeScoresAMissingQueryOnTrecEvalsStandIn() throws {
        let r = try Self.evaluate(["num_q", "num_ret", "num_rel", "map", "gm_map", "utility", "set_P"], qrels: Self.qrels, complete: true)
        #expect(r.queryIDs == ["q1", "q2", "q3"])
        #expect(r.value("num_ret", "q3") == 0)
        #expect(r.value("num_rel", "q3") == 1)      // its judgements count
        #expect(r.value("utility", "q3") == 0)      // trec_eval zeroes it
        #expect(r.mean(of: .numQ) == 3)
        // num_rel with -c: every judgement with grade > 0 in the qrels: 3 + 2 + 1.
        #expect(r.mean(of: .numRel) == 6)
        #expect(Self.close(r.mean(of: .gmMap), exp((log(5.0 / 18) + log(0.75) + log(0.00001)) / 3)))
    }

    @Test func aJudgedQueryMissingFromTheRunIsAnErrorWithoutComplete() throws {
        #expect(throws: EvalError.queryMissingFromRun("q3", count: 1)) { try Self.evaluate(["map"], qrels: Self.qrels) }
    }

    @Test func judgedOnlyAndMaxDocuments() throws {
        // -J: e (unjudged in the pool) and z are dropped: c(1) b(2) a(3): AP = (1/2 + 2/3) / 3.
        let j = try Self.evaluate(["map", "num_ret"], judgedOnly: true)
        #expect(j.value("num_ret", "q1") == 3)
        #expect(Self.close(j.value("map", "q1"), (0.5 + 2.0 / 3) / 3))
        // -M 3: c, e, b: AP = (1/3) / 3.
        let m = try Self.evaluate(["map", "num_ret", "num_rel_ret"], maxDocuments: 3)
        #expect(m.value("num_ret", "q1") == 3)
        #expect(m.value("num_rel_ret", "q1") == 1)
        #expect(Self.close(m.value("map", "q1"), 1.0 / 9))
    }

    @Test func printsTrecEvalsNamesOrderAndFormats() throws {
        let r = try Self.evaluate(["P.2", "num_q", "map", "num_ret", "gm_map", "iprec_at_recall.0.5", "set_F.0.5", "utility.2,-1,0,0", "ndcg.1=3"])
        let text = r.trecEvalText(perQuery: true, runID: try EvalFixtures.run(Self.run).lastTag)
        let lines = text.split(separator: "\n").map { String($0) }
        // Per query: no num_q or gm_map; then the summary, runid (the last line's tag) first.
        #expect(lines.prefix(7) == [
            "num_ret               \tq1\t5",
            "map                   \tq1\t0.2778",
            "iprec_at_recall_0.50  \tq1\t0.5000",
            "P_2                   \tq1\t0.0000",
            "utility_2,-1,0,0      \tq1\t1.0000",
            "ndcg_1=3              \tq1\t0.4007",
            "set_F_0.5             \tq1\t0.4615",
        ])
        #expect(lines[14...].prefix(4) == ["runid                 \tall\tlast", "num_q                 \tall\t2", "num_ret               \tall\t9", "map                   \tall\t0.5139"])
        #expect(lines.contains("gm_map                \tall\t0.4564"))
        #expect(r.trecEvalText(perQuery: false, summary: false) == "")
    }

    @Test func namesInEveryForm() throws {
        #expect(try EvalMeasure.parseList("P_10") == [.precision(10)])
        #expect(try EvalMeasure.parseList("ndcg_cut_5") == [.ndcgCut(5)])
        #expect(try EvalMeasure.parseList("iprec_at_recall_0.10") == [.iprecAtRecall(0.1)])
        #expect(try EvalMeasure.parseList("P.10,5") == [.precision(5), .precision(10)])   // sorted, as trec_eval
        #expect(try EvalMeasure.parseList("map_cut").count == 9)
        #expect(try EvalMeasure.parseList("Rprec_mult").count == 10)
        #expect(EvalMeasure.official.count == 9 + 11 + 9)
        #expect(throws: EvalError.self) { try EvalMeasure.parseList("ndcg.10") }   // not a gain table
        #expect(throws: EvalError.self) { try EvalMeasure.parseList("utility.1,2") }
        #expect(throws: EvalError.self) { try EvalMeasure.parseList("gm_map.5") }
    }
}
