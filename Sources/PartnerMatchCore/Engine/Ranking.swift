/// The partners ranked for one need under one rule and catalog.
///
/// Carries the rule's name and version and the catalog hash, so that anyone holding a
/// shortlist can tell which catalog and rule produced it.
public struct Ranking: Sendable, Hashable {
    public var needID: String
    public var ruleName: String
    public var ruleVersion: String
    public var catalogHash: String
    /// Partners in the catalog.
    public var partnerCount: Int
    /// Partners excluded by a filter.
    public var excludedCount: Int
    /// The top partners, best first; ties by partner id.
    public var entries: [RankedPartner]
    /// Excluded partners with the filter that excluded them, by partner id; filled only
    /// when asked for.
    public var excluded: [Exclusion]

    public init(needID: String, ruleName: String, ruleVersion: String, catalogHash: String, partnerCount: Int, excludedCount: Int, entries: [RankedPartner], excluded: [Exclusion] = []) {
        self.needID = needID
        self.ruleName = ruleName
        self.ruleVersion = ruleVersion
        self.catalogHash = catalogHash
        self.partnerCount = partnerCount
        self.excludedCount = excludedCount
        self.entries = entries
        self.excluded = excluded
    }

    /// True when at least one shown partner is a strong match.
    public var hasStrongMatch: Bool { entries.contains { $0.strength == .strong } }

    /// "No strong match; the closest are A (48), B (45), C (41)" when no shown partner is a
    /// strong match, else nil: a shortlist of weak matches must say so.
    public func verdict(names: (String) -> String, _ l: Language) -> String? {
        Ranking.verdict(entries, names: names, l)
    }

    /// The verdict over some entries (the brief's shown ones).
    public static func verdict(_ entries: some Collection<RankedPartner>, names: (String) -> String, _ l: Language) -> String? {
        guard !entries.contains(where: { $0.strength == .strong }) else { return nil }
        guard !entries.isEmpty else { return l == .en ? "no partner is eligible" : "không có đối tác nào đủ điều kiện" }
        let closest = entries.prefix(3).map { "\(names($0.partnerID)) (\(BriefText.score($0.score, l)))" }.joined(separator: ", ")
        return l == .en ? "no strong match; the closest are \(closest)" : "không có đối tác phù hợp mạnh; gần nhất là \(closest)"
    }

    /// The first 12 hex digits of the catalog hash, for display.
    public var shortHash: String { String(catalogHash.prefix(12)) }
}

/// One partner in a ranking.
public struct RankedPartner: Sendable, Hashable {
    /// 1 for the best.
    public var rank: Int
    public var partnerID: String
    /// 0 to 100.
    public var score: Double
    /// Strong, fair or weak, by the rule's thresholds.
    public var strength: MatchStrength
    /// Each feature's part of the score; present when asked for.
    public var explanation: Explanation?

    public init(rank: Int, partnerID: String, score: Double, strength: MatchStrength = .weak, explanation: Explanation? = nil) {
        self.rank = rank
        self.partnerID = partnerID
        self.score = score
        self.strength = strength
        self.explanation = explanation
    }
}

/// A partner a filter excluded, and why.
public struct Exclusion: Sendable, Hashable {
    public var partnerID: String
    public var filter: FilterKind
    /// A stable code for scripts (`instrument-incompatible`).
    public var code: String
    public var reason: LocalizedText
    /// Every filter the partner fails, the first (`filter`, `code`, `reason`) included.
    public var failures: [FilterOutcome]

    public init(partnerID: String, filter: FilterKind, code: String, reason: LocalizedText, failures: [FilterOutcome]? = nil) {
        self.partnerID = partnerID
        self.filter = filter
        self.code = code
        self.reason = reason
        self.failures = failures ?? [FilterOutcome(filter: filter, passed: false, code: code, reason: reason)]
    }
}

/// A score pair from the fast path: a partner index into `CompiledCatalog.partners`.
public struct Match: Sendable, Hashable {
    public var partner: Int
    public var score: Float
}
