import Foundation

extension EvalReport {
    /// trec_eval's output: `measure<TAB>query<TAB>value` lines, the measure name padded to
    /// 22 characters and values with 4 decimals; with `perQuery`, each query's measures
    /// first (queries in byte order), then the means under the query id `all`.
    public func trecEvalText(perQuery: Bool) -> String {
        var out = ""
        func line(_ measure: EvalMeasure, _ query: String, _ value: Double) {
            let name = measure.name
            out += name + String(repeating: " ", count: max(0, 22 - name.count)) + "\t\(query)\t"
                + EvalReport.decimals(value) + "\n"
        }
        if perQuery {
            for (q, id) in queryIDs.enumerated() {
                for (m, measure) in measures.enumerated() { line(measure, id, values[q * measures.count + m]) }
            }
        }
        for (m, measure) in measures.enumerated() { line(measure, "all", means[m]) }
        return out
    }

    /// The same rows as `trecEvalText` as a table (`measure`, `query`, `value`), for JSON and
    /// CSV: JSON keeps full precision, CSV shows 4 decimals.
    public func table(perQuery: Bool) -> Table {
        var t = Table(columns: [.init("measure", "Measure"), .init("query", "Query"), .init("value", "Value", alignRight: true)])
        if perQuery {
            for (q, id) in queryIDs.enumerated() {
                for (m, measure) in measures.enumerated() {
                    let v = values[q * measures.count + m]
                    t.rows.append([.text(measure.name), .text(id), .number(v, EvalReport.decimals(v))])
                }
            }
        }
        for (m, measure) in measures.enumerated() {
            t.rows.append([.text(measure.name), .text("all"), .number(means[m], EvalReport.decimals(means[m]))])
        }
        return t
    }

    /// A value with 4 decimals, as trec_eval prints it.
    public static func decimals(_ v: Double) -> String { String(format: "%.4f", v) }
}
