/// An evaluation measure, as trec_eval 10.0 (and `pytrec_eval`) computes it for one query.
///
/// Names are trec_eval's (`map`, `ndcg`, `ndcg_cut.10`, `P.10`, `recall.100`, `recip_rank`,
/// `success.1`, `Rprec`, `bpref`, `num_q`, `num_ret`, `num_rel`, `num_rel_ret`, `gm_map`,
/// `map_cut.10`, `iprec_at_recall.0.10`, `Rprec_mult.0.20`, `Rndcg`, `set_P`, `set_recall`,
/// `set_F`, `infAP`, `utility`); `EvalMeasure(parsing:)` also accepts trec_eval's printed
/// names (`P_10`) and the aliases `ndcg@10`, `p@10`, `recall@100`, `success@1` and `mrr`.
/// docs/evaluation.md defines each.
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
    /// Queries averaged over (the summary counts them; no value per query is printed).
    case numQ
    /// Documents retrieved (after `-M` and `-J`); the summary is the sum.
    case numRet
    /// Relevant documents (grade at least the relevance level); the summary is the sum.
    case numRel
    /// Relevant documents retrieved; the summary is the sum.
    case numRelRet
    /// Average precision averaged geometrically: each query's value is
    /// log(max(AP, 0.00001)), the summary exp of their mean (only the summary is printed).
    case gmMap
    /// Average precision over the first `k` ranks (relevant documents after `k` add 0).
    case mapCut(Int)
    /// Interpolated precision at a recall level (0.0 to 1.0): the highest precision at any
    /// rank at or after the one where round(level x R) relevant documents are retrieved.
    case iprecAtRecall(Double)
    /// Precision at rank `multiple` x R (truncated up by 0.9, as trec_eval does).
    case rPrecMult(Double)
    /// nDCG with a gain table (`ndcg.1=3,2=10`: grade 1 gains 3, grade 2 gains 10, other
    /// grades their own value).
    case ndcgGains(TrecGainTable)
    /// nDCG averaged at each rank where the ideal gain changes (trec_eval's `Rndcg`);
    /// with an optional gain table.
    case rNDCG(TrecGainTable?)
    /// Relevant retrieved over retrieved (the whole retrieved set).
    case setP
    /// Relevant retrieved over relevant.
    case setRecall
    /// (beta+1) P R / (beta P + R) over the retrieved set; `text` is the parameter as
    /// written (it names the measure: `set_F_0.5`), nil for the default 1.0.
    case setF(beta: Double, text: String?)
    /// Inferred AP (Yilmaz and Aslam): judged documents with a negative grade are in the
    /// pool but unjudged.
    case infAP
    /// p1 x relevant retrieved + p2 x non-relevant retrieved + p3 x relevant not retrieved
    /// + p4 x non-relevant not retrieved (that needs the collection size, `-N`); `text` is
    /// the parameters as written, nil for the default 1,-1,0,0.
    case utility(coefficients: [Double], text: String?)

    /// Our name: trec_eval's measure with its parameter after a dot (`ndcg_cut.10`, `P.10`).
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
        case .numQ: "num_q"
        case .numRet: "num_ret"
        case .numRel: "num_rel"
        case .numRelRet: "num_rel_ret"
        case .gmMap: "gm_map"
        case .mapCut(let k): "map_cut.\(k)"
        case .iprecAtRecall(let x): "iprec_at_recall.\(EvalMeasure.twoDecimals(x))"
        case .rPrecMult(let x): "Rprec_mult.\(EvalMeasure.twoDecimals(x))"
        case .ndcgGains(let g): "ndcg.\(g.text)"
        case .rNDCG(let g): g.map { "Rndcg.\($0.text)" } ?? "Rndcg"
        case .setP: "set_P"
        case .setRecall: "set_recall"
        case .setF(_, let text): text.map { "set_F.\($0)" } ?? "set_F"
        case .infAP: "infAP"
        case .utility(_, let text): text.map { "utility.\($0)" } ?? "utility"
        }
    }

    /// The name trec_eval prints: the parameter after an underscore (`P_10`,
    /// `ndcg_cut_10`, `iprec_at_recall_0.10`, `set_F_0.5`, `ndcg_1=3`).
    public var trecName: String {
        switch self {
        case .ndcgCut(let k): "ndcg_cut_\(k)"
        case .precision(let k): "P_\(k)"
        case .recall(let k): "recall_\(k)"
        case .success(let k): "success_\(k)"
        case .mapCut(let k): "map_cut_\(k)"
        case .iprecAtRecall(let x): "iprec_at_recall_\(EvalMeasure.twoDecimals(x))"
        case .rPrecMult(let x): "Rprec_mult_\(EvalMeasure.twoDecimals(x))"
        case .ndcgGains(let g): "ndcg_\(g.text)"
        case .rNDCG(let g): g.map { "Rndcg_\($0.text)" } ?? "Rndcg"
        case .setF(_, let text): text.map { "set_F_\($0)" } ?? "set_F"
        case .utility(_, let text): text.map { "utility_\($0)" } ?? "utility"
        default: name
        }
    }

    public var description: String { name }

    /// The cutoff of a measure taken at a rank, nil otherwise.
    public var cutoff: Int? {
        switch self {
        case .ndcgCut(let k), .precision(let k), .recall(let k), .success(let k), .mapCut(let k): k
        default: nil
        }
    }

    /// How the summary line (`all`) is made from the per-query values.
    public enum Summary: Sendable, Hashable {
        /// The arithmetic mean (most measures).
        case mean
        /// The sum (`num_ret`, `num_rel`, `num_rel_ret`).
        case sum
        /// The number of queries (`num_q`).
        case count
        /// exp of the mean of the per-query logarithms (`gm_map`).
        case geometric
    }

    public var summary: Summary {
        switch self {
        case .numRet, .numRel, .numRelRet: .sum
        case .numQ: .count
        case .gmMap: .geometric
        default: .mean
        }
    }

    /// Printed as a whole number (trec_eval's "long" measures).
    public var isCount: Bool {
        switch self {
        case .numQ, .numRet, .numRel, .numRelRet: true
        default: false
        }
    }

    /// Whether a mean over queries of the measure compares two rankings (what `eval --rule`
    /// and `tune` report): not the counts, nor `gm_map` (per query, a logarithm).
    public var isRuleComparable: Bool { summary == .mean }

    /// Whether trec_eval prints a value per query with `-q` (not for `num_q` and `gm_map`).
    public var printsPerQuery: Bool { self != .numQ && self != .gmMap }

    /// The position of the measure in trec_eval's output (its measure table's order), then
    /// of its parameter: trec_eval prints measures in this order whatever `-m` says.
    var trecOrder: (Int, Double) {
        switch self {
        case .numQ: (1, 0)
        case .numRet: (2, 0)
        case .numRel: (3, 0)
        case .numRelRet: (4, 0)
        case .map: (5, 0)
        case .gmMap: (6, 0)
        case .rPrecision: (7, 0)
        case .bpref: (8, 0)
        case .recipRank: (9, 0)
        case .iprecAtRecall(let x): (10, x)
        case .precision(let k): (11, Double(k))
        case .recall(let k): (13, Double(k))
        case .infAP: (14, 0)
        case .rPrecMult(let x): (16, x)
        case .utility: (17, 0)
        case .ndcg, .ndcgGains: (23, 0)
        case .rNDCG: (25, 0)
        case .ndcgCut(let k): (26, Double(k))
        case .mapCut(let k): (27, Double(k))
        case .success(let k): (29, Double(k))
        case .setP: (30, 0)
        case .setRecall: (32, 0)
        case .setF: (34, 0)
        }
    }

    /// Sorts measures into trec_eval's printing order.
    public static func trecOrdered(_ measures: [EvalMeasure]) -> [EvalMeasure] {
        measures.enumerated().sorted { a, b in
            let x = a.element.trecOrder, y = b.element.trecOrder
            return x.0 != y.0 ? x.0 < y.0 : x.1 != y.1 ? x.1 < y.1 : a.offset < b.offset
        }.map(\.element)
    }

    /// `%3.2f`, as trec_eval names a measure with a fractional cutoff.
    static func twoDecimals(_ x: Double) -> String { String(format: "%3.2f", x) }

    /// Parses one measure name.
    ///
    /// Accepts trec_eval's names with one cutoff (`P.10`, `P_10`; `ndcg_cut.10`) and the
    /// aliases `ndcg@10`, `p@10` / `P@10`, `recall@10`, `success@10`, `mrr`, `rprec`.
    /// Use `EvalMeasure.parseList(_:)` for trec_eval's lists (`P.5,10`).
    ///
    /// - Throws: `EvalError.unknownMeasure` or `EvalError.invalidCutoff`.
    public init(parsing text: String) throws(EvalError) {
        let list = try EvalMeasure.parseList(text)
        guard list.count == 1 else { throw EvalError.unknownMeasure(text) }
        self = list[0]
    }

    /// The measures of trec_eval that this evaluator computes, by trec_eval's name.
    static let trecNames = ["num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map", "Rprec", "bpref", "recip_rank",
                            "iprec_at_recall", "P", "recall", "infAP", "Rprec_mult", "utility", "ndcg", "Rndcg",
                            "ndcg_cut", "map_cut", "success", "set_P", "set_recall", "set_F"]

    /// Parses a measure name with its parameters, as trec_eval's `-m` accepts:
    /// `P.5,10,20` gives `[.precision(5), .precision(10), .precision(20)]`, `ndcg.1=3,2=10`
    /// a gain table, `iprec_at_recall.0.5`, `set_F.0.5`, `utility.2,-1,0,0`. trec_eval's
    /// printed names with one parameter are accepted too (`P_10`, `ndcg_cut_10`). A cutoff
    /// measure without cutoffs (`P`) gets trec_eval's defaults (5, 10, 15, 20, 30, 100,
    /// 200, 500, 1000; success: 1, 5, 10; iprec_at_recall: 0.0, 0.1, ..., 1.0;
    /// Rprec_mult: 0.2, 0.4, ..., 2.0). Cutoffs are sorted, as trec_eval sorts them.
    public static func parseList(_ text: String) throws(EvalError) -> [EvalMeasure] {
        let trimmed = text.trimmingASCIIWhitespace()
        var base = trimmed
        var parameters: String? = nil
        var viaAt = false
        if let at = trimmed.firstIndex(of: "@") {
            base = String(trimmed[..<at])
            parameters = String(trimmed[trimmed.index(after: at)...])
            viaAt = true
        } else if let dot = trimmed.firstIndex(of: ".") {
            base = String(trimmed[..<dot])
            parameters = String(trimmed[trimmed.index(after: dot)...])
        }
        // trec_eval's printed form: `P_10`, `ndcg_cut_10`, `iprec_at_recall_0.10`: the
        // longest measure name that ends before an underscore.
        if !viaAt && canonical(base) == nil {
            for name in trecNames.sorted(by: { $0.count > $1.count }) where trimmed.count > name.count + 1 {
                let prefix = trimmed.prefix(name.count + 1)
                if prefix.lowercased() == name.lowercased() + "_" {
                    base = name
                    parameters = String(trimmed.dropFirst(name.count + 1))
                    break
                }
            }
        }
        guard let kind = canonical(base) else {
            let trecOnly = allTrec.notComputed + ["runid", "dcg", "ideal_dcg", "yaap", "map_avgjg", "P_avgjg", "Rprec_mult_avgjg"]
            if trecOnly.contains(base) { throw EvalError.notComputed(base) }
            throw EvalError.unknownMeasure(text)
        }
        if parameters?.isEmpty == true { throw EvalError.invalidCutoff(measure: text, cutoff: "") }
        func cutoffs(_ make: (Int) -> EvalMeasure, defaults: [Int]) throws(EvalError) -> [EvalMeasure] {
            guard let parameters else { return defaults.map(make) }
            var ks: [Int] = []
            for piece in parameters.split(separator: ",", omittingEmptySubsequences: false) {
                guard let k = Int(piece), k > 0 else { throw EvalError.invalidCutoff(measure: text, cutoff: String(piece)) }
                guard !ks.contains(k) else { throw EvalError.invalidCutoff(measure: text, cutoff: String(piece)) }
                ks.append(k)
            }
            return ks.sorted().map(make)
        }
        func fractions(_ make: (Double) -> EvalMeasure, defaults: [Double]) throws(EvalError) -> [EvalMeasure] {
            guard let parameters else { return defaults.map(make) }
            var xs: [Double] = []
            for piece in parameters.split(separator: ",", omittingEmptySubsequences: false) {
                guard let x = Double(piece), x.isFinite, x >= 0 else { throw EvalError.invalidCutoff(measure: text, cutoff: String(piece)) }
                guard !xs.contains(x) else { throw EvalError.invalidCutoff(measure: text, cutoff: String(piece)) }
                xs.append(x)
            }
            return xs.sorted().map(make)
        }
        func noParameters(_ m: EvalMeasure) throws(EvalError) -> [EvalMeasure] {
            guard parameters == nil else { throw EvalError.unknownMeasure(text) }
            return [m]
        }
        let standard = [5, 10, 15, 20, 30, 100, 200, 500, 1000]
        switch kind {
        case "map": return try noParameters(.map)
        case "ndcg":
            // `ndcg@10` is nDCG at 10; `ndcg.1=3` a gain table (trec_eval reads `ndcg.10` as
            // a malformed gain table, and so do we).
            guard let parameters else { return [.ndcg] }
            if viaAt { return try cutoffs({ .ndcgCut($0) }, defaults: standard) }
            return [.ndcgGains(try TrecGainTable(parsing: parameters, measure: text))]
        case "ndcg_cut": return try cutoffs({ .ndcgCut($0) }, defaults: standard)
        case "P": return try cutoffs({ .precision($0) }, defaults: standard)
        case "recall": return try cutoffs({ .recall($0) }, defaults: standard)
        case "map_cut": return try cutoffs({ .mapCut($0) }, defaults: standard)
        case "success": return try cutoffs({ .success($0) }, defaults: [1, 5, 10])
        case "recip_rank": return try noParameters(.recipRank)
        case "Rprec": return try noParameters(.rPrecision)
        case "bpref": return try noParameters(.bpref)
        case "num_q": return try noParameters(.numQ)
        case "num_ret": return try noParameters(.numRet)
        case "num_rel": return try noParameters(.numRel)
        case "num_rel_ret": return try noParameters(.numRelRet)
        case "gm_map": return try noParameters(.gmMap)
        case "infAP": return try noParameters(.infAP)
        case "set_P": return try noParameters(.setP)
        case "set_recall": return try noParameters(.setRecall)
        case "iprec_at_recall":
            return try fractions({ .iprecAtRecall($0) }, defaults: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
        case "Rprec_mult":
            return try fractions({ .rPrecMult($0) }, defaults: [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0])
        case "Rndcg":
            guard let parameters else { return [.rNDCG(nil)] }
            return [.rNDCG(try TrecGainTable(parsing: parameters, measure: text))]
        case "set_F":
            guard let parameters else { return [.setF(beta: 1, text: nil)] }
            let first = parameters.split(separator: ",", omittingEmptySubsequences: false)[0]
            guard let beta = Double(first), beta.isFinite, beta >= 0 else { throw EvalError.invalidCutoff(measure: text, cutoff: String(first)) }
            return [.setF(beta: beta, text: parameters)]
        case "utility":
            guard let parameters else { return [.utility(coefficients: [1, -1, 0, 0], text: nil)] }
            var ps: [Double] = []
            for piece in parameters.split(separator: ",", omittingEmptySubsequences: false) {
                guard let x = Double(piece), x.isFinite else { throw EvalError.invalidCutoff(measure: text, cutoff: String(piece)) }
                ps.append(x)
            }
            guard ps.count == 4 else { throw EvalError.invalidCutoff(measure: text, cutoff: "\(ps.count) coefficients; expected 4 (relevant retrieved, non-relevant retrieved, relevant not retrieved, non-relevant not retrieved)") }
            return [.utility(coefficients: ps, text: parameters)]
        default:
            throw EvalError.unknownMeasure(text)
        }
    }

    /// trec_eval's name of a measure written in any case, or with one of our aliases.
    private static func canonical(_ base: String) -> String? {
        switch base.lowercased() {
        case "p", "precision": return "P"
        case "recip_rank", "mrr", "rr": return "recip_rank"
        case "rprec", "r-prec", "r_prec": return "Rprec"
        default:
            return trecNames.first { $0.lowercased() == base.lowercased() }
        }
    }

    /// The measures trec_eval's nickname `official` stands for (besides `runid`), with
    /// their default parameters, in trec_eval's order.
    public static var official: [EvalMeasure] {
        var out: [EvalMeasure] = [.numQ, .numRet, .numRel, .numRelRet, .map, .gmMap, .rPrecision, .bpref, .recipRank]
        out += (try? parseList("iprec_at_recall")) ?? []
        out += (try? parseList("P")) ?? []
        return out
    }

    /// The measures of trec_eval's `all_trec` that this evaluator computes, with their
    /// default parameters, in trec_eval's order; and the names of those it does not.
    public static var allTrec: (measures: [EvalMeasure], notComputed: [String]) {
        var out = official
        for name in ["recall", "infAP", "Rprec_mult", "utility", "ndcg", "success", "map_cut", "ndcg_cut", "Rndcg", "set_P", "set_recall", "set_F"] {
            out += (try? parseList(name)) ?? []
        }
        return (trecOrdered(out), ["relstring", "unj", "rbp", "rbp_resid", "gm_bpref", "11pt_avg", "relative_P", "ndcg_rel",
                                   "binG", "G", "set_relative_P", "set_map", "num_nonrel_judged_ret"])
    }

    /// The measures of trec_eval's nickname `set`, that this evaluator computes.
    public static var setMeasures: (measures: [EvalMeasure], notComputed: [String]) {
        ([.numQ, .numRet, .numRel, .numRelRet, .utility(coefficients: [1, -1, 0, 0], text: nil), .setP, .setRecall, .setF(beta: 1, text: nil)],
         ["set_relative_P", "set_map"])
    }
}

/// A gain table of `ndcg` and `Rndcg` (`1=3,2=10`): the gain of each listed grade; other
/// grades gain their own value. Kept as written, since trec_eval names the measure with it.
public struct TrecGainTable: Hashable, Sendable {
    /// (grade as written, gain), in the order written. A grade that is not a whole number
    /// is ignored, as trec_eval ignores it.
    public var pairs: [(name: String, gain: Double)] { zip(names, gains).map { ($0, $1) } }
    public let text: String
    private let names: [String]
    private let gains: [Double]

    public init(parsing text: String, measure: String) throws(EvalError) {
        var names: [String] = []
        var gains: [Double] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = piece.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let g = Double(parts[1]), g.isFinite else {
                throw EvalError.invalidCutoff(measure: measure, cutoff: "\(piece)' (expected grade=gain pairs such as 1=3,2=10")
            }
            names.append(String(parts[0]))
            gains.append(g)
        }
        self.text = text
        self.names = names
        self.gains = gains
    }

    /// The levels trec_eval uses (`setup_gains`): the listed whole-number grades, then each
    /// grade 0...max of the query's judgements not listed, gaining its own value; with the
    /// number of judged documents at each, sorted by gain (trec_eval compares gains as
    /// their difference truncated to an integer, so gains less than 1 apart keep their order).
    func levels(counts: [Int]) -> [(level: Int, gain: Double, count: Int)] {
        var out: [(level: Int, gain: Double, count: Int)] = []
        for (name, gain) in zip(names, gains) where name.allSatisfy({ $0.isASCII && $0.isNumber }) {
            out.append((Int(name) ?? 0, gain, 0))
        }
        for (level, n) in counts.enumerated() {
            if let j = out.firstIndex(where: { $0.level == level }) { out[j].count = n } else { out.append((level, Double(level), n)) }
        }
        // A stable insertion sort with trec_eval's comparator.
        for i in 1..<max(1, out.count) {
            var j = i
            while j > 0 && Int(out[j - 1].gain - out[j].gain) > 0 { out.swapAt(j - 1, j); j -= 1 }
        }
        return out
    }

    /// No table: every grade gains its own value.
    static let none = TrecGainTable()
    private init() { text = ""; names = []; gains = [] }

    public static func == (a: TrecGainTable, b: TrecGainTable) -> Bool { a.text == b.text }
    public func hash(into h: inout Hasher) { h.combine(text) }
}

/// A request the evaluator cannot carry out.
public enum EvalError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownMeasure(String)
    /// A measure of trec_eval's that this evaluator does not compute.
    case notComputed(String)
    case invalidCutoff(measure: String, cutoff: String)
    case invalidRelevanceLevel(Int)
    case invalidMaxDocuments(Int)
    /// No query has both judgements and a ranking (and `complete` was not asked for).
    case noQueriesInCommon
    /// A judged query the run has no ranking for, without `complete` (trec_eval 10.0 stops).
    case queryMissingFromRun(String, count: Int)
    case mismatchedLengths(Int, Int)
    case tooFewQueries(Int)

    public var description: String {
        switch self {
        case .notComputed(let name):
            "trec_eval's measure '\(name)' is not computed here; see docs/evaluation.md for the measures that are"
        case .unknownMeasure(let name):
            "unknown measure '\(name)'; expected one of trec_eval's num_q, num_ret, num_rel, num_rel_ret, map, gm_map, Rprec, bpref, recip_rank, iprec_at_recall.X, P.K (P_K, p@K), recall.K, infAP, Rprec_mult.X, utility.A,B,C,D, ndcg (ndcg.G=GAIN,...), Rndcg, ndcg_cut.K (ndcg@K), map_cut.K, success.K, set_P, set_recall, set_F.BETA, or the sets official, all_trec and set"
        case .invalidCutoff(let measure, let cutoff):
            "illegal cutoff '\(cutoff)' in measure '\(measure)': cutoffs must be positive integers without duplicates"
        case .invalidRelevanceLevel(let level):
            "illegal relevance level \(level): must be a non-negative integer"
        case .invalidMaxDocuments(let count):
            "illegal maximum number of documents per query \(count): must be positive"
        case .noQueriesInCommon:
            "no queries with both results and relevance judgements"
        case .queryMissingFromRun(let q, let n):
            "judged query '\(q)' has no results in the run" + (n > 1 ? " (nor have \(n - 1) other judged queries)" : "")
                + "; give -c (--complete) to score such queries 0 and average over every judged query, as trec_eval 10.0 requires"
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
