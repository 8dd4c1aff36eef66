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
    /// Matrix rows of the judged needs; each one's judged partners (matrix column,
    /// trec_eval value) at `judgedStart[i] ..< judgedStart[i + 1]`; its counts and gains.
    let needRows: [Int]
    let judgedStart: [Int]
    let judgedPartner: [Int32]
    let judgedValue: [Int32]
    /// Each judged need's counts and ideal gains (`_TrecJudgedRanking.judge`), ranks empty.
    let judged: [_TrecJudgedRanking]
    /// Funder group of each judged need, and the number of groups.
    let groups: [Int]
    let groupCount: Int
    let threads: Int

    /// Judged needs (ids in both the matrix and the qrels) with their judgements; judged
    /// documents that are not catalog partners can never be ranked and only count as
    /// relevant (they lower recall and nDCG's ceiling as in `eval`).
    public init(matrix: FeatureMatrix, qrels: TrecQrels, measure: EvalMeasure, average: Average = .funders,
                relevanceLevel: Int = 1, top: Int = 100, threads: Int) {
        self.matrix = matrix
        self.measure = measure
        self.average = average
        self.top = top
        self.threads = threads
        level = Int32(relevanceLevel)
        let column = Dictionary(matrix.partnerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let row = Dictionary(matrix.needIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Int] = [], starts: [Int] = [0], partners: [Int32] = [], values: [Int32] = []
        var judged: [_TrecJudgedRanking] = []
        var groups: [Int] = [], groupIndex: [String: Int] = [:]
        let table = qrels.table
        for q in table.queryIDs.indices.sorted(by: { table.queryIDs[$0] < table.queryIDs[$1] }) {
            guard let r = row[table.queryIDs[q]] else { continue }
            let js = table.entries(ofQuery: q).map { (document: table.name(ofEntry: $0), grade: Int(qrels.grades[$0])) }
            rows.append(r)
            for j in js { if let c = column[j.document] { partners.append(Int32(c)); values.append(Int32(j.grade >= 0 ? j.grade : -2)) } }
            starts.append(partners.count)
            var ranking = _TrecJudgedRanking()
            ranking.judge(js.lazy.map { Int32($0.grade) }, level: Int32(relevanceLevel))
            judged.append(ranking)
            let name = EvalFunderAverages.funder(of: js) ?? ""
            if groupIndex[name] == nil { groupIndex[name] = groupIndex.count }
            groups.append(groupIndex[name]!)
        }
        needRows = rows
        judgedStart = starts
        judgedPartner = partners
        judgedValue = values
        self.judged = judged
        self.groups = groups
        groupCount = groupIndex.count
    }

    /// Bytes the objective's feature matrix holds.
    var matrixBytes: Int { matrix.values.count * MemoryLayout<Float>.size }

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
        precondition(weights.count == matrix.features.count, "one weight per feature of the matrix")
        let total = weights.reduce(0, +)
        // No feature weighed (or no feature at all): every partner scores 0, nothing ranks.
        guard total > 0, !matrix.features.isEmpty else { return [Double](repeating: 0, count: needRows.count) }
        let w = weights.map { Float($0 / total) }
        var out = [Double](repeating: 0, count: needRows.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let results = _SendableBuffer(buffer)
            CompiledCatalog.parallelChunks(needRows.count, threads: threads) { range in
                let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(matrix.partnerCount, 1))
                defer { scores.deallocate() }
                var ranking = _TrecJudgedRanking()
                w.withUnsafeBufferPointer { w in
                    matrix.values.withUnsafeBufferPointer { v in
                        for i in range { results.buffer[i] = needValue(i, w, v.baseAddress!, scores, &ranking) }
                    }
                }
            }
        }
        return out
    }

    /// One need: the weighted sum over the feature rows, then where each judged partner
    /// lands. Branch-free loops over unchecked pointers, so that they vectorise.
    ///
    /// Feature values are in [0, 100] and an excluded partner is -1 in every row, so with
    /// weights summing to 1 an excluded partner's sum is -1 and every other's at least 0:
    /// the sign tells them apart without a test per feature.
    func needValue(_ i: Int, _ w: UnsafeBufferPointer<Float>, _ values: UnsafePointer<Float>, _ scores: UnsafeMutablePointer<Float>, _ ranking: inout _TrecJudgedRanking) -> Double {
        let p = matrix.partnerCount
        let f = matrix.features.count
        let base = values + needRows[i] * f * p
        let w0 = w[0]
        for j in 0..<p { scores[j] = w0 * base[j] }
        for k in 1..<max(f, 1) {
            let row = base + k * p
            let wk = w[k]
            for j in 0..<p { scores[j] += wk * row[j] }
        }
        let retrieved = p - TuningObjective.count(scores, p) { $0 .< 0 }
        ranking.reset()
        ranking.relevantCount = judged[i].relevantCount
        ranking.nonRelevantCount = judged[i].nonRelevantCount
        ranking.idealGains.append(contentsOf: judged[i].idealGains)
        ranking.retrievedCount = min(retrieved, top)
        for t in judgedStart[i]..<judgedStart[i + 1] {
            let partner = Int(judgedPartner[t])
            let s = scores[partner]
            guard s >= 0 else { continue }
            // Rank: 1 + partners before it (a higher score, or the same score and a lower id).
            let higher = TuningObjective.count(scores, p) { $0 .> s }
            let tied = TuningObjective.count(scores, partner) { $0 .== s }
            let rank = higher + tied + 1
            guard rank <= top else { continue }
            // Insert in rank order (a need has few judged partners).
            var at = ranking.ranks.count
            while at > 0 && ranking.ranks[at - 1] > rank { at -= 1 }
            ranking.ranks.insert(rank, at: at)
            ranking.values.insert(judgedValue[t], at: at)
        }
        return ranking.value(of: measure, level: level)
    }

    /// How many of `values[0 ..< n]` pass `test`, 8 at a time: the plain loop with a
    /// conditional count does not vectorise.
    @inline(__always)
    static func count(_ values: UnsafeMutablePointer<Float>, _ n: Int, _ test: (SIMD8<Float>) -> SIMDMask<SIMD8<Int32>>) -> Int {
        var counts = SIMD8<Int32>()
        let one = SIMD8<Int32>(repeating: 1)
        var j = 0
        let raw = UnsafeRawPointer(values)
        while j + 8 <= n {
            counts &+= SIMD8<Int32>().replacing(with: one, where: test(raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)))
            j += 8
        }
        var total = Int(counts.wrappedSum())
        while j < n {
            var tail = SIMD8<Float>()
            tail[0] = values[j]
            if test(tail)[0] { total += 1 }
            j += 1
        }
        return total
    }
}
