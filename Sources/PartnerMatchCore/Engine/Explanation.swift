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

    /// True when no filter excluded the partner.
    public var isEligible: Bool { filters.allSatisfy(\.passed) }

    /// The first filter that excluded the partner, if any.
    public var exclusion: Exclusion? {
        filters.first { !$0.passed }.map { Exclusion(partnerID: partnerID, filter: $0.filter, code: $0.code, reason: $0.reason) }
    }
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
