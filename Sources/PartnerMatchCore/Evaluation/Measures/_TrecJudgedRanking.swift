import Foundation

/// What every measure needs to know about one query: where the judged documents landed in
/// the ranking, and the judgement counts.
///
/// Documents absent from the qrels add nothing to any measure here except by taking up
/// ranks, so only the judged ones are located; `retrievedCount` accounts for the rest.
struct _TrecJudgedRanking {
    /// Documents in the (possibly truncated) ranking.
    var retrievedCount = 0
    /// 1-based ranks of the judged retrieved documents, increasing.
    var ranks: [Int] = []
    /// trec_eval's relevance value at each of those ranks: the grade if it is >= 0, and
    /// -2 ("in the pool, unjudged") for a negative grade.
    var values: [Int32] = []
    /// Judged documents with grade >= 0 and >= the relevance level (trec_eval's `num_rel`).
    var relevantCount = 0
    /// Judged documents with 0 <= grade < relevance level (the non-relevant of bpref).
    var nonRelevantCount = 0
    /// Grades > 0 of all judged documents, highest first: the ideal ranking's gains.
    var idealGains: [Double] = []
    /// Judged documents at each grade 0, 1, ... up to the highest grade any has (trec_eval's
    /// `rel_levels`, which gain tables use).
    var levelCounts: [Int] = []

    /// Sets what the judgements alone decide: the relevant and non-relevant counts at
    /// `level` and the ideal gains (grades above 0, highest first). Ranks are not touched.
    mutating func judge<S: Sequence>(_ grades: S, level: Int32) where S.Element == Int32 {
        relevantCount = 0
        nonRelevantCount = 0
        idealGains.removeAll(keepingCapacity: true)
        levelCounts.removeAll(keepingCapacity: true)
        for grade in grades {
            if grade >= 0 && grade >= level { relevantCount += 1 }
            if grade >= 0 && grade < level { nonRelevantCount += 1 }
            if grade > 0 { idealGains.append(Double(grade)) }
            if grade >= 0 {
                if levelCounts.count <= Int(grade) { levelCounts.append(contentsOf: repeatElement(0, count: Int(grade) + 1 - levelCounts.count)) }
                levelCounts[Int(grade)] += 1
            }
        }
        idealGains.sort(by: >)
    }

    mutating func reset() {
        retrievedCount = 0
        ranks.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        relevantCount = 0
        nonRelevantCount = 0
        idealGains.removeAll(keepingCapacity: true)
        levelCounts.removeAll(keepingCapacity: true)
    }

    /// trec_eval's `-J`: only judged documents (grade >= 0) count, ranked among themselves.
    mutating func keepJudgedOnly() {
        var n = 0
        var kept: [Int32] = []
        for v in values where v >= 0 { n += 1; kept.append(v) }
        values = kept
        ranks = n > 0 ? Array(1...n) : []
        retrievedCount = n
    }

    /// Relevant documents retrieved.
    func relevantRetrieved(level: Int32) -> Int { values.reduce(0) { $0 + ($1 >= level ? 1 : 0) } }

    /// The relevance value at each rank 1...retrievedCount (-1: not judged), as trec_eval's
    /// `results_rel_list`.
    func relevanceList() -> [Int32] {
        var list = [Int32](repeating: -1, count: retrievedCount)
        for (r, v) in zip(ranks, values) where r <= retrievedCount { list[r - 1] = v }
        return list
    }
}

extension _TrecJudgedRanking {
    /// The value of `measure` for this query, as trec_eval computes it.
    func value(of measure: EvalMeasure, level: Int32) -> Double {
        switch measure {
        case .map:
            var relevantSoFar = 0
            var sum = 0.0
            for (rank, value) in zip(ranks, values) where value >= level {
                relevantSoFar += 1
                sum += Double(relevantSoFar) / Double(rank)
            }
            return relevantSoFar > 0 ? sum / Double(relevantCount) : 0

        case .ndcg:
            let ideal = idealDCG(upTo: idealGains.count)
            guard ideal > 0 else { return 0 }
            return dcg(upTo: Int.max) / ideal

        case .ndcgCut(let k):
            let ideal = idealDCG(upTo: k)
            let actual = dcg(upTo: k)
            return ideal > 0 ? actual / ideal : actual

        case .precision(let k):
            return Double(relevant(upTo: k, level: level)) / Double(k)

        case .recall(let k):
            guard relevantCount > 0 else { return 0 }
            return Double(relevant(upTo: k, level: level)) / Double(relevantCount)

        case .recipRank:
            for (rank, value) in zip(ranks, values) where value >= level {
                return 1 / Double(rank)
            }
            return 0

        case .success(let k):
            return relevant(upTo: k, level: level) > 0 ? 1 : 0

        case .rPrecision:
            let lookAt = min(retrievedCount, relevantCount)
            guard lookAt > 0 else { return 0 }
            return Double(relevant(upTo: lookAt, level: level)) / Double(relevantCount)

        case .bpref:
            var nonRelevantSoFar = 0
            var sum = 0.0
            let denominator = Double(min(nonRelevantCount, relevantCount))
            for value in values where value >= 0 {
                if value < level {
                    nonRelevantSoFar += 1
                } else if nonRelevantSoFar > 0 {
                    sum += 1 - Double(min(nonRelevantSoFar, relevantCount)) / denominator
                } else {
                    sum += 1
                }
            }
            return relevantCount > 0 ? sum / Double(relevantCount) : sum

        case .numQ:
            return 1
        case .numRet:
            return Double(retrievedCount)
        case .numRel:
            return Double(relevantCount)
        case .numRelRet:
            return Double(relevantRetrieved(level: level))

        case .gmMap:
            // trec_eval keeps log(max(AP, MIN_GEO_MEAN)) per query.
            return log(max(value(of: .map, level: level), 0.00001))

        case .mapCut(let k):
            guard relevantCount > 0 else { return 0 }
            var relevantSoFar = 0
            var sum = 0.0
            for (rank, value) in zip(ranks, values) where value >= level {
                if rank > k { break }
                relevantSoFar += 1
                sum += Double(relevantSoFar) / Double(rank)
            }
            return sum / Double(relevantCount)

        case .iprecAtRecall(let fraction):
            // 10.0 rounds the number of relevant documents (9.0 added 0.9 and truncated).
            let cut = Int((fraction * Double(relevantCount)).rounded(.toNearestOrAwayFromZero))
            let relRet = relevantRetrieved(level: level)
            if cut > relRet { return 0 }
            // Interpolated precision: the best precision at the rank of the cut-th relevant
            // document or later (trec_eval walks every rank from the last; the best is
            // always at a relevant document's rank, or the last rank).
            var best = Double(relRet) / Double(retrievedCount)
            var relevantSoFar = relRet
            var result: Double? = nil
            for (rank, value) in zip(ranks, values).reversed() where value >= level && relevantSoFar > 0 {
                let precision = Double(relevantSoFar) / Double(rank)
                if best < precision { best = precision }
                if relevantSoFar == cut { result = best }
                relevantSoFar -= 1
            }
            return result ?? best

        case .rPrecMult(let multiple):
            let cut = Int(multiple * Double(relevantCount) + 0.9)
            if cut > retrievedCount { return Double(relevantRetrieved(level: level)) / Double(cut) }
            guard cut >= 1 else { return 0 }
            let found = relevant(upTo: cut, level: level)
            return found > 0 ? Double(found) / Double(cut) : 0

        case .ndcgGains(let table):
            return gainNDCG(table, rankedAverage: false)

        case .rNDCG(let table):
            guard relevantCount > 0 else { return 0 }
            return gainNDCG(table, rankedAverage: true)

        case .setP:
            guard retrievedCount > 0 else { return 0 }
            return Double(relevantRetrieved(level: level)) / Double(retrievedCount)

        case .setRecall:
            guard relevantCount > 0 else { return 0 }
            return Double(relevantRetrieved(level: level)) / Double(relevantCount)

        case .setF(let beta, _):
            let relRet = relevantRetrieved(level: level)
            guard relRet > 0 else { return 0 }
            let p = Double(relRet) / Double(retrievedCount)
            let r = Double(relRet) / Double(relevantCount)
            return (beta + 1.0) * p * r / (beta * p + r)

        case .infAP:
            let epsilon = 0.00001
            var nonRelevantSoFar = 0, relevantSoFar = 0, unjudgedSoFar = 0
            var sum = 0.0
            for (rank, value) in zip(ranks, values) {
                if value == -2 { unjudgedSoFar += 1; continue }
                if value >= 0 && value < level { nonRelevantSoFar += 1; continue }
                relevantSoFar += 1
                let j = rank - 1
                if j == 0 {
                    sum += 1.0
                } else {
                    let fj = Double(j)
                    sum += 1.0 / (fj + 1.0)
                        + (fj / (fj + 1.0)) * (Double(relevantSoFar - 1 + nonRelevantSoFar + unjudgedSoFar) / fj)
                        * ((Double(relevantSoFar - 1) + epsilon) / (Double(relevantSoFar - 1 + nonRelevantSoFar) + 2 * epsilon))
                }
            }
            return relevantCount > 0 ? sum / Double(relevantCount) : sum

        case .utility(let p, _):
            // The collection size is given by `utility(collection:)`; here 0, as trec_eval
            // without -N.
            return utility(p, collection: 0, level: level)
        }
    }

    /// trec_eval's `utility` with the collection size of `-N`.
    func utility(_ p: [Double], collection: Int, level: Int32) -> Double {
        let relRet = relevantRetrieved(level: level)
        return p[0] * Double(relRet) + p[1] * Double(retrievedCount - relRet) + p[2] * Double(relevantCount - relRet)
            + p[3] * Double(collection + relRet - retrievedCount - relevantCount)
    }

    /// nDCG with gains per grade, walking the ideal ranking level by level as trec_eval's
    /// `m_ndcg.c` does (`rankedAverage`: `m_Rndcg.c`, the mean of nDCG at each rank where
    /// the ideal gain changes).
    private func gainNDCG(_ table: TrecGainTable?, rankedAverage: Bool) -> Double {
        var counts = levelCounts
        while let last = counts.last, last == 0 { counts.removeLast() }
        let levels = (table ?? TrecGainTable.none).levels(counts: counts)
        func gain(_ rel: Int32) -> Double {
            for l in levels where l.level == Int(rel) { return l.gain }
            return 0
        }
        let list = relevanceList()
        var resultsDCG = 0.0, idealDCG = 0.0
        var level = levels.count - 1
        var idealGain = level >= 0 ? levels[level].gain : 0
        var oldIdealGain = idealGain
        var atLevel = 0
        var sum = 0.0
        var changes = 0
        func stepIdeal() {
            atLevel += 1
            while level >= 0 && atLevel > levels[level].count {
                atLevel = 1
                level -= 1
                idealGain = level >= 0 ? levels[level].gain : 0
            }
            if rankedAverage && oldIdealGain != idealGain {
                if idealDCG > 0 { sum += resultsDCG / idealDCG; changes += 1 }
                oldIdealGain = idealGain
            }
        }
        var i = 0
        while i < list.count && idealGain > 0 {
            let g = gain(list[i])
            if rankedAverage {
                stepIdeal()
                if g != 0 { resultsDCG += g / log2(Double(i + 2)) }
            } else {
                if g != 0 { resultsDCG += g / log2(Double(i + 2)) }
                stepIdeal()
            }
            if idealGain > 0 { idealDCG += idealGain / log2(Double(i + 2)) }
            i += 1
        }
        if i < list.count {
            while i < list.count {
                let g = gain(list[i])
                if g != 0 { resultsDCG += g / log2(Double(i + 2)) }
                i += 1
            }
            if rankedAverage && idealDCG > 0 { sum += resultsDCG / idealDCG; changes += 1 }
        }
        while idealGain > 0 {
            stepIdeal()
            if idealGain > 0 { idealDCG += idealGain / log2(Double(i + 2)) }
            i += 1
        }
        if rankedAverage { return sum / Double(changes) }
        return idealDCG > 0 ? resultsDCG / idealDCG : 0
    }

    /// Relevant documents among the first `k` ranks.
    private func relevant(upTo k: Int, level: Int32) -> Int {
        var count = 0
        for (rank, value) in zip(ranks, values) {
            if rank > k { break }
            if value >= level { count += 1 }
        }
        return count
    }

    /// DCG of the ranking over the first `k` ranks: grade / log2(rank + 1), summed in rank order.
    private func dcg(upTo k: Int) -> Double {
        var sum = 0.0
        for (rank, value) in zip(ranks, values) {
            if rank > k { break }
            if value > 0 { sum += Double(value) / log2(Double(rank + 1)) }
        }
        return sum
    }

    /// DCG of the ideal ranking (all judged grades > 0, highest first) over the first `k` ranks.
    private func idealDCG(upTo k: Int) -> Double {
        var sum = 0.0
        for (i, gain) in idealGains.prefix(k).enumerated() {
            sum += gain / log2(Double(i + 2))
        }
        return sum
    }
}
