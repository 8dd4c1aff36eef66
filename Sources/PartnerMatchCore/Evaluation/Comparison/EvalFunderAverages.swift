/// Means per funder and their mean (a macro average): one funder can dominate a set of
/// past projects (KOICA is most of the shared evidence), so that a rule answering "KOICA"
/// every time looks good on the plain mean over needs but not here, where every funder
/// weighs the same.
///
/// A query's funder is its top-graded relevant documents (grade 2 in truth built from
/// evidence), joined by `+` when several share the top grade.
public struct EvalFunderAverages: Sendable {
    public struct Funder: Sendable, Hashable {
        public var name: String
        public var queries: Int
        /// The mean of each measure over this funder's queries, in the report's order.
        public var means: [Double]
    }

    /// Funders by number of queries (most first), then name.
    public var funders: [Funder]
    /// The mean over funders of each measure.
    public var macro: [Double]

    public init(report: EvalReport, funderOfQuery: [String: String]) {
        let m = report.measures.count
        var sums: [String: (count: Int, sums: [Double])] = [:]
        for (q, id) in report.queryIDs.enumerated() {
            let name = funderOfQuery[id] ?? "(no relevant partner)"
            var entry = sums[name] ?? (0, [Double](repeating: 0, count: m))
            entry.count += 1
            for j in 0..<m { entry.sums[j] += report.values[q * m + j] }
            sums[name] = entry
        }
        let list = sums.map { name, entry in Funder(name: name, queries: entry.count, means: entry.sums.map { $0 / Double(entry.count) }) }
            .sorted { $0.queries != $1.queries ? $0.queries > $1.queries : $0.name < $1.name }
        funders = list
        macro = (0..<m).map { j in list.isEmpty ? 0 : list.reduce(0) { $0 + $1.means[j] } / Double(list.count) }
    }
}

extension EvalFunderAverages {
    /// One row per funder with its queries and means, then a `macro` row: the mean over
    /// funders.
    public func table(measures: [EvalMeasure]) -> Table {
        var t = Table(columns: [.init("funder", "Funder"), .init("queries", "Queries", alignRight: true)]
                      + measures.map { .init($0.name, $0.name, alignRight: true) })
        for f in funders {
            t.rows.append([.text(f.name), .number(Double(f.queries), String(f.queries))] + f.means.map { .number($0, EvalReport.decimals($0)) })
        }
        t.rows.append([.text("macro (\(funders.count) funders)"), .null] + macro.map { .number($0, EvalReport.decimals($0)) })
        return t
    }

    /// The funder of one query's judgements: the documents with the highest grade above
    /// 0, ids ascending, joined by `+`; nil when none is relevant.
    public static func funder<S: Sequence>(of judgements: S) -> String? where S.Element == (document: String, grade: Int) {
        var top = 0
        var names: [String] = []
        for j in judgements where j.grade > 0 {
            if j.grade > top { top = j.grade; names = [] }
            if j.grade == top { names.append(j.document) }
        }
        return names.isEmpty ? nil : names.sorted().joined(separator: "+")
    }
}

extension TrecQrels {
    /// Each query's funder (`EvalFunderAverages.funder(of:)`); queries with no relevant
    /// document are left out.
    public var funderOfQuery: [String: String] {
        var out: [String: String] = [:]
        for (q, id) in table.queryIDs.enumerated() {
            out[id] = EvalFunderAverages.funder(of: table.entries(ofQuery: q).lazy.map { (document: table.name(ofEntry: $0), grade: Int(grades[$0])) })
        }
        return out
    }
}
