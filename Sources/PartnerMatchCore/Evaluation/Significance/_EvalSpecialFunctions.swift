import Foundation

/// Special functions behind the t-test's p-value.
enum _EvalSpecialFunctions {
    /// The regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1.
    ///
    /// Evaluated with the continued fraction for I_x(a, b) (modified Lentz's method), which
    /// converges fast for x < (a + 1) / (a + b + 2); above that point the symmetry
    /// I_x(a, b) = 1 - I_{1-x}(b, a) is used. Relative accuracy is about 1e-15.
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta needs a, b > 0")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    /// The continued fraction 1 / (1 + d1 / (1 + d2 / (1 + ...))) of I_x(a, b), where
    /// d(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
    /// d(2m)   =  m (b - m) x / ((a + 2m - 1)(a + 2m)).
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...100_000 {
            let m = Double(m)
            // Even step.
            var term = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step.
            term = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return result
    }

    /// Two-sided tail probability P(|T| >= |t|) of Student's t with `df` degrees of freedom.
    static func studentTTwoSided(t: Double, degreesOfFreedom df: Double) -> Double {
        if t.isNaN { return .nan }
        if t.isInfinite { return 0 }
        return regularizedIncompleteBeta(x: df / (df + t * t), a: df / 2, b: 0.5)
    }
}
