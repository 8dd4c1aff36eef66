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

    /// Sets what the judgements alone decide: the relevant and non-relevant counts at
    /// `level` and the ideal gains (grades above 0, highest first). Ranks are not touched.
    mutating func judge<S: Sequence>(_ grades: S, level: Int32) where S.Element == Int32 {
        relevantCount = 0
        nonRelevantCount = 0
        idealGains.removeAll(keepingCapacity: true)
        for grade in grades {
            if grade >= 0 && grade >= level { relevantCount += 1 }
            if grade >= 0 && grade < level { nonRelevantCount += 1 }
            if grade > 0 { idealGains.append(Double(grade)) }
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
        }
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
