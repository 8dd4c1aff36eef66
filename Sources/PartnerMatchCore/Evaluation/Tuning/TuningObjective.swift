import Dispatch

/// What tuning maximises: one measure of the rankings a weighting gives on judged needs,
/// averaged over needs or over funders.
///
/// A weighting's rankings are computed from a `FeatureMatrix`: the weighted sum of the
/// feature rows per need, ranked by score (ties by partner id, as the engine ranks) and cut
/// at `top` as `eval --rule` cuts them. Each need's value is the measure as trec_eval
/// computes it (the evaluator's own per-query code), so the objective is `eval`'s figure
/// up to the rounding of the weighted sum in single precision.
public struct TuningObjective: Sendable {
    public enum Average: String, Sendable, Hashable, CaseIterable {
        /// The mean over needs.
        case needs
        /// The mean over funders of each funder's mean (`EvalFunderAverages`).
        case funders
    }

    public let measure: EvalMeasure
    public let average: Average
    public let top: Int
    let level: Int32
    let matrix: FeatureMatrix
    /// Matrix rows of the judged needs, and each one's judged partners (matrix column,
    /// trec_eval value) and counts.
    let needRows: [Int]
    let judged: [[(partner: Int, value: Int32)]]
    let relevantCounts: [Int]
    let nonRelevantCounts: [Int]
    let idealGains: [[Double]]
    /// Funder group of each judged need, and the number of groups.
    let groups: [Int]
    let groupCount: Int
    let threads: Int

    /// Judged needs (ids in both the matrix and the qrels) with their judgements; judged
    /// documents that are not catalog partners can never be ranked and only count as
    /// relevant (they lower recall and nDCG's ceiling as in `eval`).
    public init(matrix: FeatureMatrix, qrels: TrecQrels, measure: EvalMeasure, average: Average = .funders,
                relevanceLevel: Int = 1, top: Int = 100, threads: Int = 2) {
        self.matrix = matrix
        self.measure = measure
        self.average = average
        self.top = top
        self.threads = threads
        level = Int32(relevanceLevel)
        let column = Dictionary(matrix.partnerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let row = Dictionary(matrix.needIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let funders = qrels.funderOfQuery
        var rows: [Int] = [], judged: [[(Int, Int32)]] = [], relevant: [Int] = [], nonRelevant: [Int] = [], ideal: [[Double]] = []
        var groups: [Int] = [], groupIndex: [String: Int] = [:]
        for q in qrels.queryIDs.sorted() {
            guard let r = row[q] else { continue }
            let js = qrels.judgements(ofQuery: q)
            rows.append(r)
            judged.append(js.compactMap { j in column[j.document].map { ($0, Int32(j.grade >= 0 ? j.grade : -2)) } })
            relevant.append(js.filter { $0.grade >= 0 && $0.grade >= relevanceLevel }.count)
            nonRelevant.append(js.filter { $0.grade >= 0 && $0.grade < relevanceLevel }.count)
            ideal.append(js.map(\.grade).filter { $0 > 0 }.sorted(by: >).map(Double.init))
            let name = funders[q] ?? ""
            if groupIndex[name] == nil { groupIndex[name] = groupIndex.count }
            groups.append(groupIndex[name]!)
        }
        needRows = rows
        self.judged = judged
        relevantCounts = relevant
        nonRelevantCounts = nonRelevant
        idealGains = ideal
        self.groups = groups
        groupCount = groupIndex.count
    }

    /// Judged needs the objective averages over.
    public var needCount: Int { needRows.count }

    /// The objective for weights over `matrix.features` (any scale; only ratios count).
    public func value(_ weights: [Double]) -> Double {
        let perNeed = values(weights)
        switch average {
        case .needs:
            return perNeed.isEmpty ? 0 : perNeed.reduce(0, +) / Double(perNeed.count)
        case .funders:
            var sums = [Double](repeating: 0, count: groupCount), counts = [Int](repeating: 0, count: groupCount)
            for (i, v) in perNeed.enumerated() { sums[groups[i]] += v; counts[groups[i]] += 1 }
            return groupCount == 0 ? 0 : zip(sums, counts).reduce(0) { $0 + $1.0 / Double($1.1) } / Double(groupCount)
        }
    }

    /// Each judged need's value of the measure under `weights`, in `needRows` order.
    public func values(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        let w = weights.map { Float(total > 0 ? $0 / total : 0) }
        var out = [Double](repeating: 0, count: needRows.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let results = _SendableBuffer(buffer)
            CompiledCatalog.parallelChunks(needRows.count, threads: threads) { range in
                let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(matrix.partnerCount, 1))
                defer { scores.deallocate() }
                var ranking = _TrecJudgedRanking()
                for i in range { results.buffer[i] = needValue(i, w, scores, &ranking) }
            }
        }
        return out
    }

    /// One need: the weighted sum over the feature rows, then where each judged partner lands.
    func needValue(_ i: Int, _ w: [Float], _ scores: UnsafeMutablePointer<Float>, _ ranking: inout _TrecJudgedRanking) -> Double {
        let p = matrix.partnerCount
        let f = matrix.features.count
        let retrieved: Int = matrix.values.withUnsafeBufferPointer { v in
            let base = v.baseAddress! + needRows[i] * f * p
            // Excluded partners are -1 in every row; the first row tells.
            for j in 0..<p { scores[j] = base[j] < 0 ? -Float.infinity : w[0] * base[j] }
            for k in 1..<max(f, 1) {
                let row = base + k * p
                let wk = w[k]
                for j in 0..<p { scores[j] += wk * row[j] }
            }
            var n = 0
            for j in 0..<p where scores[j] > -Float.infinity { n += 1 }
            return n
        }
        ranking.reset()
        ranking.relevantCount = relevantCounts[i]
        ranking.nonRelevantCount = nonRelevantCounts[i]
        ranking.idealGains.append(contentsOf: idealGains[i])
        ranking.retrievedCount = min(retrieved, top)
        var placed: [(rank: Int, value: Int32)] = []
        for (partner, value) in judged[i] {
            let s = scores[partner]
            guard s > -Float.infinity else { continue }
            // Rank: 1 + partners before it (higher score, or equal score and lower id).
            var before = 0
            for j in 0..<p where scores[j] > s || (scores[j] == s && j < partner) { before += 1 }
            if before < top { placed.append((before + 1, value)) }
        }
        placed.sort { $0.rank < $1.rank }
        for x in placed { ranking.ranks.append(x.rank); ranking.values.append(x.value) }
        return ranking.value(of: measure, level: level)
    }
}
