import Dispatch

extension CompiledCatalog {
    /// Ranks the partners for one need.
    ///
    /// - Parameters:
    ///   - top: how many partners to return (the best `top`, ties by id).
    ///   - explain: attach each entry's `Explanation`.
    ///   - showExcluded: list every excluded partner with its filter and reason.
    public func rank(_ need: Need, top k: Int, explain: Bool = false, showExcluded: Bool = false) -> Ranking {
        let compiled = compile(need)
        let workspace = _Workspace(k: k)
        let (matches, excludedCount) = top(compiled, workspace: workspace)
        var ranking = makeRanking(need.id, matches, excludedCount)
        if explain {
            for i in ranking.entries.indices {
                let p = partnerIndex[ranking.entries[i].partnerID]!
                ranking.entries[i].explanation = explanation(need, partnerAt: p)
            }
        }
        if showExcluded {
            ranking.excluded = partners.indices.compactMap { p in
                let failures = filterOutcomes(need, partnerAt: p).filter { !$0.passed }
                return failures.first.map { Exclusion(partnerID: partners[p].id, filter: $0.filter, code: $0.code, reason: $0.reason, failures: failures) }
            }
        }
        return ranking
    }

    /// Ranks many needs on `threads` threads; the rankings come back in input order.
    public func rank(_ needs: [Need], top k: Int, threads: Int) -> [Ranking] {
        var out = [Ranking?](repeating: nil, count: needs.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let results = _SendableBuffer(buffer)
            CompiledCatalog.parallelChunks(needs.count, threads: threads) { range in
                let workspace = _Workspace(k: k)
                for i in range {
                    let (matches, excludedCount) = top(compile(needs[i]), workspace: workspace)
                    results.buffer[i] = makeRanking(needs[i].id, matches, excludedCount)
                }
            }
        }
        return out.map { $0! }
    }

    /// The top `k` partner indices and scores of compiled needs, on `threads` threads,
    /// in input order: the scoring loop alone, without explanations, for measuring.
    ///
    /// - Precondition: every need was compiled by this catalog (`compile(_:)`).
    public func topMatches(_ needs: [CompiledNeed], top k: Int, threads: Int) -> [[Match]] {
        for need in needs { checkCompiledHere(need) }
        var out = [[Match]](repeating: [], count: needs.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let results = _SendableBuffer(buffer)
            CompiledCatalog.parallelChunks(needs.count, threads: threads) { range in
                let workspace = _Workspace(k: k)
                for i in range {
                    // Straight from the top-k buffers: one array per need.
                    let t = topK(needs[i], workspace: workspace)
                    results.buffer[i] = (0..<t.count).map { Match(partner: Int(t.indices[$0]), score: t.scores[$0]) }
                }
            }
        }
        return out
    }

    /// Stops the program when `need` was compiled by another catalog: its row pointers
    /// and partner indices are sized for that catalog's columns, not these.
    func checkCompiledHere(_ need: CompiledNeed) {
        precondition(need.columns === columns, "need \(need.id) was compiled by another catalog; compile it with this one")
    }

    /// Scores every partner for a need, block by block, keeping the top k.
    func top(_ need: CompiledNeed, workspace w: _Workspace) -> (matches: [(index: Int32, score: Float)], excluded: Int) {
        let t = topK(need, workspace: w)
        return (t.results, t.excluded)
    }

    /// Scores every partner for a need, block by block, into the workspace's top-k
    /// buffers; the returned state reads them, so it is valid until the workspace's
    /// next use.
    func topK(_ need: CompiledNeed, workspace w: _Workspace) -> _TopK {
        let n = columns.count
        // A local copy of the top-k state (pointers and counters), so that the scan
        // works on a register-held value rather than through the workspace object.
        var top = w.top
        top.reset()
        var cursor = 0
        let excluded = need.excluded
        var start = 0
        while start < n {
            let m = min(CompiledCatalog.blockSize, n - start)
            // The workspace's buffers hold `blockSize` >= m floats; `excluded` is sorted
            // and each index lies in start..<start + m when written (`compile` takes it
            // from this catalog's partner indices, which `checkCompiledHere` guards).
            scoreBlock(need, start: start, count: m, out: w.scores, sector: w.sector, distance: w.distance, evidence: (w.evidenceSector, w.evidenceDistance))
            while cursor < excluded.count && Int(excluded[cursor]) < start + m {
                w.scores[Int(excluded[cursor]) - start] = -1
                cursor += 1
            }
            top.scan(w.scores, start: start, count: m)
            start += m
        }
        return top
    }

    func makeRanking(_ needID: String, _ matches: [(index: Int32, score: Float)], _ excludedCount: Int) -> Ranking {
        Ranking(
            needID: needID, ruleName: rule.name, ruleVersion: rule.version, catalogHash: catalogHash,
            partnerCount: partners.count, excludedCount: excludedCount,
            entries: matches.enumerated().map {
                RankedPartner(rank: $0 + 1, partnerID: partners[Int($1.index)].id, score: Double($1.score), strength: rule.strength.strength(of: Double($1.score)))
            })
    }

    /// Runs `body` over `threads` contiguous chunks of `0..<count` at once.
    static func parallelChunks(_ count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let t = max(1, min(threads, count))
        if t == 1 { body(0..<count); return }
        DispatchQueue.concurrentPerform(iterations: t) { chunk in
            body((count * chunk / t)..<(count * (chunk + 1) / t))
        }
    }
}

/// Scratch buffers of one scoring thread, reused from need to need: `blockSize` floats
/// each, and `max(k, 1)` slots for the top k; owned here (freed in `deinit`), never
/// shared between threads.
final class _Workspace {
    let scores = UnsafeMutablePointer<Float>.allocate(capacity: CompiledCatalog.blockSize)
    let sector = UnsafeMutablePointer<Float>.allocate(capacity: CompiledCatalog.blockSize)
    let distance = UnsafeMutablePointer<Float>.allocate(capacity: CompiledCatalog.blockSize)
    let evidenceSector = UnsafeMutablePointer<Float>.allocate(capacity: CompiledCatalog.blockSize)
    let evidenceDistance = UnsafeMutablePointer<Float>.allocate(capacity: CompiledCatalog.blockSize)
    let topScores: UnsafeMutablePointer<Float>
    let topIndices: UnsafeMutablePointer<Int32>
    let top: _TopK

    init(k: Int) {
        topScores = .allocate(capacity: max(k, 1))
        topIndices = .allocate(capacity: max(k, 1))
        top = _TopK(k: k, scores: topScores, indices: topIndices)
    }

    deinit {
        topScores.deallocate()
        topIndices.deallocate()
        scores.deallocate()
        sector.deallocate()
        distance.deallocate()
        evidenceSector.deallocate()
        evidenceDistance.deallocate()
    }
}

/// A buffer whose disjoint elements are written from several threads: each chunk of
/// `parallelChunks` writes only its own indices, and the buffer outlives the
/// `concurrentPerform` that writes it.
struct _SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
