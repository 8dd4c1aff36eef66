import Foundation

/// Learns a rule's feature weights (and chosen parameters) by coordinate ascent with
/// random restarts, as RankLib's CoordinateAscent does (Metzler and Croft, 2007).
///
/// Weights are kept non-negative and summing to 1. From a start, each round visits the
/// coordinates in a seeded random order: for a feature it tries moving its weight up and
/// down by steps that double from `firstStep`; for a parameter, each of its other values
/// (a parameter changes feature values, so each value has its own feature matrix). The
/// best move is kept if it raises the objective by more than `tolerance`; rounds repeat
/// until one improves nothing or `maxRounds` is reached. The first start is the base rule's weights, the others random,
/// and the best result of all starts wins. Because the base is one of the starts and a
/// move is only kept when it improves, the result is never worse than the base on the
/// objective. Seeded and deterministic: the same inputs and seed give the same weights.
///
/// Restraint, for truth that is small or skewed: with `Settings.maxChange` F every weight
/// stays within a factor F of the base's (as shares of the total; a weight the base sets
/// to 0 stays 0), random starts included. With a `validation` objective (needs held out
/// of the training needs), each start stops after `patience` rounds that do not raise the
/// validation value, and the weights kept are those best on validation, the base's
/// included: the training value alone then decides nothing.
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
        /// Each weight's share stays within this factor (above 1) of the base's; nil: free.
        public var maxChange: Double?
        /// With validation, a start stops after this many rounds without a better
        /// validation value.
        public var patience: Int
        public init(restarts: Int = 4, maxRounds: Int = 20, firstStep: Double = 0.01, steps: Int = 6, tolerance: Double = 1e-6,
                    maxChange: Double? = nil, patience: Int = 2) {
            precondition(maxChange.map { $0 >= 1 && $0.isFinite } ?? true, "maxChange must be a finite factor of at least 1")
            self.restarts = restarts; self.maxRounds = maxRounds; self.firstStep = firstStep; self.steps = steps; self.tolerance = tolerance
            self.maxChange = maxChange; self.patience = patience
        }
    }

    public struct Result: Sendable, Hashable {
        /// The best weights, summing to 1.
        public var weights: [Double]
        /// The best value of each parameter, in `parameters` order.
        public var parameterValues: [Double]
        /// The training objective of the weights kept.
        public var value: Double
        /// The objective of the base weights.
        public var baseValue: Double
        /// With validation: the validation value of the weights kept, and of the base.
        public var validationValue: Double?
        public var baseValidationValue: Double?
        /// Starts that stopped because validation stopped improving.
        public var stoppedEarly: Int = 0
        /// Weightings evaluated.
        public var evaluations: Int
        /// The start (0 = the base) that gave the best weights.
        public var bestStart: Int
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

    /// A parameter to tune and the values to try (the base rule's own value is always
    /// one of them).
    public struct Parameter: Sendable, Hashable {
        public var path: Rule.ParameterPath
        public var values: [Double]
        public init(path: Rule.ParameterPath, values: [Double]) { self.path = path; self.values = values }
    }

    public let settings: Settings
    public let seed: UInt64
    /// Builds the objective of a rule's parameter values (a feature matrix under them).
    let objective: @Sendable ([Double]) -> TuningObjective
    public let parameters: [Parameter]
    /// Whether a combination of parameter values makes a valid rule (`presence.low` must
    /// stay below `presence.high`); invalid ones are never tried.
    let valid: @Sendable ([Double]) -> Bool
    /// The objective on held-out validation needs, by parameter values, if any.
    let validation: (@Sendable ([Double]) -> TuningObjective)?

    /// Tunes weights only, on a fixed objective (and chooses on `validation`, if given).
    public init(objective: TuningObjective, validation: TuningObjective? = nil, settings: Settings = Settings(), seed: UInt64 = 20_260_701) {
        self.objective = { _ in objective }
        if let validation { self.validation = { @Sendable _ in validation } } else { self.validation = nil }
        self.parameters = []
        self.valid = { _ in true }
        self.settings = settings
        self.seed = seed
    }

    /// Tunes weights and the values of `parameters`; `objective` builds the objective
    /// for one value of each parameter, in `parameters` order. The base values must be
    /// among each parameter's values.
    public init(parameters: [Parameter], settings: Settings = Settings(), seed: UInt64 = 20_260_701,
                valid: @escaping @Sendable ([Double]) -> Bool = { _ in true },
                validation: (@Sendable ([Double]) -> TuningObjective)? = nil,
                objective: @escaping @Sendable ([Double]) -> TuningObjective) {
        self.objective = objective
        self.validation = validation
        self.parameters = parameters
        self.valid = valid
        self.settings = settings
        self.seed = seed
    }

    /// Tunes from `base` weights (over the objective's features) and, for each parameter,
    /// the index of its base value in `baseChoices`. `progress` is called after each
    /// coordinate's moves are tried.
    public func tune(from base: [Double], baseChoices: [Int] = [], progress: (Progress) -> Void = { _ in }) -> Result {
        var rng = EvalSplitMix64(seed: seed)
        let n = base.count
        let choices0 = baseChoices.count == parameters.count ? baseChoices : parameters.map { _ in 0 }
        var evaluations = 0
        // Objectives by parameter choice: each holds a feature matrix, so only the few in
        // use are kept.
        var cache: [[Int]: TuningObjective] = [:]
        var validationCache: [[Int]: TuningObjective] = [:]
        func cached(_ c: [Int], _ cache: inout [[Int]: TuningObjective], _ make: @Sendable ([Double]) -> TuningObjective) -> TuningObjective {
            if let o = cache[c] { return o }
            // Keep matrices up to about 1 GB in all.
            if let any = cache.values.first, cache.count * any.matrixBytes > 1 << 29 { cache.removeAll() }
            let o = make(zip(parameters, c).map { $0.values[$1] })
            cache[c] = o
            return o
        }
        func isValid(_ c: [Int]) -> Bool { valid(zip(parameters, c).map { $0.values[$1] }) }
        func evaluate(_ w: [Double], _ c: [Int]) -> Double { evaluations += 1; return cached(c, &cache, objective).value(w) }
        func validate(_ w: [Double], _ c: [Int]) -> Double? { validation.map { cached(c, &validationCache, $0).value(w) } }
        let start0 = RuleTuner.normalized(base.allSatisfy { $0 == 0 } ? [Double](repeating: 1, count: n) : base)
        // Within a factor of the base: each share in [b / F, b x F] (tiny slack for rounding).
        func withinBounds(_ w: [Double]) -> Bool {
            guard let f = settings.maxChange else { return true }
            return zip(w, start0).allSatisfy { w, b in b == 0 ? w == 0 : (w >= b / f * (1 - 1e-9) && w <= b * f * (1 + 1e-9)) }
        }
        let baseValue = evaluate(start0, choices0)
        let baseValidation = validate(start0, choices0)
        var stoppedEarly = 0
        var best = (weights: start0, choices: choices0, value: baseValue, validation: baseValidation, start: 0)
        
        let starts = 1 + max(0, settings.restarts)
        for s in 0..<starts {
            var w: [Double]
            var c: [Int]
            var value: Double
            if s == 0 {
                (w, c, value) = (start0, choices0, baseValue)
            } else {
                if let f = settings.maxChange {
                    // Log-uniform in [b / sqrt(F), b x sqrt(F)]: after scaling to sum 1, every
                    // share is still within a factor F of the base's.
                    w = RuleTuner.normalized(start0.map { b in b * pow(f, Double(rng.next() >> 11) * 0x1p-53 - 0.5) })
                } else {
                    w = RuleTuner.normalized((0..<n).map { _ in Double(rng.next() >> 11) * 0x1p-53 + 1e-3 })
                }
                // Random values, drawn again while they make an invalid rule.
                c = choices0
                for _ in 0..<100 {
                    let drawn = parameters.map { Int(rng.next() % UInt64($0.values.count)) }
                    if isValid(drawn) { c = drawn; break }
                }
                value = evaluate(w, c)
            }
            // The start's best on validation, and rounds since it last improved.
            var startBest = (weights: w, choices: c, value: value, validation: validate(w, c))
            var stale = 0
            for round in 0..<settings.maxRounds {
                var improved = false
                // Coordinates: each feature's weight, then each parameter, in a seeded order.
                var order = Array(0..<(n + parameters.count))
                EvidenceTruth.shuffle(&order, &rng)
                for coordinate in order {
                    var bestMove: (w: [Double], c: [Int], value: Double)? = nil
                    if coordinate < n {
                        let f = coordinate
                        for direction in [1.0, -1.0] {
                            var step = settings.firstStep
                            for _ in 0..<settings.steps {
                                var candidate = w
                                candidate[f] = max(0, w[f] + direction * step)
                                step *= 2
                                guard candidate[f] != w[f], candidate.contains(where: { $0 > 0 }) else { continue }
                                candidate = RuleTuner.normalized(candidate)
                                guard withinBounds(candidate) else { continue }
                                let v = evaluate(candidate, c)
                                if v > (bestMove?.value ?? value) + settings.tolerance { bestMove = (candidate, c, v) }
                            }
                        }
                    } else {
                        let p = coordinate - n
                        for option in parameters[p].values.indices where option != c[p] {
                            var candidate = c
                            candidate[p] = option
                            guard isValid(candidate) else { continue }
                            let v = evaluate(w, candidate)
                            if v > (bestMove?.value ?? value) + settings.tolerance { bestMove = (w, candidate, v) }
                        }
                    }
                    if let m = bestMove { (w, c, value) = (m.w, m.c, m.value); improved = true }
                    progress(Progress(start: s, starts: starts, round: round + 1, evaluations: evaluations, best: max(best.value, value)))
                }
                if !improved { break }
                if let v = validate(w, c) {
                    if v > startBest.validation! + settings.tolerance { startBest = (w, c, value, v); stale = 0 } else { stale += 1 }
                    if stale >= settings.patience { stoppedEarly += 1; break }
                } else {
                    startBest = (w, c, value, nil)
                }
            }
            if let v = startBest.validation {
                if v > best.validation! + settings.tolerance { best = (startBest.weights, startBest.choices, startBest.value, v, s) }
            } else if startBest.value > best.value + settings.tolerance {
                best = (startBest.weights, startBest.choices, startBest.value, nil, s)
            }
        }
        return Result(weights: best.weights, parameterValues: zip(parameters, best.choices).map { $0.values[$1] },
                      value: best.value, baseValue: baseValue, validationValue: best.validation, baseValidationValue: baseValidation,
                      stoppedEarly: stoppedEarly, evaluations: evaluations, bestStart: best.start)
    }

    /// Weights scaled to sum to 1 (unchanged when they sum to 0).
    public static func normalized(_ w: [Double]) -> [Double] {
        let total = w.reduce(0, +)
        return total > 0 ? w.map { $0 / total } : w
    }

    /// `base` with the features' weights set to `weights` scaled to sum to 100 and rounded
    /// to 2 decimals (a feature weighed 0 stays in the rule, so its parameters are kept),
    /// and the parameters set to their values.
    public static func rule(_ base: Rule, features: [Feature], weights: [Double], parameters: [(Rule.ParameterPath, Double)] = [],
                            name: String, version: String, description: String?) -> Rule {
        var rule = base
        for (p, v) in parameters { Rule.access(p, &rule.features, set: v) }
        rule.name = name
        rule.version = version
        rule.description = description
        for (f, w) in zip(features, normalized(weights)) { rule.features.setWeight(f, (w * 10_000).rounded() / 100) }
        return rule
    }
}
