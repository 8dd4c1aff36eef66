extension CompiledCatalog {
    /// Every partner's score for a compiled need, in catalog order (partners by id): the
    /// score in [0, 100], or -1 for an excluded partner. `out` holds `partners.count`.
    ///
    /// The same block kernel as `rank`, without the top-k selection: for callers that
    /// need the whole row (tuning reads each feature's row this way).
    ///
    /// - Precondition: `need` was compiled by this catalog, and `out` has room for
    ///   `partners.count` floats.
    public func scoreAll(_ need: CompiledNeed, into out: UnsafeMutablePointer<Float>) {
        checkCompiledHere(need)
        scoreAll(need, into: out, workspace: _Workspace(k: 1))
    }

    /// The same with a thread's scratch buffers, reused from need to need.
    func scoreAll(_ need: CompiledNeed, into out: UnsafeMutablePointer<Float>, workspace w: _Workspace) {
        let n = columns.count
        var start = 0
        while start < n {
            let m = min(CompiledCatalog.blockSize, n - start)
            scoreBlock(need, start: start, count: m, out: out + start, sector: w.sector, distance: w.distance, evidence: (w.evidenceSector, w.evidenceDistance))
            start += m
        }
        for p in need.excluded { out[Int(p)] = -1 }
    }
}
