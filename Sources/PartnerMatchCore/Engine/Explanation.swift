/// Why a partner scored what it did for a need: each feature's value, weight and
/// contribution, with short reasons in Vietnamese and English, and the filters.
///
/// The contributions add up to `score` (within float rounding), as Lucene's
/// `Explanation` adds up to its score: both come from the same feature functions.
public struct Explanation: Sendable, Hashable {
    public var partnerID: String
    public var needID: String
    /// 0 to 100: the sum of the contributions; -1 when a filter excludes the partner.
    public var score: Double
    public var features: [FeatureContribution]
    /// Every filter of the rule, passed or not, in the order they are checked.
    public var filters: [FilterOutcome]
    /// The factor the sector gate put on every feature but sector fit and sector
    /// evidence (1 when the rule does not gate); each contribution already includes it.
    public var sectorGate: Double = 1
    /// The dormant discount, when the partner's best compatible window is dormant for Viet
    /// Nam; each contribution already includes it.
    public var dormancy: Dormancy?

    /// True when no filter excluded the partner.
    public var isEligible: Bool { filters.allSatisfy(\.passed) }

    /// The feature that cost the partner the most points, with its reason: what keeps it
    /// from a higher rank ("no priority in the need's sectors", "loans start at USD 35M").
    /// Each feature loses its weight's share of 100 times (1 - value), gated like its
    /// points; the points the sector gate withholds from the other features count against
    /// sector fit. Nil when nothing lost more than half a point.
    public var shortfall: FeatureContribution? {
        let total = features.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var best: (loss: Double, item: FeatureContribution)?
        for f in features {
            let scaled = 100 * f.weight / total
            let gated = f.feature != .sectorFit && f.feature != .sectorEvidence
            var loss = scaled * (1 - f.value) * (gated ? sectorGate : 1)
            if f.feature == .sectorFit {
                loss += features.filter { $0.feature != .sectorFit && $0.feature != .sectorEvidence }
                    .reduce(0) { $0 + 100 * $1.weight / total * $1.value * (1 - sectorGate) }
            }
            if loss > (best?.loss ?? 0.5) { best = (loss, f) }
        }
        return best?.item
    }

    /// The first filter that excluded the partner, if any.
    public var exclusion: Exclusion? {
        let failures = filters.filter { !$0.passed }
        return failures.first.map { Exclusion(partnerID: partnerID, filter: $0.filter, code: $0.code, reason: $0.reason, failures: failures) }
    }
}

/// A score discounted because the partner's window is dormant for Viet Nam.
public struct Dormancy: Sendable, Hashable {
    public var factor: Double
    public var reason: LocalizedText
}

/// One feature's part of a score.
public struct FeatureContribution: Sendable, Hashable {
    public var feature: Feature
    /// The feature value in [0, 1].
    public var value: Double
    /// The weight as written in the rule.
    public var weight: Double
    /// Points of the 0-100 score: 100 x weight x value / total weight.
    public var contribution: Double
    public var reason: LocalizedText
}

/// The outcome of one filter for one pair.
public struct FilterOutcome: Sendable, Hashable {
    public var filter: FilterKind
    public var passed: Bool
    /// `ok` when passed, else a stable reason code (`budget-out-of-range`).
    public var code: String
    public var reason: LocalizedText
}
