import Foundation

/// Paired significance tests over queries, and Holm's correction for several comparisons.
///
/// Both tests take two equally long lists of per-query values of one measure, aligned by
/// query (see `EvalReport.paired(_:_:measure:)`), and test whether their mean difference is 0.
public enum EvalSignificance {
    /// The outcome of a paired t-test.
    public struct TTestResult: Sendable, Hashable {
        /// Mean of `a - b`.
        public var meanDifference: Double
        /// t = mean / (s / sqrt(n)), s the sample standard deviation of the differences.
        public var t: Double
        public var degreesOfFreedom: Int
        /// Two-sided p-value from Student's t distribution.
        public var pValue: Double
    }

    /// The outcome of a randomization test.
    public struct RandomizationResult: Sendable, Hashable {
        public var meanDifference: Double
        public var pValue: Double
        /// Sign assignments evaluated: 2^n when `isExact`, else the number of random draws.
        public var permutations: Int
        /// True when all 2^n sign assignments were enumerated.
        public var isExact: Bool
    }

    /// Paired two-sided t-test of mean(a - b) = 0, as `scipy.stats.ttest_rel`.
    ///
    /// When every difference is the same, the standard deviation is 0: the p-value is 1 if the
    /// differences are all 0 (scipy gives NaN) and 0 otherwise (t = ±infinity, as scipy).
    ///
    /// - Throws: `EvalError` if the lists differ in length or have fewer than 2 values.
    public static func pairedTTest(_ a: [Double], _ b: [Double]) throws(EvalError) -> TTestResult {
        guard a.count == b.count else { throw .mismatchedLengths(a.count, b.count) }
        let n = a.count
        guard n >= 2 else { throw .tooFewQueries(n) }
        let differences = zip(a, b).map { $0 - $1 }
        let mean = differences.reduce(0, +) / Double(n)
        let sumOfSquares = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let standardDeviation = (sumOfSquares / Double(n - 1)).squareRoot()
        let df = n - 1
        guard standardDeviation > 0 else {
            return TTestResult(meanDifference: mean, t: mean == 0 ? 0 : (mean > 0 ? .infinity : -.infinity),
                               degreesOfFreedom: df, pValue: mean == 0 ? 1 : 0)
        }
        let t = mean / (standardDeviation / Double(n).squareRoot())
        let p = _EvalSpecialFunctions.studentTTwoSided(t: t, degreesOfFreedom: Double(df))
        return TTestResult(meanDifference: mean, t: t, degreesOfFreedom: df, pValue: min(1, p))
    }

    /// Paired two-sided randomization (sign-flip permutation) test of mean(a - b) = 0.
    ///
    /// Under the null hypothesis each query's two values are exchangeable, so the sign of each
    /// difference is arbitrary. The statistic is |mean difference|. When 2^n <= `permutations`
    /// every sign assignment is enumerated and p = (assignments at least as extreme) / 2^n,
    /// exactly. Otherwise `permutations` random assignments are drawn from `EvalSplitMix64(seed:)`
    /// and p = (count + 1) / (permutations + 1), which counts the observed assignment and is
    /// never 0. Ties within 1e-12 (relative) count as "at least as extreme".
    ///
    /// - Throws: `EvalError` if the lists differ in length or have fewer than 2 values.
    public static func randomizationTest(
        _ a: [Double], _ b: [Double], permutations: Int = 10_000, seed: UInt64 = 20_260_701
    ) throws(EvalError) -> RandomizationResult {
        guard a.count == b.count else { throw .mismatchedLengths(a.count, b.count) }
        let n = a.count
        guard n >= 2 else { throw .tooFewQueries(n) }
        let differences = zip(a, b).map { $0 - $1 }
        let observed = differences.reduce(0, +)
        let scale = differences.reduce(0) { $0 + abs($1) }
        let threshold = abs(observed) - 1e-12 * max(scale, Double.leastNormalMagnitude)
        let meanDifference = observed / Double(n)

        if n < 62 && (1 << n) <= permutations {
            // Walk all 2^n sign vectors in Gray-code order: one sign changes per step.
            let total = 1 << n
            var signs = [Double](repeating: 1, count: n)
            var sum = observed
            var extreme = abs(sum) >= threshold ? 1 : 0
            for step in 1..<total {
                let i = step.trailingZeroBitCount
                sum -= 2 * signs[i] * differences[i]
                signs[i] = -signs[i]
                if abs(sum) >= threshold { extreme += 1 }
            }
            return RandomizationResult(meanDifference: meanDifference, pValue: Double(extreme) / Double(total),
                                       permutations: total, isExact: true)
        }

        var generator = EvalSplitMix64(seed: seed)
        var extreme = 0
        for _ in 0..<permutations {
            var sum = 0.0
            var bits: UInt64 = 0
            for (i, d) in differences.enumerated() {
                if i & 63 == 0 { bits = generator.next() }
                sum += (bits & 1) == 0 ? d : -d
                bits >>= 1
            }
            if abs(sum) >= threshold { extreme += 1 }
        }
        return RandomizationResult(meanDifference: meanDifference,
                                   pValue: Double(extreme + 1) / Double(permutations + 1),
                                   permutations: permutations, isExact: false)
    }

    /// Holm-Bonferroni adjusted p-values, in the order given.
    ///
    /// With p-values sorted increasingly p(1) <= ... <= p(m), the adjusted value of p(i) is
    /// max over j <= i of min(1, (m - j + 1) p(j)) (as R's `p.adjust(method = "holm")`).
    /// A comparison is significant at level alpha when its adjusted p-value is <= alpha, which
    /// controls the family-wise error rate at alpha.
    public static func holm(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 0, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
