/// A funder, or one programme of a funder, that can support a project need.
///
/// "JICA ODA loans" and "Japan Embassy grassroots grants" are two partners: a partner is
/// split wherever the instrument or the ticket size differs. Every figure carries a
/// `Provenance` that points at one of `sources`.
public struct Partner: Codable, Sendable, Hashable, Identifiable {
    /// Stable slug: lower-case ASCII letters, digits and hyphens (`jica-oda-loans`).
    public var id: String
    public var name: LocalizedText
    /// Other names, abbreviations and former names ("OFID", "Quỹ OPEC").
    public var aliases: [String]
    /// IATI organisation identifiers (`XM-DAC-41114`).
    public var iatiRefs: [String]
    public var kind: PartnerKind
    /// ISO 3166-1 alpha-2 country code of the funder, or `multilateral`.
    public var origin: String
    public var instruments: [InstrumentOffer]
    /// Absolute priority weights in [0, 1] per DAC purpose code, category or group.
    public var sectorPriorities: [SectorPriority]
    /// DAC codes, categories or groups the partner does not fund.
    public var excludedSectors: [String]
    /// Theme ids from the theme vocabulary (`Data/themes.json`).
    public var themes: [String]
    public var eligibility: Eligibility
    public var geography: GeographicFocus
    /// Recent yearly volume in Viet Nam, when known.
    public var recentVolume: VolumeFigure?
    public var contacts: [Contact]
    public var applicationWindows: [ApplicationWindow]
    public var sources: [Source]
    /// Free text for the reader, in English and Vietnamese: what is special, what to know
    /// before a meeting. Older files wrote a plain string, read as English.
    public var notes: LocalizedText?

    public init(
        id: String, name: LocalizedText, aliases: [String] = [], iatiRefs: [String] = [],
        kind: PartnerKind, origin: String, instruments: [InstrumentOffer],
        sectorPriorities: [SectorPriority], excludedSectors: [String] = [], themes: [String] = [],
        eligibility: Eligibility = Eligibility(), geography: GeographicFocus = GeographicFocus(),
        recentVolume: VolumeFigure? = nil, contacts: [Contact] = [],
        applicationWindows: [ApplicationWindow] = [], sources: [Source], notes: LocalizedText? = nil
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.iatiRefs = iatiRefs
        self.kind = kind
        self.origin = origin
        self.instruments = instruments
        self.sectorPriorities = sectorPriorities
        self.excludedSectors = excludedSectors
        self.themes = themes
        self.eligibility = eligibility
        self.geography = geography
        self.recentVolume = recentVolume
        self.contacts = contacts
        self.applicationWindows = applicationWindows
        self.sources = sources
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case id, name, aliases, iatiRefs, kind, origin, instruments, sectorPriorities
        case excludedSectors, themes, eligibility, geography, recentVolume, contacts
        case applicationWindows, sources, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(LocalizedText.self, forKey: .name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        iatiRefs = try c.decodeIfPresent([String].self, forKey: .iatiRefs) ?? []
        kind = try c.decode(PartnerKind.self, forKey: .kind)
        origin = try c.decode(String.self, forKey: .origin)
        instruments = try c.decode([InstrumentOffer].self, forKey: .instruments)
        sectorPriorities = try c.decode([SectorPriority].self, forKey: .sectorPriorities)
        excludedSectors = try c.decodeIfPresent([String].self, forKey: .excludedSectors) ?? []
        themes = try c.decodeIfPresent([String].self, forKey: .themes) ?? []
        eligibility = try c.decodeIfPresent(Eligibility.self, forKey: .eligibility) ?? Eligibility()
        geography = try c.decodeIfPresent(GeographicFocus.self, forKey: .geography) ?? GeographicFocus()
        recentVolume = try c.decodeIfPresent(VolumeFigure.self, forKey: .recentVolume)
        contacts = try c.decodeIfPresent([Contact].self, forKey: .contacts) ?? []
        applicationWindows = try c.decodeIfPresent([ApplicationWindow].self, forKey: .applicationWindows) ?? []
        sources = try c.decode([Source].self, forKey: .sources)
        notes = try LocalizedText.decodeFreeText(c, forKey: .notes)
    }
}

/// One instrument a partner offers, with its ticket range in USD.
public struct InstrumentOffer: Codable, Sendable, Hashable {
    public var instrument: Instrument
    public var ticket: TicketRange
    /// Terms in a few words ("40 years, 10 grace, 0.01%"), when known, in English and
    /// Vietnamese. Older files wrote a plain string, read as English.
    public var terms: LocalizedText?
    public var provenance: Provenance
    /// Whether the window is open to Viet Nam now. Optional when decoding (databases
    /// written before it existed); `data check` requires it of the bundled data.
    public var status: InstrumentStatus?
    /// The published per-project ceiling in the scheme's own currency.
    public var ceiling: Ceiling?

    public init(
        instrument: Instrument, ticket: TicketRange, terms: LocalizedText? = nil, provenance: Provenance,
        status: InstrumentStatus? = nil, ceiling: Ceiling? = nil
    ) {
        self.instrument = instrument
        self.ticket = ticket
        self.terms = terms
        self.provenance = provenance
        self.status = status
        self.ceiling = ceiling
    }

    enum CodingKeys: String, CodingKey { case instrument, ticket, terms, provenance, status, ceiling }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        instrument = try c.decode(Instrument.self, forKey: .instrument)
        ticket = try c.decode(TicketRange.self, forKey: .ticket)
        terms = try LocalizedText.decodeFreeText(c, forKey: .terms)
        provenance = try c.decode(Provenance.self, forKey: .provenance)
        status = try c.decodeIfPresent(InstrumentStatus.self, forKey: .status)
        ceiling = try c.decodeIfPresent(Ceiling.self, forKey: .ceiling)
    }
}

/// Whether an instrument is open to Viet Nam, judged on a given day from a source.
///
/// `active`: takes new Vietnamese projects now. `dormant`: not closed, but no new
/// commitment in Viet Nam for five years or more, or paused, frozen or being phased out.
/// `closed`: the window no longer exists for Viet Nam (programme ended, country
/// graduated, agency dismantled).
public struct InstrumentStatus: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case active, dormant, closed
    }

    public var state: State
    /// The last known commitment in Viet Nam: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil when
    /// none is known.
    public var lastCommitment: String?
    /// The day a closed window closed for Viet Nam (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`),
    /// from the partner's or its government's own announcement; nil when not known. A past
    /// need dated before it sees the window as it then was (`CompiledCatalog.state`).
    public var closedSince: String?
    /// The day the state was judged, `YYYY-MM-DD`.
    public var asOf: String
    public var provenance: Provenance

    public init(state: State, lastCommitment: String? = nil, closedSince: String? = nil, asOf: String, provenance: Provenance) {
        self.state = state
        self.lastCommitment = lastCommitment
        self.closedSince = closedSince
        self.asOf = asOf
        self.provenance = provenance
    }
}

/// A scheme's published per-project ceiling in its own currency (JPY for Japanese
/// grants), with the year whose rate converts it to USD.
public struct Ceiling: Codable, Sendable, Hashable {
    public var amount: Double
    /// ISO 4217 code (`JPY`), with a rate in `Data/rates.json`.
    public var currency: String
    /// The year the ceiling applies to; its rate converts it.
    public var year: Int
    public var provenance: Provenance

    public init(amount: Double, currency: String, year: Int, provenance: Provenance) {
        self.amount = amount
        self.currency = currency
        self.year = year
        self.provenance = provenance
    }

    /// The ceiling in USD at the rate of `year` (the nearest year when that one is
    /// missing), or nil when the currency has no rate.
    public func usd(rates: RateTable) -> (amount: Double, rateYear: Int)? {
        guard let r = rates.rate(currency, year: year), r.perUSD > 0 else { return nil }
        return (amount / r.perUSD, r.year)
    }
}

/// The size of what a partner commits to one project, in USD.
public struct TicketRange: Codable, Sendable, Hashable {
    public var min: Double
    public var typical: Double
    public var max: Double

    public init(min: Double, typical: Double, max: Double) {
        self.min = min
        self.typical = typical
        self.max = max
    }

    public func contains(_ amount: Double) -> Bool { amount >= min && amount <= max }
}

/// How much a partner cares about a DAC purpose code, category or group.
public struct SectorPriority: Codable, Sendable, Hashable {
    /// A 5-digit purpose code, a 3-digit category, or a group (`100` ... `900`).
    public var sector: String
    /// Absolute weight in [0, 1]: 1 = a flagship sector, 0.2 = funded now and then.
    public var weight: Double
    public var provenance: Provenance?

    public init(sector: String, weight: Double, provenance: Provenance? = nil) {
        self.sector = sector
        self.weight = weight
        self.provenance = provenance
    }
}

/// Who may apply and on what conditions.
public struct Eligibility: Codable, Sendable, Hashable {
    /// Applicant kinds accepted; empty means any.
    public var applicantKinds: [ApplicantKind]
    /// The central government must guarantee (sovereign lending).
    public var sovereignGuaranteeRequired: Bool
    /// Minimum share of the project cost the applicant must bring, in [0, 1].
    public var minCounterpartShare: Double
    /// A partner requirement: the money comes only beside a loan from one of these
    /// partners (an EU blending grant beside a European lender's loan); nil when none.
    /// The rule's status filter discounts such a partner by its `unmetRequirement` factor,
    /// since a need cannot yet state that it has such a loan.
    public var alongsideLoanFrom: [String]?
    public var provenance: Provenance?

    public init(
        applicantKinds: [ApplicantKind] = [], sovereignGuaranteeRequired: Bool = false,
        minCounterpartShare: Double = 0, alongsideLoanFrom: [String]? = nil, provenance: Provenance? = nil
    ) {
        self.applicantKinds = applicantKinds
        self.sovereignGuaranteeRequired = sovereignGuaranteeRequired
        self.minCounterpartShare = minCounterpartShare
        self.alongsideLoanFrom = alongsideLoanFrom
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey { case applicantKinds, sovereignGuaranteeRequired, minCounterpartShare, alongsideLoanFrom, provenance }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        applicantKinds = try c.decodeIfPresent([ApplicantKind].self, forKey: .applicantKinds) ?? []
        sovereignGuaranteeRequired = try c.decodeIfPresent(Bool.self, forKey: .sovereignGuaranteeRequired) ?? false
        minCounterpartShare = try c.decodeIfPresent(Double.self, forKey: .minCounterpartShare) ?? 0
        alongsideLoanFrom = try c.decodeIfPresent([String].self, forKey: .alongsideLoanFrom)
        provenance = try c.decodeIfPresent(Provenance.self, forKey: .provenance)
    }
}

/// Where a partner works. All empty means the whole country, no preference.
public struct GeographicFocus: Codable, Sendable, Hashable {
    /// Province ids from the gazetteer (`son-la`).
    public var provinces: [String]
    public var regions: [Region]
    public var areaFlags: [AreaFlag]

    public init(provinces: [String] = [], regions: [Region] = [], areaFlags: [AreaFlag] = []) {
        self.provinces = provinces
        self.regions = regions
        self.areaFlags = areaFlags
    }

    public var isNationwide: Bool { provinces.isEmpty && regions.isEmpty && areaFlags.isEmpty }

    enum CodingKeys: String, CodingKey { case provinces, regions, areaFlags }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        provinces = try c.decodeIfPresent([String].self, forKey: .provinces) ?? []
        regions = try c.decodeIfPresent([Region].self, forKey: .regions) ?? []
        areaFlags = try c.decodeIfPresent([AreaFlag].self, forKey: .areaFlags) ?? []
    }
}

/// Recent yearly volume of a partner in Viet Nam.
public struct VolumeFigure: Codable, Sendable, Hashable {
    public var usdPerYear: Double
    public var year: Int
    public var provenance: Provenance

    public init(usdPerYear: Double, year: Int, provenance: Provenance) {
        self.usdPerYear = usdPerYear
        self.year = year
        self.provenance = provenance
    }
}

/// A public point of contact: an office address or a web page, never a private person.
public struct Contact: Codable, Sendable, Hashable {
    public var label: String
    public var address: String?
    public var url: String?
    public var email: String?
    public var phone: String?

    public init(label: String, address: String? = nil, url: String? = nil, email: String? = nil, phone: String? = nil) {
        self.label = label
        self.address = address
        self.url = url
        self.email = email
        self.phone = phone
    }
}

/// When a partner takes applications.
public struct ApplicationWindow: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Any time of the year.
        case rolling
        /// Every year between `opens` and `closes`, written `MM-DD`.
        case annual
        /// Once, between `opens` and `closes`, written `YYYY-MM-DD`.
        case dated
    }

    public var kind: Kind
    public var opens: String?
    public var closes: String?
    /// The fiscal year the partner follows ("April-March", "calendar").
    public var fiscalYear: String?
    /// How applications go, in English and Vietnamese; older files wrote a plain
    /// string, read as English.
    public var note: LocalizedText?
    public var provenance: Provenance?

    public init(kind: Kind, opens: String? = nil, closes: String? = nil, fiscalYear: String? = nil, note: LocalizedText? = nil, provenance: Provenance? = nil) {
        self.kind = kind
        self.opens = opens
        self.closes = closes
        self.fiscalYear = fiscalYear
        self.note = note
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey { case kind, opens, closes, fiscalYear, note, provenance }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        opens = try c.decodeIfPresent(String.self, forKey: .opens)
        closes = try c.decodeIfPresent(String.self, forKey: .closes)
        fiscalYear = try c.decodeIfPresent(String.self, forKey: .fiscalYear)
        note = try LocalizedText.decodeFreeText(c, forKey: .note)
        provenance = try c.decodeIfPresent(Provenance.self, forKey: .provenance)
    }
}
