import Foundation

extension EvalReport {
    /// trec_eval's output: `measure<TAB>query<TAB>value` lines, the measure name as
    /// trec_eval prints it (`P_10`) padded to 22 characters, values as `%6.4f` (counts as
    /// whole numbers); measures in trec_eval's order whatever order they were asked in.
    /// With `perQuery` (`-q`), each query's measures first (queries in byte order; `num_q`
    /// and `gm_map` have no per-query line), then, unless `summary` is false (`-n`), the
    /// summaries under the query id `all`, after `runid` when `runID` is given.
    public func trecEvalText(perQuery: Bool, summary: Bool = true, runID: String? = nil) -> String {
        var out = ""
        let order = EvalMeasure.trecOrdered(measures).compactMap { m in measures.firstIndex(of: m) }
        func line(_ measure: EvalMeasure, _ query: String, _ value: Double) {
            out += EvalReport.padded(measure.trecName) + "\t\(query)\t" + EvalReport.trecValue(value, count: measure.isCount) + "\n"
        }
        if perQuery {
            for (q, id) in queryIDs.enumerated() {
                for m in order where measures[m].printsPerQuery { line(measures[m], id, values[q * measures.count + m]) }
            }
        }
        guard summary else { return out }
        if let runID { out += EvalReport.padded("runid") + "\tall\t\(runID)\n" }
        for m in order { line(measures[m], "all", means[m]) }
        return out
    }

    /// trec_eval's `%-22s`.
    static func padded(_ name: String) -> String { name + String(repeating: " ", count: max(0, 22 - name.count)) }

    /// trec_eval's `%6.4f`, or `%ld` of the value cast to an integer for counts.
    public static func trecValue(_ v: Double, count: Bool) -> String {
        if count, v.isFinite, abs(v) < 9e18 { return String(Int64(v)) }
        return String(format: "%6.4f", v)
    }

    /// The same rows as `trecEvalText` as a table (`measure`, `query`, `value`), for JSON and
    /// CSV: JSON keeps full precision, CSV shows 4 decimals.
    public func table(perQuery: Bool) -> Table {
        var t = Table(columns: [.init("measure", "Measure"), .init("query", "Query"), .init("value", "Value", alignRight: true)])
        let order = EvalMeasure.trecOrdered(measures).compactMap { m in measures.firstIndex(of: m) }
        if perQuery {
            for (q, id) in queryIDs.enumerated() {
                for m in order where measures[m].printsPerQuery {
                    let v = values[q * measures.count + m]
                    t.rows.append([.text(measures[m].trecName), .text(id), .number(v, EvalReport.trecValue(v, count: measures[m].isCount))])
                }
            }
        }
        for m in order {
            t.rows.append([.text(measures[m].trecName), .text("all"), .number(means[m], EvalReport.trecValue(means[m], count: measures[m].isCount))])
        }
        return t
    }

    /// A value with 4 decimals, as trec_eval prints it.
    public static func decimals(_ v: Double) -> String { String(format: "%.4f", v) }
}
