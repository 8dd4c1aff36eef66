/// An evaluation measure, as trec_eval 9.0.x (and `pytrec_eval`) computes it for one query.
///
/// Names are trec_eval's (`map`, `ndcg`, `ndcg_cut.10`, `P.10`, `recall.100`, `recip_rank`,
/// `success.1`, `Rprec`, `bpref`); `EvalMeasure(parsing:)` also accepts the aliases
/// `ndcg@10`, `p@10`, `recall@100`, `success@1` and `mrr`. docs/evaluation.md defines each.
public enum EvalMeasure: Hashable, Sendable, CustomStringConvertible {
    /// Mean average precision: precision at each relevant retrieved document, summed and
    /// divided by the number of relevant documents.
    case map
    /// nDCG over the whole ranking; gains are the grades, ideal from all judged documents.
    case ndcg
    /// nDCG over the first `k` ranks.
    case ndcgCut(Int)
    /// Precision at `k`: relevant documents in the first `k` ranks, divided by `k`.
    case precision(Int)
    /// Recall at `k`: relevant documents in the first `k` ranks, divided by all relevant.
    case recall(Int)
    /// Reciprocal rank of the first relevant document, no cutoff (`mrr` when averaged).
    case recipRank
    /// 1 if a relevant document is in the first `k` ranks, else 0.
    case success(Int)
    /// Precision at rank R, R the number of relevant documents.
    case rPrecision
    /// Binary preference (Buckley and Voorhees, 2004).
    case bpref

    /// trec_eval's name: `ndcg_cut.10`, `P.10`. Per-query keys in `pytrec_eval` use `_` for `.`.
    public var name: String {
        switch self {
        case .map: "map"
        case .ndcg: "ndcg"
        case .ndcgCut(let k): "ndcg_cut.\(k)"
        case .precision(let k): "P.\(k)"
        case .recall(let k): "recall.\(k)"
        case .recipRank: "recip_rank"
        case .success(let k): "success.\(k)"
        case .rPrecision: "Rprec"
        case .bpref: "bpref"
        }
    }

    public var description: String { name }

    /// The cutoff of a measure taken at a rank, nil otherwise.
    public var cutoff: Int? {
        switch self {
        case .ndcgCut(let k), .precision(let k), .recall(let k), .success(let k): k
        default: nil
        }
    }

    /// Parses one measure name.
    ///
    /// Accepts trec_eval's names with one cutoff (`P.10`; `ndcg_cut.10`) and the aliases
    /// `ndcg@10`, `p@10` / `P@10`, `recall@10`, `success@10`, `mrr`, `rprec`.
    /// Use `EvalMeasure.parseList(_:)` for trec_eval's lists (`P.5,10`).
    ///
    /// - Throws: `EvalError.unknownMeasure` or `EvalError.invalidCutoff`.
    public init(parsing text: String) throws(EvalError) {
        let list = try EvalMeasure.parseList(text)
        guard list.count == 1 else { throw EvalError.unknownMeasure(text) }
        self = list[0]
    }

    /// Parses a measure name with an optional comma-separated list of cutoffs, as trec_eval's
    /// `-m` accepts: `P.5,10,20` gives `[.precision(5), .precision(10), .precision(20)]`.
    /// A cutoff measure without cutoffs (`P`) gets trec_eval's defaults
    /// (5, 10, 15, 20, 30, 100, 200, 500, 1000; success: 1, 5, 10).
    public static func parseList(_ text: String) throws(EvalError) -> [EvalMeasure] {
        let trimmed = text.trimmingASCIIWhitespace()
        var base = trimmed
        var parameters: String? = nil
        if let at = trimmed.firstIndex(of: "@") {
            base = String(trimmed[..<at])
            parameters = String(trimmed[trimmed.index(after: at)...])
        } else if let dot = trimmed.firstIndex(of: ".") {
            base = String(trimmed[..<dot])
            parameters = String(trimmed[trimmed.index(after: dot)...])
        }
        let make: ((Int) -> EvalMeasure)?
        let plain: EvalMeasure?
        switch base.lowercased() {
        case "map": (make, plain) = (nil, .map)
        case "ndcg": (make, plain) = ({ .ndcgCut($0) }, .ndcg)
        case "ndcg_cut": (make, plain) = ({ .ndcgCut($0) }, nil)
        case "p", "precision": (make, plain) = ({ .precision($0) }, nil)
        case "recall": (make, plain) = ({ .recall($0) }, nil)
        case "recip_rank", "mrr", "rr": (make, plain) = (nil, .recipRank)
        case "success": (make, plain) = ({ .success($0) }, nil)
        case "rprec", "r-prec", "r_prec": (make, plain) = (nil, .rPrecision)
        case "bpref": (make, plain) = (nil, .bpref)
        default: throw EvalError.unknownMeasure(text)
        }
        // trec_eval's names are case-sensitive ("P", "Rprec"); accept any case, but not "ndcg.10",
        // which trec_eval would read as gain parameters rather than a cutoff.
        guard let parameters else {
            if let plain { return [plain] }
            let defaults = base.lowercased() == "success" ? [1, 5, 10] : [5, 10, 15, 20, 30, 100, 200, 500, 1000]
            return defaults.map(make!)
        }
        guard let make, !(base.lowercased() == "ndcg" && !trimmed.contains("@")) else {
            throw EvalError.unknownMeasure(text)
        }
        var cutoffs: [Int] = []
        for piece in parameters.split(separator: ",", omittingEmptySubsequences: false) {
            guard let k = Int(piece), k > 0 else { throw EvalError.invalidCutoff(measure: text, cutoff: String(piece)) }
            guard !cutoffs.contains(k) else { throw EvalError.invalidCutoff(measure: text, cutoff: String(piece)) }
            cutoffs.append(k)
        }
        return cutoffs.map(make)
    }
}

/// A request the evaluator cannot carry out.
public enum EvalError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownMeasure(String)
    case invalidCutoff(measure: String, cutoff: String)
    case invalidRelevanceLevel(Int)
    case invalidMaxDocuments(Int)
    /// No query has both judgements and a ranking (and `complete` was not asked for).
    case noQueriesInCommon
    case mismatchedLengths(Int, Int)
    case tooFewQueries(Int)

    public var description: String {
        switch self {
        case .unknownMeasure(let name):
            "unknown measure '\(name)'; expected one of map, ndcg, ndcg_cut.K (ndcg@K), P.K (p@K), recall.K, recip_rank (mrr), success.K, Rprec, bpref"
        case .invalidCutoff(let measure, let cutoff):
            "illegal cutoff '\(cutoff)' in measure '\(measure)': cutoffs must be positive integers without duplicates"
        case .invalidRelevanceLevel(let level):
            "illegal relevance level \(level): must be a non-negative integer"
        case .invalidMaxDocuments(let count):
            "illegal maximum number of documents per query \(count): must be positive"
        case .noQueriesInCommon:
            "no queries with both results and relevance judgements"
        case .mismatchedLengths(let a, let b):
            "paired test needs two samples of the same length, got \(a) and \(b)"
        case .tooFewQueries(let n):
            "paired test needs at least 2 queries, got \(n)"
        }
    }
}

extension String {
    fileprivate func trimmingASCIIWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
