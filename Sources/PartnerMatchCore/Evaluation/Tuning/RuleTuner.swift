/// Learns a rule's feature weights by coordinate ascent with random restarts, as RankLib's
/// CoordinateAscent does (Metzler and Croft, 2007).
///
/// Weights are kept non-negative and summing to 1. From a start, each round visits the
/// features in a seeded random order; for each it tries moving its weight up and down by
/// steps that double from `firstStep`, keeps the best move if it raises the objective by
/// more than `tolerance`, and goes on; rounds repeat until one improves nothing or
/// `maxRounds` is reached. The first start is the base rule's weights, the others random,
/// and the best result of all starts wins. Because the base is one of the starts and a
/// move is only kept when it improves, the result is never worse than the base on the
/// objective. Seeded and deterministic: the same inputs and seed give the same weights.
///
/// ```swift
/// let tuner = RuleTuner(objective: objective, seed: 7)
/// let result = tuner.tune(from: FeatureMatrix.weights(of: rule, matrix.features))
/// ```
public struct RuleTuner: Sendable {
    public struct Settings: Sendable, Hashable {
        /// Starts after the first (the base weights).
        public var restarts: Int
        public var maxRounds: Int
        public var firstStep: Double
        /// Step sizes tried per direction: firstStep, 2x, 4x...
        public var steps: Int
        /// A move is kept when it raises the objective by more than this.
        public var tolerance: Double
        public init(restarts: Int = 4, maxRounds: Int = 20, firstStep: Double = 0.01, steps: Int = 6, tolerance: Double = 1e-6) {
            self.restarts = restarts; self.maxRounds = maxRounds; self.firstStep = firstStep; self.steps = steps; self.tolerance = tolerance
        }
    }

    public struct Result: Sendable, Hashable {
        /// The best weights, summing to 1.
        public var weights: [Double]
        public var value: Double
        /// The objective of the base weights.
        public var baseValue: Double
        /// Weightings evaluated.
        public var evaluations: Int
        /// The start (0 = the base) that gave the best weights.
        public var bestStart: Int
    }

    public let objective: TuningObjective
    public let settings: Settings
    public let seed: UInt64

    public init(objective: TuningObjective, settings: Settings = Settings(), seed: UInt64 = 20_260_701) {
        self.objective = objective
        self.settings = settings
        self.seed = seed
    }

    /// Where tuning stands, for a progress line.
    public struct Progress: Sendable {
        /// The start under way (0 = the base), of `starts`.
        public var start: Int
        public var starts: Int
        public var round: Int
        public var evaluations: Int
        /// The best objective so far, over all starts.
        public var best: Double
    }

    /// Tunes from `base` (weights over `objective`'s features). `progress` is called after
    /// each feature's moves are tried.
    public func tune(from base: [Double], progress: (Progress) -> Void = { _ in }) -> Result {
        var rng = EvalSplitMix64(seed: seed)
        let n = base.count
        var evaluations = 0
        func evaluate(_ w: [Double]) -> Double { evaluations += 1; return objective.value(w) }
        let start0 = RuleTuner.normalized(base.allSatisfy { $0 == 0 } ? [Double](repeating: 1, count: n) : base)
        let baseValue = evaluate(start0)
        var best = (weights: start0, value: baseValue, start: 0)
        let starts = 1 + max(0, settings.restarts)
        for s in 0..<starts {
            var w: [Double]
            var value: Double
            if s == 0 {
                (w, value) = (start0, baseValue)
            } else {
                w = RuleTuner.normalized((0..<n).map { _ in Double(rng.next() >> 11) * 0x1p-53 + 1e-3 })
                value = evaluate(w)
            }
            for round in 0..<settings.maxRounds {
                var improved = false
                var order = Array(0..<n)
                EvidenceTruth.shuffle(&order, &rng)
                for f in order {
                    var bestMove: (w: [Double], value: Double)? = nil
                    for direction in [1.0, -1.0] {
                        var step = settings.firstStep
                        for _ in 0..<settings.steps {
                            var candidate = w
                            candidate[f] = max(0, w[f] + direction * step)
                            step *= 2
                            guard candidate[f] != w[f], candidate.contains(where: { $0 > 0 }) else { continue }
                            candidate = RuleTuner.normalized(candidate)
                            let v = evaluate(candidate)
                            if v > (bestMove?.value ?? value) + settings.tolerance { bestMove = (candidate, v) }
                        }
                    }
                    if let m = bestMove { (w, value) = (m.w, m.value); improved = true }
                    progress(Progress(start: s, starts: starts, round: round + 1, evaluations: evaluations, best: max(best.value, value)))
                }
                if !improved { break }
            }
            if value > best.value + settings.tolerance { best = (w, value, s) }
        }
        return Result(weights: best.weights, value: best.value, baseValue: baseValue, evaluations: evaluations, bestStart: best.start)
    }

    /// Weights scaled to sum to 1 (unchanged when they sum to 0).
    public static func normalized(_ w: [Double]) -> [Double] {
        let total = w.reduce(0, +)
        return total > 0 ? w.map { $0 / total } : w
    }

    /// `base` with the features' weights set to `weights` scaled to sum to 100 and rounded
    /// to 2 decimals (a feature weighed 0 stays in the rule, so its parameters are kept).
    public static func rule(_ base: Rule, features: [Feature], weights: [Double], name: String, version: String, description: String?) -> Rule {
        var rule = base
        rule.name = name
        rule.version = version
        rule.description = description
        for (f, w) in zip(features, normalized(weights)) { rule.features.setWeight(f, (w * 10_000).rounded() / 100) }
        return rule
    }
}
