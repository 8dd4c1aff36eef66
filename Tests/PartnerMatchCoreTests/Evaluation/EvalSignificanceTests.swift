import Foundation
import Testing
@testable import PartnerMatchCore

@Suite struct EvalSignificanceTests {
    /// reference-ttest.tsv: name, t, p, a values, b values (scipy.stats.ttest_rel).
    @Test func tTestAgreesWithScipy() throws {
        let text = String(decoding: try EvalFixtures.bytes("reference-ttest.tsv"), as: UTF8.self)
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            let a = f[3].split(separator: ",").map { Double($0)! }
            let b = f[4].split(separator: ",").map { Double($0)! }
            let result = try EvalSignificance.pairedTTest(a, b)
            #expect(abs(result.t - Double(f[1])!) < 1e-6 * max(1, abs(result.t)), "\(f[0]) t")
            #expect(abs(result.pValue - Double(f[2])!) < 1e-6, "\(f[0]) p \(result.pValue) vs \(f[2])")
            checked += 1
        }
        #expect(checked == 6)
    }

    @Test func incompleteBetaKnownValues() {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
        #expect(abs(_EvalSpecialFunctions.regularizedIncompleteBeta(x: 0.3, a: 1, b: 1) - 0.3) < 1e-14)
        #expect(abs(_EvalSpecialFunctions.regularizedIncompleteBeta(x: 0.7, a: 3, b: 1) - pow(0.7, 3)) < 1e-14)
        #expect(abs(_EvalSpecialFunctions.regularizedIncompleteBeta(x: 0.2, a: 1, b: 5) - (1 - pow(0.8, 5))) < 1e-14)
        // t with 1 degree of freedom is Cauchy: P(|T| >= t) = 1 - 2 atan(t) / pi.
        for t in [0.1, 1.0, 3.0, 50.0] {
            let p = _EvalSpecialFunctions.studentTTwoSided(t: t, degreesOfFreedom: 1)
            #expect(abs(p - (1 - 2 * atan(t) / Double.pi)) < 1e-12, "t = \(t)")
        }
        // 2 degrees of freedom: P(|T| >= t) = 1 - t / sqrt(2 + t^2).
        for t in [0.5, 2.0, 10.0] {
            let p = _EvalSpecialFunctions.studentTTwoSided(t: t, degreesOfFreedom: 2)
            #expect(abs(p - (1 - t / (2 + t * t).squareRoot())) < 1e-12, "t = \(t)")
        }
    }

    @Test func tTestDegenerateCases() throws {
        #expect(try EvalSignificance.pairedTTest([1, 2, 3], [1, 2, 3]).pValue == 1)
        #expect(try EvalSignificance.pairedTTest([2, 3, 4], [1, 2, 3]).pValue == 0)
        #expect(throws: EvalError.mismatchedLengths(2, 1)) { try EvalSignificance.pairedTTest([1, 2], [1]) }
        #expect(throws: EvalError.tooFewQueries(1)) { try EvalSignificance.pairedTTest([1], [1]) }
    }

    /// Exact enumeration on a small case, checked against an independent brute force.
    @Test func randomizationTestIsExactForSmallSamples() throws {
        let a = [0.9, 0.8, 0.75, 0.6, 0.5, 0.55]
        let b = [0.7, 0.6, 0.8, 0.4, 0.5, 0.3]
        // Differences 0.2, 0.2, -0.05, 0.2, 0, 0.25; observed sum 0.8. Brute force over the
        // 64 sign vectors, written independently of the Gray-code walk.
        let d = zip(a, b).map { $0 - $1 }
        var extreme = 0
        for mask in 0..<64 {
            var sum = 0.0
            for i in 0..<6 { sum += (mask >> i) & 1 == 1 ? -d[i] : d[i] }
            if abs(sum) >= abs(d.reduce(0, +)) - 1e-12 { extreme += 1 }
        }
        let result = try EvalSignificance.randomizationTest(a, b)
        #expect(result.isExact)
        #expect(result.permutations == 64)
        #expect(result.pValue == Double(extreme) / 64)
        // By hand: |sum| >= 0.8 needs 0.2, 0.2, 0.2 and 0.25 on one side (0.85); then -0.05
        // may agree (0.9) or not (0.8, a tie, which counts), the 0 is either sign, and the
        // mirror image too: 2 x 2 x 2 = 8 of 64. Flipping any large one gives at most 0.5.
        #expect(result.pValue == 8.0 / 64)
    }

    @Test func randomizationTestWithSeedIsReproducibleAndNearExact() throws {
        var generator = EvalSplitMix64(seed: 1)
        let a = (0..<20).map { _ in Double.random(in: 0...1, using: &generator) }
        let b = a.map { $0 - 0.05 + Double.random(in: -0.2...0.2, using: &generator) }
        let first = try EvalSignificance.randomizationTest(a, b, permutations: 20_000, seed: 42)
        let second = try EvalSignificance.randomizationTest(a, b, permutations: 20_000, seed: 42)
        #expect(first == second)
        #expect(!first.isExact)
        // 2^20 > 20,000: sampled. Compare with the exact value from all 2^20 assignments.
        let exact = try EvalSignificance.randomizationTest(a, b, permutations: 1 << 20)
        #expect(exact.isExact)
        // Monte Carlo standard error with 20,000 draws is at most 0.0036; allow 4 of them.
        #expect(abs(first.pValue - exact.pValue) < 0.015)
    }

    @Test func holmAdjustsInStepDownOrder() {
        // Sorted: 0.01 (x4 = 0.04), 0.02 (x3 = 0.06), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> max 0.06).
        let adjusted = EvalSignificance.holm([0.03, 0.01, 0.04, 0.02])
        let expected = [0.06, 0.04, 0.06, 0.06]
        for (x, y) in zip(adjusted, expected) { #expect(abs(x - y) < 1e-15) }
        #expect(EvalSignificance.holm([0.5, 0.9]) == [1, 1])
        #expect(EvalSignificance.holm([]) == [])
    }
}
