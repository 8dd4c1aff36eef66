/// A ranking rule: which filters exclude a partner and how the features are weighted.
///
/// Rules are data, not code, so that a province can see and argue about how a shortlist
/// was made. A rule is read from a JSON file with `Rule.parse(_:)` and checked once, at
/// construction, so the scoring loop never meets a bad parameter.
///
/// ```json
/// { "name": "default", "version": "1.0", "description": "...",
///   "filters": { "instrument": {"enabled": true}, "budget": {"enabled": true, "tolerance": 3} },
///   "features": { "sectorFit": {"weight": 40}, "scaleFit": {"weight": 20, "width": 0.5} } }
/// ```
public struct Rule: Sendable, Hashable {
    /// Unique name. Names starting with `builtin:` are reserved for baselines built in code.
    public var name: String
    /// Free-form version ("1.0", "2026-03"): part of every ranking's stamp.
    public var version: String
    public var description: String?
    public var filters: FilterSettings
    /// The features the rule uses. A feature left out has no weight and is not computed.
    public var features: FeatureSettings
    /// The scores at which a match counts as strong or fair.
    public var strength: StrengthThresholds = StrengthThresholds()
    /// Which offered instruments answer each request, and with what credit.
    public var compatibility: InstrumentCompatibility = InstrumentCompatibility()

    /// The offered instruments compatible with a request under this rule.
    public func compatible(_ sought: SoughtInstrument) -> [Instrument] { compatibility.compatible(sought) }

    /// The namespace reserved for rules built into the program.
    public static let reservedPrefix = "builtin:"

    /// Builds and validates a rule.
    /// - Throws: `RuleError` naming the first field that is out of range.
    public init(name: String, version: String, description: String? = nil, filters: FilterSettings, features: FeatureSettings) throws(RuleError) {
        self.name = name
        self.version = version
        self.description = description
        self.filters = filters
        self.features = features
        try validate(allowReserved: true)
    }

    init(unchecked name: String, version: String, description: String?, filters: FilterSettings, features: FeatureSettings) {
        self.name = name
        self.version = version
        self.description = description
        self.filters = filters
        self.features = features
    }
}

/// How good a match is, by its score under the rule's thresholds.
public enum MatchStrength: String, Sendable, Hashable, CaseIterable, Codable {
    case strong, fair, weak

    public func name(_ l: Language) -> String {
        switch (self, l) {
        case (.strong, .en): "strong"
        case (.fair, .en): "fair"
        case (.weak, .en): "weak"
        case (.strong, .vi): "mạnh"
        case (.fair, .vi): "khá"
        case (.weak, .vi): "yếu"
        }
    }
}

/// The scores (0-100) from which a match is strong, and from which it is fair; below
/// `fair` it is weak. A rule file sets them in `"matchStrength": {"strong": .., "fair": ..}`.
public struct StrengthThresholds: Sendable, Hashable {
    public var strong: Double
    public var fair: Double
    public init(strong: Double = 60, fair: Double = 40) { self.strong = strong; self.fair = fair }

    public func strength(of score: Double) -> MatchStrength {
        score >= strong ? .strong : score >= fair ? .fair : .weak
    }
}

/// Which offered instruments answer each kind of request, each with a credit in (0, 1]
/// that multiplies its instrument-fit value: a province asking for a grant may be served
/// by training or equipment in kind (MASHAV, a Lao province), at a lower credit. An
/// instrument without a credit (or with 0) is not compatible: the instrument filter
/// excludes a partner offering nothing compatible, and only compatible instruments'
/// tickets count for scale fit. The default is `SoughtInstrument.compatibleInstruments`,
/// each at credit 1.
public struct InstrumentCompatibility: Sendable, Hashable {
    public var credits: [SoughtInstrument: [Instrument: Double]]

    public init(credits: [SoughtInstrument: [Instrument: Double]] = [:]) {
        var table: [SoughtInstrument: [Instrument: Double]] = [:]
        for s in SoughtInstrument.allCases {
            table[s] = credits[s] ?? Dictionary(uniqueKeysWithValues: s.compatibleInstruments.map { ($0, 1.0) })
        }
        self.credits = table
    }

    public func credit(_ sought: SoughtInstrument, _ offered: Instrument) -> Double { credits[sought]?[offered] ?? 0 }

    /// The compatible instruments, in `Instrument.allCases` order.
    public func compatible(_ sought: SoughtInstrument) -> [Instrument] {
        Instrument.allCases.filter { credit(sought, $0) > 0 }
    }
}

/// The features a rule can weigh, in the order they are reported.
public enum Feature: String, Sendable, Hashable, CaseIterable, Codable {
    case sectorFit, scaleFit, instrumentFit, themeFit, geographyFit, cofinancing, presence
    /// Computed from imported evidence (past projects), with the stated catalog
    /// entry as fallback where a partner has none.
    case sectorEvidence, ticketEvidence, provinceEvidence

    /// The evidence features: they read `EvidenceSummary`s, not only the catalog.
    public var isEvidence: Bool { self == .sectorEvidence || self == .ticketEvidence || self == .provinceEvidence }
}

/// The filters a rule can apply, in the order they are checked.
public enum FilterKind: String, Sendable, Hashable, CaseIterable, Codable {
    case status, instrument, budget, applicant, province, excludedSector
}

/// Which filters a rule applies. A filter left out of a rule file is off.
public struct FilterSettings: Sendable, Hashable {
    /// Exclude partners offering no instrument compatible with the one sought.
    public var instrument: Bool
    /// Exclude partners whose ticket range misses the budget by more than
    /// `budgetTolerance` times (3 = a budget up to 3x above the maximum or 3x below the
    /// minimum still passes). Nil when off.
    public var budgetTolerance: Double?
    /// Exclude partners that do not accept the need's applicant kind.
    public var applicant: Bool
    /// Strict geography: a partner listing provinces or regions only works there.
    public var province: Bool
    /// Exclude partners that exclude the need's main sector (code, category or group).
    public var excludedSector: Bool
    /// Drop instruments closed for Viet Nam and multiply the score of a partner whose best
    /// compatible instrument is dormant by this factor (in [0, 1]); nil when off.
    public var status: Double?
    /// With the status filter: the factor on the score of a partner whose money comes only
    /// beside another partner's loan (`eligibility.alongsideLoanFrom`), in [0, 1]; nil
    /// when such partners are not discounted.
    public var unmetRequirement: Double?

    public init(instrument: Bool = true, budgetTolerance: Double? = 3, applicant: Bool = true, province: Bool = false, excludedSector: Bool = true, status: Double? = nil, unmetRequirement: Double? = nil) {
        self.status = status
        self.unmetRequirement = unmetRequirement
        self.instrument = instrument
        self.budgetTolerance = budgetTolerance
        self.applicant = applicant
        self.province = province
        self.excludedSector = excludedSector
    }

    /// No filter at all.
    public static let none = FilterSettings(instrument: false, budgetTolerance: nil, applicant: false, province: false, excludedSector: false)

    public func isEnabled(_ filter: FilterKind) -> Bool {
        switch filter {
        case .instrument: return instrument
        case .budget: return budgetTolerance != nil
        case .applicant: return applicant
        case .province: return province
        case .excludedSector: return excludedSector
        case .status: return status != nil
        }
    }
}

/// The features of a rule with their weights and parameters; nil = not used.
public struct FeatureSettings: Sendable, Hashable {
    public var sectorFit: SectorFitParameters?
    public var scaleFit: ScaleFitParameters?
    public var instrumentFit: InstrumentFitParameters?
    public var themeFit: ThemeFitParameters?
    public var geographyFit: GeographyFitParameters?
    public var cofinancing: CofinancingParameters?
    public var presence: PresenceParameters?
    public var sectorEvidence: SectorEvidenceParameters?
    public var ticketEvidence: TicketEvidenceParameters?
    public var provinceEvidence: ProvinceEvidenceParameters?

    public init(
        sectorFit: SectorFitParameters? = nil, scaleFit: ScaleFitParameters? = nil,
        instrumentFit: InstrumentFitParameters? = nil, themeFit: ThemeFitParameters? = nil,
        geographyFit: GeographyFitParameters? = nil, cofinancing: CofinancingParameters? = nil,
        presence: PresenceParameters? = nil, sectorEvidence: SectorEvidenceParameters? = nil,
        ticketEvidence: TicketEvidenceParameters? = nil, provinceEvidence: ProvinceEvidenceParameters? = nil
    ) {
        self.sectorEvidence = sectorEvidence
        self.ticketEvidence = ticketEvidence
        self.provinceEvidence = provinceEvidence
        self.sectorFit = sectorFit
        self.scaleFit = scaleFit
        self.instrumentFit = instrumentFit
        self.themeFit = themeFit
        self.geographyFit = geographyFit
        self.cofinancing = cofinancing
        self.presence = presence
    }

    /// The weight of a feature; 0 when the rule leaves it out.
    public func weight(_ feature: Feature) -> Double {
        switch feature {
        case .sectorFit: return sectorFit?.weight ?? 0
        case .scaleFit: return scaleFit?.weight ?? 0
        case .instrumentFit: return instrumentFit?.weight ?? 0
        case .themeFit: return themeFit?.weight ?? 0
        case .geographyFit: return geographyFit?.weight ?? 0
        case .cofinancing: return cofinancing?.weight ?? 0
        case .presence: return presence?.weight ?? 0
        case .sectorEvidence: return sectorEvidence?.weight ?? 0
        case .ticketEvidence: return ticketEvidence?.weight ?? 0
        case .provinceEvidence: return provinceEvidence?.weight ?? 0
        }
    }

    /// Sets a feature's weight, adding the feature with default parameters when the rule
    /// leaves it out.
    public mutating func setWeight(_ feature: Feature, _ w: Double) {
        switch feature {
        case .sectorFit: if sectorFit == nil { sectorFit = .init(weight: w) } else { sectorFit!.weight = w }
        case .scaleFit: if scaleFit == nil { scaleFit = .init(weight: w) } else { scaleFit!.weight = w }
        case .instrumentFit: if instrumentFit == nil { instrumentFit = .init(weight: w) } else { instrumentFit!.weight = w }
        case .themeFit: if themeFit == nil { themeFit = .init(weight: w) } else { themeFit!.weight = w }
        case .geographyFit: if geographyFit == nil { geographyFit = .init(weight: w) } else { geographyFit!.weight = w }
        case .cofinancing: if cofinancing == nil { cofinancing = .init(weight: w) } else { cofinancing!.weight = w }
        case .presence: if presence == nil { presence = .init(weight: w) } else { presence!.weight = w }
        case .sectorEvidence: if sectorEvidence == nil { sectorEvidence = .init(weight: w) } else { sectorEvidence!.weight = w }
        case .ticketEvidence: if ticketEvidence == nil { ticketEvidence = .init(weight: w) } else { ticketEvidence!.weight = w }
        case .provinceEvidence: if provinceEvidence == nil { provinceEvidence = .init(weight: w) } else { provinceEvidence!.weight = w }
        }
    }

    /// The features the rule uses, in report order.
    public var used: [Feature] {
        Feature.allCases.filter { feature in
            switch feature {
            case .sectorFit: return sectorFit != nil
            case .scaleFit: return scaleFit != nil
            case .instrumentFit: return instrumentFit != nil
            case .themeFit: return themeFit != nil
            case .geographyFit: return geographyFit != nil
            case .cofinancing: return cofinancing != nil
            case .presence: return presence != nil
            case .sectorEvidence: return sectorEvidence != nil
            case .ticketEvidence: return ticketEvidence != nil
            case .provinceEvidence: return provinceEvidence != nil
            }
        }
    }
}

/// Sector fit: the need's codes and shares against the partner's priority weights.
/// A priority on the exact code, or on a category or group that includes it, earns
/// `exact`; one on a sibling code in the code's category `category`, one elsewhere in its
/// group `group`; the best of them counts.
///
/// The sector governs the other features through a gate: every other feature's points
/// are multiplied by `noOverlap` when the sector fit is 0, else by
/// `min(1, floor + (1 - floor) x fit / full)`. With `noOverlap` 0 a partner with no sector
/// overlap scores 0 and never outranks one that funds the need's sector; the defaults
/// (all 1) leave the other features ungated.
public struct SectorFitParameters: Sendable, Hashable {
    public var weight: Double
    public var exact: Double
    public var category: Double
    public var group: Double
    /// The gate with no sector overlap at all, in [0, 1].
    public var noOverlap: Double
    /// The gate at the smallest overlap, in [0, 1].
    public var floor: Double
    /// The sector fit at which the gate opens fully, in (0, 1].
    public var full: Double
    public init(weight: Double, exact: Double = 1, category: Double = 0.6, group: Double = 0.25, noOverlap: Double = 1, floor: Double = 1, full: Double = 1) {
        self.weight = weight; self.exact = exact; self.category = category; self.group = group
        self.noOverlap = noOverlap; self.floor = floor; self.full = full
    }
}

/// Scale fit: 1 inside the ticket range, `exp(-d / width)` outside, where d is the
/// distance to the range in decades (a factor of 10 is d = 1).
public struct ScaleFitParameters: Sendable, Hashable {
    public var weight: Double
    /// Decades for the fit to fall to 1/e (0.5: 3.2x outside the range gives 0.37).
    public var width: Double
    public init(weight: Double, width: Double = 0.5) { self.weight = weight; self.width = width }
}

/// Instrument fit: the value of each offered instrument; a partner gets the best value
/// among its instruments compatible with the one sought. Lets a rule prefer grants and
/// concessional loans.
public struct InstrumentFitParameters: Sendable, Hashable {
    public var weight: Double
    public var values: [Instrument: Double]
    public static let defaultValues: [Instrument: Double] = [
        .grant: 1, .concessionalLoan: 0.9, .nonConcessionalLoan: 0.5, .equity: 0.6,
        .technicalAssistance: 0.9, .training: 0.7, .inKind: 0.6,
    ]
    public init(weight: Double, values: [Instrument: Double] = InstrumentFitParameters.defaultValues) {
        self.weight = weight
        self.values = InstrumentFitParameters.defaultValues.merging(values) { _, new in new }
    }
    public func value(_ instrument: Instrument) -> Double { values[instrument] ?? 0 }
}

/// Theme fit: the share of the need's themes the partner shares; `neutral` when the
/// need names no theme, so that such needs neither favour nor penalise anyone.
public struct ThemeFitParameters: Sendable, Hashable {
    public var weight: Double
    public var neutral: Double
    public init(weight: Double, neutral: Double = 0.5) { self.weight = weight; self.neutral = neutral }
}

/// Geography fit of the partner's focus to the need's province: `province` when the
/// province is listed, else `region` when its region is, else `areaFlag` when one of its
/// area flags is; `nationwide` for partners with no focus; 0 otherwise.
public struct GeographyFitParameters: Sendable, Hashable {
    public var weight: Double
    public var province: Double
    public var region: Double
    public var areaFlag: Double
    public var nationwide: Double
    public init(weight: Double, province: Double = 1, region: Double = 0.7, areaFlag: Double = 0.5, nationwide: Double = 0.5) {
        self.weight = weight; self.province = province; self.region = region; self.areaFlag = areaFlag; self.nationwide = nationwide
    }
}

/// Co-financing feasibility: the need's counterpart share (counterpart / budget) over the
/// partner's minimum share, capped at 1; `notRequired` when the partner asks none,
/// `unknown` when the need does not say what it brings.
public struct CofinancingParameters: Sendable, Hashable {
    public var weight: Double
    public var notRequired: Double
    public var unknown: Double
    public init(weight: Double, notRequired: Double = 1, unknown: Double = 0.5) {
        self.weight = weight; self.notRequired = notRequired; self.unknown = unknown
    }
}

/// Presence in Viet Nam: recent yearly volume on a log scale, 0 at `low` USD and below,
/// 1 at `high` and above; `unknown` when the catalog has no figure.
public struct PresenceParameters: Sendable, Hashable {
    public var weight: Double
    public var low: Double
    public var high: Double
    public var unknown: Double
    public init(weight: Double, low: Double = 1e6, high: Double = 1e9, unknown: Double = 0) {
        self.weight = weight; self.low = low; self.high = high; self.unknown = unknown
    }
}

/// Has funded this sector: the share of the partner's past value in each need sector,
/// with the credits of sector fit for its category (`category`) and group (`group`),
/// full at `saturation` (0.25: a quarter of its value in the sector earns the whole
/// credit). A partner with no valued, sector-coded past project gets its sector fit
/// times `fallback`.
public struct SectorEvidenceParameters: Sendable, Hashable {
    public var weight: Double
    public var exact: Double
    public var category: Double
    public var group: Double
    public var saturation: Double
    public var fallback: Double
    public init(weight: Double, exact: Double = 1, category: Double = 0.6, group: Double = 0.25, saturation: Double = 0.25, fallback: Double = 0.6) {
        self.weight = weight; self.exact = exact; self.category = category; self.group = group
        self.saturation = saturation; self.fallback = fallback
    }
}

/// The budget against the partner's past tickets: 1 between the p10 and p90 of its past
/// activity values (instruments compatible with the one sought, or unstated),
/// `exp(-d / width)` outside, d in decades. A partner with no such past ticket gets its
/// scale fit times `fallback`.
public struct TicketEvidenceParameters: Sendable, Hashable {
    public var weight: Double
    public var width: Double
    public var fallback: Double
    public init(weight: Double, width: Double = 0.5, fallback: Double = 0.6) {
        self.weight = weight; self.width = width; self.fallback = fallback
    }
}

/// Has worked in the need's province: past activities there over `saturation` (3: three
/// projects earn full credit), or `region` times those in its region, capped at 1. A
/// partner with no located past project gets its geography fit times `fallback`.
public struct ProvinceEvidenceParameters: Sendable, Hashable {
    public var weight: Double
    public var saturation: Double
    public var region: Double
    public var fallback: Double
    public init(weight: Double, saturation: Double = 3, region: Double = 0.5, fallback: Double = 0.6) {
        self.weight = weight; self.saturation = saturation; self.region = region; self.fallback = fallback
    }
}
