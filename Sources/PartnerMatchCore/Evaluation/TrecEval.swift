import Dispatch
import Foundation

/// Evaluates TREC runs against qrels the way trec_eval 10.0 does.
///
/// ```swift
/// let report = try TrecEval.evaluate(qrels: qrels, run: run,
///                                    measures: [.map, .ndcgCut(10), .precision(10)])
/// report.mean(of: .map)
/// ```
public enum TrecEval {
    /// What to do with a judged query the run has no ranking for (without `complete`).
    public enum MissingQueries: Sendable {
        /// Leave it out (trec_eval 9.0; what a rule comparison wants: it ranks every need).
        case skip
        /// Refuse the run, as trec_eval 10.0 does.
        case error
    }

    /// Computes `measures` for every query, and their summaries (means; sums for
    /// `num_ret`, `num_rel` and `num_rel_ret`; the count for `num_q`; the geometric mean for
    /// `gm_map`).
    ///
    /// By default the queries are those with both judgements and a ranking; a query with
    /// judgements but no relevant document counts, with value 0 for most measures here.
    /// Run queries without judgements are ignored.
    ///
    /// - Parameters:
    ///   - relevanceLevel: a document is relevant when its grade is at least this (trec_eval
    ///     `-l`, default 1). `ndcg` and `ndcg_cut` ignore it: their gains are the grades.
    ///   - complete: average over every query of the qrels (trec_eval `-c`); a query the run
    ///     lacks is evaluated as trec_eval does it, with a ranking of one unjudged document
    ///     (its `num_ret` and `utility` then set to 0): 0 for every measure but `num_rel`
    ///     (its judgements) and `gm_map` (log 0.00001).
    ///   - maxDocumentsPerQuery: evaluate only the first N documents of each ranking
    ///     (trec_eval `-M`); nil for all.
    ///   - judgedOnly: rank only the judged documents (grade >= 0), trec_eval `-J`.
    ///   - documentsInCollection: the collection size of `utility` (trec_eval `-N`).
    ///   - missingQueries: a judged query without a ranking (without `complete`).
    /// - Throws: `EvalError` for a negative relevance level, a non-positive maximum, no
    ///   query in common (without `complete`), or a judged query the run lacks (`.error`).
    public static func evaluate(
        qrels: TrecQrels, run: TrecRun, measures: [EvalMeasure],
        relevanceLevel: Int = 1, complete: Bool = false, maxDocumentsPerQuery: Int? = nil,
        judgedOnly: Bool = false, documentsInCollection: Int = 0, missingQueries: MissingQueries = .skip
    ) throws(EvalError) -> EvalReport {
        guard relevanceLevel >= 0, let level = Int32(exactly: relevanceLevel) else {
            throw .invalidRelevanceLevel(relevanceLevel)
        }
        if let m = maxDocumentsPerQuery, m <= 0 { throw .invalidMaxDocuments(m) }
        let maxDocuments = maxDocumentsPerQuery ?? Int.max

        var runIndex: [String: Int] = [:]
        for (q, id) in run.table.queryIDs.enumerated() { runIndex[id] = q }
        // Queries to evaluate: (qrels query, run query or -1), in trec_eval's order.
        var pairs: [(id: String, qrels: Int, run: Int)] = []
        for (q, id) in qrels.table.queryIDs.enumerated() {
            let r = runIndex[id] ?? -1
            if r >= 0 || complete { pairs.append((id, q, r)) }
        }
        pairs.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        if missingQueries == .error && !complete {
            // trec_eval 10.0 stops at the first judged query (in its order) without results.
            let missing = qrels.table.queryIDs.filter { runIndex[$0] == nil }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            if let first = missing.first { throw .queryMissingFromRun(first, count: missing.count) }
        }
        guard !pairs.isEmpty else { throw .noQueriesInCommon }

        let queries = pairs
        let measureCount = measures.count
        var values = [Double](repeating: 0, count: pairs.count * measureCount)
        let chunkCount = min(pairs.count, 4 * max(1, ProcessInfo.processInfo.activeProcessorCount))
        values.withUnsafeMutableBufferPointer { output in
            let output = _EvalUnsafeSendable(output)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let lower = queries.count * chunk / chunkCount
                let upper = queries.count * (chunk + 1) / chunkCount
                var locator = _TrecJudgedDocumentLocator()
                var ranking = _TrecJudgedRanking()
                for p in lower..<upper {
                    let bogus = queries[p].run < 0
                    if bogus {
                        // trec_eval -c: one unjudged document ("ceci_nest_pas_un_docno").
                        ranking.reset()
                        ranking.judge(qrels.table.entries(ofQuery: queries[p].qrels).lazy.map { qrels.grades[$0] }, level: level)
                        ranking.retrievedCount = 1
                    } else {
                        locator.locate(qrels: qrels, qrelsQuery: queries[p].qrels, run: run,
                                       runQuery: queries[p].run, level: level,
                                       maxDocuments: maxDocuments, into: &ranking)
                    }
                    if judgedOnly { ranking.keepJudgedOnly() }
                    for (m, measure) in measures.enumerated() {
                        let v: Double
                        switch measure {
                        case .numRet where bogus, .utility where bogus: v = 0
                        case .utility(let c, _): v = ranking.utility(c, collection: documentsInCollection, level: level)
                        default: v = ranking.value(of: measure, level: level)
                        }
                        output.value[p * measureCount + m] = v
                    }
                }
            }
        }

        var means = [Double](repeating: 0, count: measureCount)
        for p in 0..<pairs.count {
            for m in 0..<measureCount { means[m] += values[p * measureCount + m] }
        }
        for (m, measure) in measures.enumerated() {
            switch measure.summary {
            case .mean: means[m] /= Double(pairs.count)
            case .sum:
                // With -c, trec_eval counts num_rel over all judgements, grade > 0 (not -l).
                if complete && measure == .numRel { means[m] = Double(qrels.grades.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }) }
            case .count: means[m] = Double(pairs.count)
            case .geometric: means[m] = exp(means[m] / Double(pairs.count))
            }
        }
        return EvalReport(
            measures: measures, queryIDs: pairs.map(\.id), isMissingFromRun: pairs.map { $0.run < 0 },
            values: values, means: means, relevanceLevel: relevanceLevel, complete: complete)
    }
}

/// Lets disjoint slices of one buffer be written from `concurrentPerform`.
struct _EvalUnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Finds the rank of each judged document of one query's ranking without sorting the ranking.
///
/// The judged documents (a few dozen) are sorted in trec_eval's order (score descending, ties
/// by document id descending); each other document is placed among them by binary search,
/// and a judged document's rank is its position plus the number of others placed before it.
struct _TrecJudgedDocumentLocator {
    private var table = _TrecNameHashTable()
    private var isJudged: [Bool] = []
    private var judged: [(entry: Int32, value: Int32)] = []
    private var judgedScores: [Double] = []
    private var placedBefore: [Int] = []

    mutating func locate(qrels: TrecQrels, qrelsQuery: Int, run: TrecRun, runQuery: Int,
                         level: Int32, maxDocuments: Int, into ranking: inout _TrecJudgedRanking) {
        ranking.reset()
        let judgements = qrels.table.entries(ofQuery: qrelsQuery)
        ranking.judge(judgements.lazy.map { qrels.grades[$0] }, level: level)

        let entries = run.table.entries(ofQuery: runQuery)
        ranking.retrievedCount = min(entries.count, maxDocuments)
        judged.removeAll(keepingCapacity: true)
        table.reset(forCount: judgements.count)

        qrels.table.arena.withUnsafeBufferPointer { qrelsArena in
        qrels.table.nameStarts.withUnsafeBufferPointer { qrelsStarts in
        run.table.arena.withUnsafeBufferPointer { runArena in
        run.table.nameStarts.withUnsafeBufferPointer { runStarts in
        run.scores.withUnsafeBufferPointer { scores in
            let qrelsBase = qrelsArena.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let runBase = runArena.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for e in judgements {
                let p = qrelsBase + Int(qrelsStarts[e])
                _ = table.insert(entry: Int32(e), name: p, length: Int(qrelsStarts[e + 1] - qrelsStarts[e]),
                                 base: qrelsBase, starts: qrelsStarts)
            }
            let first = entries.lowerBound
            if isJudged.count < entries.count { isJudged = [Bool](repeating: false, count: entries.count) }
            for e in entries {
                let p = runBase + Int(runStarts[e])
                let n = Int(runStarts[e + 1] - runStarts[e])
                if let j = table.find(name: p, length: n, base: qrelsBase, starts: qrelsStarts) {
                    let grade = qrels.grades[Int(j)]
                    judged.append((Int32(e), grade >= 0 ? grade : -2))
                    isJudged[e - first] = true
                } else {
                    isJudged[e - first] = false
                }
            }
            guard !judged.isEmpty else { return }

            // `a` comes before `b` in trec_eval's ranking.
            @inline(__always) func precedes(_ a: Int, _ b: Int) -> Bool {
                let sa = scores[a], sb = scores[b]
                if sa != sb { return sa > sb }
                let pa = runBase + Int(runStarts[a]), na = Int(runStarts[a + 1] - runStarts[a])
                let pb = runBase + Int(runStarts[b]), nb = Int(runStarts[b + 1] - runStarts[b])
                let c = memcmp(pa, pb, min(na, nb))
                return c != 0 ? c > 0 : na > nb
            }
            judged.sort { precedes(Int($0.entry), Int($1.entry)) }
            judgedScores.removeAll(keepingCapacity: true)
            for j in judged { judgedScores.append(scores[Int(j.entry)]) }
            placedBefore.removeAll(keepingCapacity: true)
            placedBefore.append(contentsOf: repeatElement(0, count: judged.count + 1))
            let judgedCount = judged.count
            for e in entries where !isJudged[e - first] {
                // First judged position that `e` precedes.
                let s = scores[e]
                var low = 0, high = judgedCount
                while low < high {
                    let mid = (low + high) >> 1
                    let sm = judgedScores[mid]
                    let before = sm != s ? s > sm : precedes(e, Int(judged[mid].entry))
                    if before { high = mid } else { low = mid + 1 }
                }
                placedBefore[low] += 1
            }
            var othersBefore = 0
            for (t, j) in judged.enumerated() {
                othersBefore += placedBefore[t]
                let rank = t + 1 + othersBefore
                if rank > maxDocuments { break }
                ranking.ranks.append(rank)
                ranking.values.append(j.value)
            }
        }}}}}
    }
}
