extension TrecRun {
    /// A run of engine rankings, with the scores `TrecRunWriter` would write: evaluating it
    /// gives the same values as evaluating `partnermatch rank --format trec` output.
    ///
    /// - Throws: `TrecFormatError` when two rankings share a need id.
    public init(rankings: [Ranking], tag: String) throws(TrecFormatError) {
        var entries: [(query: String, document: String, score: Double)] = []
        entries.reserveCapacity(rankings.reduce(0) { $0 + $1.entries.count })
        for ranking in rankings {
            for (e, score) in zip(ranking.entries, TrecRunWriter.scores(ranking)) {
                entries.append((ranking.needID, e.partnerID, score))
            }
        }
        try self.init(entries: entries, tag: tag, name: tag)
    }
}
