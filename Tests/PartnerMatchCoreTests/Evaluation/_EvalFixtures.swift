import Foundation
@testable import PartnerMatchCore

/// Shared inputs for the evaluation tests: inline files and the committed reference fixtures.
enum EvalFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func qrels(_ text: String, file: String = "qrels.txt") throws -> TrecQrels {
        try TrecQrels(parsing: Array(text.utf8), fileName: file)
    }

    static func run(_ text: String, file: String = "run.txt") throws -> TrecRun {
        try TrecRun(parsing: Array(text.utf8), fileName: file)
    }

    /// Evaluates inline files and returns the report.
    static func evaluate(qrels: String, run: String, measures: [String], level: Int = 1,
                         complete: Bool = false, maxDocuments: Int? = nil) throws -> EvalReport {
        try TrecEval.evaluate(
            qrels: Self.qrels(qrels), run: Self.run(run),
            measures: measures.map { try EvalMeasure(parsing: $0) },
            relevanceLevel: level, complete: complete, maxDocumentsPerQuery: maxDocuments)
    }
}

extension EvalReport {
    /// Shorthand for tests: a measure by name on one query.
    func value(_ measure: String, _ query: String) -> Double? {
        (try? EvalMeasure(parsing: measure)).flatMap { value(of: $0, query: query) }
    }

    func mean(_ measure: String) -> Double? {
        (try? EvalMeasure(parsing: measure)).flatMap { mean(of: $0) }
    }
}
