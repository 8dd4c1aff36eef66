/// Measures of one run against one set of judgements: a value per query and measure, and
/// the mean of each measure.
public struct EvalReport: Sendable {
    public var measures: [EvalMeasure]
    /// The evaluated queries, in byte order of their ids (trec_eval's order).
    public var queryIDs: [String]
    /// For each query, true if the run has no ranking for it and it was scored 0
    /// (only with `complete`).
    public var isMissingFromRun: [Bool]
    /// `values[q * measures.count + m]`: measure `m` on query `q`.
    var values: [Double]
    /// Mean of each measure over `queryIDs`.
    public var means: [Double]
    public var relevanceLevel: Int
    public var complete: Bool

    /// Queries that counted in the means.
    public var queryCount: Int { queryIDs.count }

    public func mean(of measure: EvalMeasure) -> Double? {
        measures.firstIndex(of: measure).map { means[$0] }
    }

    /// One measure's value for each query of `queryIDs`, in that order.
    public func perQuery(_ measure: EvalMeasure) -> [Double]? {
        guard let m = measures.firstIndex(of: measure) else { return nil }
        return (0..<queryIDs.count).map { values[$0 * measures.count + m] }
    }

    public func value(of measure: EvalMeasure, query: String) -> Double? {
        guard let m = measures.firstIndex(of: measure),
              let q = queryIDs.firstIndex(of: query) else { return nil }
        return values[q * measures.count + m]
    }

    /// The values of `measure` in two reports over the queries both evaluated, aligned for a
    /// paired test.
    public static func paired(_ a: EvalReport, _ b: EvalReport, measure: EvalMeasure)
        -> (queryIDs: [String], a: [Double], b: [Double])
    {
        guard let ma = a.measures.firstIndex(of: measure),
              let mb = b.measures.firstIndex(of: measure) else { return ([], [], []) }
        var indexInB: [String: Int] = [:]
        for (q, id) in b.queryIDs.enumerated() { indexInB[id] = q }
        var ids: [String] = []
        var xs: [Double] = []
        var ys: [Double] = []
        for (q, id) in a.queryIDs.enumerated() {
            guard let qb = indexInB[id] else { continue }
            ids.append(id)
            xs.append(a.values[q * a.measures.count + ma])
            ys.append(b.values[qb * b.measures.count + mb])
        }
        return (ids, xs, ys)
    }
}
