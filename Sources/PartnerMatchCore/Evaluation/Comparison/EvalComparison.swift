/// Several runs evaluated on the same judgements, each compared with the first (the
/// baseline) by paired significance tests over queries.
///
/// For each measure, every run after the first is compared with the first by a paired
/// t-test and a randomization test; the p-values of each test are Holm-corrected over the
/// comparisons of that measure (runs - 1 of them; with two runs the correction changes
/// nothing). A difference is significant when the corrected randomization p-value is below
/// `alpha`.
///
/// ```swift
/// let comparison = try EvalComparison(qrels: qrels, runs: [("default", a), ("builtin:random", b)],
///                                     measures: [.map, .ndcgCut(10)])
/// comparison.test(.map, run: 1)?.isSignificant
/// ```
public struct EvalComparison: Sendable {
    /// One run against the baseline on one measure.
    public struct Test: Sendable, Hashable {
        public var measure: EvalMeasure
        /// Index of the run in `names` (1 or more).
        public var run: Int
        /// Queries both reports evaluated.
        public var queryCount: Int
        /// Mean of run - baseline.
        public var meanDifference: Double
        /// Paired t-test, two-sided; nil with fewer than 2 queries.
        public var tTestP: Double?
        public var tTestPHolm: Double?
        /// Randomization test, two-sided; nil with fewer than 2 queries.
        public var randomizationP: Double?
        public var randomizationPHolm: Double?
        public var isSignificant: Bool
    }

    public var names: [String]
    public var reports: [EvalReport]
    public var measures: [EvalMeasure]
    /// Every run after the first on every measure, measure by measure.
    public var tests: [Test]
    public var alpha: Double
    public var permutations: Int
    public var seed: UInt64
    /// The funder of each query (its top-graded documents) for the per-funder averages;
    /// set by the initialisers that see the qrels.
    public var funders: [String: String] = [:]

    /// Evaluates each run and compares it with the first.
    ///
    /// - Parameters:
    ///   - relevanceLevel, complete: as `TrecEval.evaluate`.
    ///   - permutations, seed: of the randomization test (exact below 2^n <= permutations).
    /// - Throws: `EvalError` from the evaluation (no query in common, bad level).
    public init(qrels: TrecQrels, runs: [(name: String, run: TrecRun)], measures: [EvalMeasure],
                relevanceLevel: Int = 1, complete: Bool = false, alpha: Double = 0.05,
                permutations: Int = 10_000, seed: UInt64 = 20_260_701) throws(EvalError) {
        var reports: [EvalReport] = []
        for r in runs {
            reports.append(try TrecEval.evaluate(qrels: qrels, run: r.run, measures: measures,
                                                 relevanceLevel: relevanceLevel, complete: complete))
        }
        self.init(names: runs.map(\.name), reports: reports, measures: measures, alpha: alpha,
                  permutations: permutations, seed: seed)
        funders = qrels.funderOfQuery
    }

    /// Compares reports already computed; `reports[0]` is the baseline.
    public init(names: [String], reports: [EvalReport], measures: [EvalMeasure], alpha: Double = 0.05,
                permutations: Int = 10_000, seed: UInt64 = 20_260_701) {
        self.names = names
        self.reports = reports
        self.measures = measures
        self.alpha = alpha
        self.permutations = permutations
        self.seed = seed
        var tests: [Test] = []
        guard let baseline = reports.first else { self.tests = []; return }
        for measure in measures {
            var family: [Test] = []
            for r in reports.indices.dropFirst() {
                let pair = EvalReport.paired(reports[r], baseline, measure: measure)
                let n = pair.a.count
                let difference = n == 0 ? 0 : zip(pair.a, pair.b).reduce(0) { $0 + $1.0 - $1.1 } / Double(n)
                let t = try? EvalSignificance.pairedTTest(pair.a, pair.b)
                let randomization = try? EvalSignificance.randomizationTest(pair.a, pair.b, permutations: permutations, seed: seed)
                family.append(Test(measure: measure, run: r, queryCount: n, meanDifference: difference,
                                   tTestP: t?.pValue, tTestPHolm: nil,
                                   randomizationP: randomization?.pValue, randomizationPHolm: nil, isSignificant: false))
            }
            // Holm over the comparisons that have a p-value.
            let withT = family.indices.filter { family[$0].tTestP != nil }
            for (i, p) in zip(withT, EvalSignificance.holm(withT.map { family[$0].tTestP! })) { family[i].tTestPHolm = p }
            let withR = family.indices.filter { family[$0].randomizationP != nil }
            for (i, p) in zip(withR, EvalSignificance.holm(withR.map { family[$0].randomizationP! })) {
                family[i].randomizationPHolm = p
                family[i].isSignificant = p < alpha
            }
            tests += family
        }
        self.tests = tests
    }

    /// The test of run `run` (1 or more) on `measure`.
    public func test(_ measure: EvalMeasure, run: Int) -> Test? {
        tests.first { $0.measure == measure && $0.run == run }
    }

    /// Queries in the baseline's report.
    public var queryCount: Int { reports.first?.queryCount ?? 0 }
}

extension TrecQrels {
    /// The judgements of the queries in `queryIDs` only, so that a comparison averages over
    /// the needs that were both judged and ranked.
    public func restricted(to queryIDs: Set<String>) -> TrecQrels {
        var kept: [(query: String, document: String, grade: Int)] = []
        for (q, id) in table.queryIDs.enumerated() where queryIDs.contains(id) {
            for e in table.entries(ofQuery: q) { kept.append((id, table.name(ofEntry: e), Int(grades[e]))) }
        }
        // The judgements come from a valid qrels, so no document repeats within a query.
        return (try? TrecQrels(judgements: kept, name: "qrels")) ?? self
    }
}

extension EvalComparison {
    /// Ranks `needs` with each ranker and compares the rankings, the first ranker being the
    /// baseline.
    ///
    /// Only the needs judged in `qrels` count, and every one of them counts: a need whose
    /// ranking is empty (every partner filtered out) scores 0, as with trec_eval's `-c`.
    /// Judged queries that are not among `needs` are left out.
    ///
    /// - Throws: `TrecFormatError` if two needs share an id; `EvalError` if no need is judged.
    public init(qrels: TrecQrels, needs: [Need], partners: [Partner], reference: ReferenceData,
                rankers: [(name: String, ranker: EvalRanker)], top k: Int, measures: [EvalMeasure],
                relevanceLevel: Int = 1, alpha: Double = 0.05, permutations: Int = 10_000,
                seed: UInt64 = 20_260_701, threads: Int, evidence: EvidenceHistory? = nil,
                progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws {
        let judged = qrels.restricted(to: Set(needs.map(\.id)))
        // Only judged needs count: the others are not ranked at all.
        let judgedIDs = Set(judged.queryIDs)
        let needs = needs.filter { judgedIDs.contains($0.id) }
        var runs: [(name: String, run: TrecRun)] = []
        // Progress counts the rankers done (each ranks every need in one call: slicing
        // the needs would compile the catalog again per slice and reseed builtin:random).
        progress?(0, rankers.count)
        for (i, r) in rankers.enumerated() {
            let rankings = r.ranker.rank(needs, partners: partners, reference: reference, top: k, threads: threads, evidence: evidence)
            runs.append((r.name, try TrecRun(rankings: rankings, tag: r.name)))
            progress?(i + 1, rankers.count)
        }
        try self.init(qrels: judged, runs: runs, measures: measures, relevanceLevel: relevanceLevel,
                      complete: true, alpha: alpha, permutations: permutations, seed: seed)
    }
}
