import Foundation
import Testing
@testable import PartnerMatchCore

/// Agreement with trec_eval's own code: reference values computed once with
/// pytrec_eval-terrier by Fixtures/make_reference.py and committed.
@Suite struct TrecReferenceTests {
    struct Expected {
        var perQuery: [String: [String: Double]] = [:]  // query -> measure -> value
        var mean: [String: Double] = [:]
        var completeMean: [String: Double] = [:]
    }

    /// Reads reference-measures.tsv: run, level, query ('all', 'all-c'), measure, value.
    static func expected(run: String, level: Int) throws -> Expected {
        let text = String(decoding: try EvalFixtures.bytes("reference-measures.tsv"), as: UTF8.self)
        var expected = Expected()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            guard f[0] == run, Int(f[1]) == level, let value = Double(f[4]) else { continue }
            switch f[2] {
            case "all": expected.mean[f[3]] = value
            case "all-c": expected.completeMean[f[3]] = value
            default: expected.perQuery[f[2], default: [:]][f[3]] = value
            }
        }
        return expected
    }

    static let measures = try! ["map", "ndcg", "ndcg_cut.5,10,20", "P.5,10,20", "recall.5,10,100",
                                "recip_rank", "success.1,5,10", "Rprec", "bpref"]
        .flatMap { try EvalMeasure.parseList($0) }

    @Test(arguments: ["reference-a.run", "reference-b.run"], [1, 2])
    func everyMeasureAndQueryAgreesToFourDecimals(runFile: String, level: Int) throws {
        let qrels = try TrecQrels(parsing: EvalFixtures.bytes("reference.qrels"), fileName: "reference.qrels")
        let run = try TrecRun(parsing: EvalFixtures.bytes(runFile), fileName: runFile)
        let expected = try Self.expected(run: runFile, level: level)
        #expect(expected.perQuery.count > 40)

        let report = try TrecEval.evaluate(qrels: qrels, run: run, measures: Self.measures, relevanceLevel: level)
        #expect(Set(report.queryIDs) == Set(expected.perQuery.keys))
        for measure in Self.measures {
            let values = report.perQuery(measure)!
            for (q, query) in report.queryIDs.enumerated() {
                let reference = try #require(expected.perQuery[query]?[measure.name], "\(query) \(measure)")
                #expect(abs(values[q] - reference) < 0.5e-4, "\(runFile) -l\(level) \(query) \(measure): \(values[q]) vs \(reference)")
            }
            let mean = try #require(expected.mean[measure.name])
            #expect(abs(report.mean(of: measure)! - mean) < 0.5e-4, "mean \(measure)")
        }

        let complete = try TrecEval.evaluate(qrels: qrels, run: run, measures: Self.measures,
                                             relevanceLevel: level, complete: true)
        #expect(complete.queryCount == qrels.queryIDs.count)
        for measure in Self.measures {
            let mean = try #require(expected.completeMean[measure.name])
            #expect(abs(complete.mean(of: measure)! - mean) < 0.5e-4, "-c mean \(measure)")
        }
    }
}
