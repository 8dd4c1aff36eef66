/// Writes rankings in the TREC run format (`qid Q0 docno rank score tag`) so that
/// trec_eval reads them in the order PartnerMatch shows.
///
/// trec_eval ignores the rank column and sorts by score, breaking ties by document id
/// descending, while PartnerMatch breaks ties by partner id ascending. So scores are
/// written with 6 decimals and a tied score is lowered by 0.000001 per place: the
/// order is kept and no score moves by more than a rounding step.
public enum TrecRunWriter {
    public static func lines(_ ranking: Ranking, tag: String) -> String {
        var out = ""
        let safeTag = tag.isEmpty ? "partnermatch" : String(tag.map { $0 == " " || $0 == "\t" ? "_" : $0 })
        for (e, score) in zip(ranking.entries, scores(ranking)) {
            out += "\(ranking.needID) Q0 \(e.partnerID) \(e.rank) \(format(score)) \(safeTag)\n"
        }
        return out
    }

    /// The scores `lines(_:tag:)` writes, one per entry, as a reader of the written line gets
    /// them: so a run built in memory from them (`TrecRun(rankings:tag:)`) is evaluated
    /// exactly like the file.
    public static func scores(_ ranking: Ranking) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(ranking.entries.count)
        var previous = Double.infinity
        for e in ranking.entries {
            var score = (e.score * 1e6).rounded() / 1e6
            if score >= previous { score = previous - 1e-6 }
            previous = score
            out.append(Double(Int64((score * 1e6).rounded())) / 1e6)
        }
        return out
    }

    static func format(_ v: Double) -> String {
        let scaled = Int64((v * 1e6).rounded())
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        var frac = String(a % 1_000_000)
        while frac.count < 6 { frac = "0" + frac }
        return "\(sign)\(a / 1_000_000).\(frac)"
    }
}
