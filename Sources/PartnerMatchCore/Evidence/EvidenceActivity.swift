/// One past project of a funder, read from an IATI activity file or a tabular export:
/// what the funder did, as opposed to what its catalog entry says it does.
///
/// Everything the source said is kept, also what this version cannot interpret
/// (retired or unknown sector codes, unknown currencies): history used them, and a
/// later version may. Amounts keep their currency; the USD value and the rate used sit
/// beside them.
public struct EvidenceActivity: Sendable, Hashable, Codable {
    /// The IATI identifier, or the mapped id (with its prefix) of a CSV row.
    public var identifier: String
    /// The publisher's own project number when it is known on its own (`38196-013`),
    /// so that the same project from two sources can be recognised.
    public var projectID: String?
    /// `iati-1.04`, `iati-2.03`, `csv:koica.json`...
    public var sourceFormat: String
    public var reportingOrg: EvidenceOrg?
    public var participants: [EvidenceParticipant]
    public var titles: [Narrative]
    public var sectors: [EvidenceSector]
    public var recipientCountries: [CodeShare]
    public var recipientRegions: [CodeShare]
    public var locations: [EvidenceLocation]
    public var status: ActivityStatus?
    public var dates: [ActivityDate]
    public var defaultFinanceType: String?
    public var defaultAidType: String?
    /// The instrument stated by a mapping file (value maps), when there is one.
    public var statedInstrument: Instrument?
    public var budgets: [Money]
    public var transactions: [EvidenceTransaction]

    public init(identifier: String, sourceFormat: String) {
        self.identifier = identifier
        self.sourceFormat = sourceFormat
        participants = []
        titles = []
        sectors = []
        recipientCountries = []
        recipientRegions = []
        locations = []
        dates = []
        budgets = []
        transactions = []
    }

    /// The title in English when there is one, else the first one.
    public var title: String? {
        (titles.first { $0.lang?.lowercased().hasPrefix("en") == true } ?? titles.first)?.text
    }

    /// The organisations that paid: `Funding` participants, else the reporting org.
    public var funders: [EvidenceOrg] {
        let f = participants.filter { $0.role == .funding }.map(\.org)
        if !f.isEmpty { return f }
        return reportingOrg.map { [$0] } ?? []
    }

    /// The best date the activity can be placed at: actual start, planned start, first
    /// commitment, first transaction, first budget.
    public var startDate: String? {
        if let d = dates.first(where: { $0.kind == .startActual }) { return d.date }
        if let d = dates.first(where: { $0.kind == .startPlanned }) { return d.date }
        if let d = transactions.filter({ $0.kind == .commitment }).compactMap(\.money.date).min() { return d }
        if let d = transactions.compactMap(\.money.date).min() { return d }
        return budgets.compactMap(\.date).min()
    }

    /// The year of `startDate`.
    public var year: Int? { startDate.flatMap { EvidenceDates.year(of: $0) } }

    /// What the activity is worth: the sum of commitments, else of budgets, else of
    /// disbursements (IATI's order of reliability for "how big was it"), in USD, and
    /// which of the three it is. Amounts in an unknown currency are left out of the sum.
    public var value: ActivityValue? {
        let commitments = transactions.filter { $0.kind == .commitment }.map(\.money)
        let disbursements = transactions.filter { $0.kind == .disbursement || $0.kind == .expenditure }.map(\.money)
        for (basis, amounts) in [(ValueBasis.commitments, commitments), (.budgets, budgets), (.disbursements, disbursements)] {
            let usd = amounts.compactMap(\.usd)
            if !usd.isEmpty { return ActivityValue(usd: usd.reduce(0, +), basis: basis, unconverted: amounts.count - usd.count) }
        }
        return nil
    }

    /// The instrument: stated by a mapping, else from the aid type (technical
    /// assistance, training), else from the finance type (grant, loan, equity).
    public var instrument: Instrument? {
        if let statedInstrument { return statedInstrument }
        let types = [defaultAidType] + transactions.map(\.aidType)
        for t in types.compactMap({ $0 }) { if let i = IATICodes.instrument(aidType: t) { return i } }
        let finance = [defaultFinanceType] + transactions.map(\.financeType)
        for t in finance.compactMap({ $0 }) { if let i = IATICodes.instrument(financeType: t) { return i } }
        return nil
    }

    /// Provinces (unit ids) the activity's locations resolve to, without repeats.
    public var provinces: [String] {
        var seen = Set<String>()
        return locations.compactMap(\.province).filter { seen.insert($0).inserted }
    }
}

/// A text in one language (`<narrative xml:lang="vi">`).
public struct Narrative: Sendable, Hashable, Codable {
    public var lang: String?
    public var text: String
    public init(lang: String?, text: String) {
        self.lang = lang
        self.text = text
    }
}

/// An organisation as the source names it.
public struct EvidenceOrg: Sendable, Hashable, Codable {
    /// IATI organisation identifier, when given (`XM-DAC-46004`).
    public var ref: String?
    public var name: String?
    /// IATI organisation type code (`10` government, `40` multilateral, `21` NGO).
    public var type: String?
    /// Catalog partners a mapping file links this organisation to (`partners` of
    /// `Data/evidence-maps/crs.json`: CRS donors and agencies have no IATI ref), besides
    /// the links by ref and alias. Nil when no mapping said.
    public var partners: [String]?

    public init(ref: String? = nil, name: String? = nil, type: String? = nil, partners: [String]? = nil) {
        self.ref = ref?.isEmpty == true ? nil : ref
        self.name = name?.isEmpty == true ? nil : name
        self.type = type?.isEmpty == true ? nil : type
        self.partners = partners?.isEmpty == true ? nil : partners
    }

    /// The key an organisation is stored and linked under: its ref when it has one,
    /// else its folded name.
    public var key: String? {
        if let ref { return "ref:" + ref.uppercased() }
        if let name { let f = TextFolding.fold(name); return f.isEmpty ? nil : "name:" + f }
        return nil
    }
}

/// The part an organisation played (IATI OrganisationRole: 1.0x words, 2.0x codes).
public enum OrgRole: String, Sendable, Hashable, Codable, CaseIterable {
    case funding, accountable, extending, implementing
}

public struct EvidenceParticipant: Sendable, Hashable, Codable {
    public var org: EvidenceOrg
    /// Nil when the source gave a role this version does not know (kept in `roleText`).
    public var role: OrgRole?
    public var roleText: String?
    public init(org: EvidenceOrg, role: OrgRole?, roleText: String? = nil) {
        self.org = org
        self.role = role
        self.roleText = roleText
    }
}

/// How a sector code relates to the taxonomy of `Data/sectors.json`.
public enum SectorStanding: String, Sendable, Hashable, Codable {
    /// An active 5-digit code or 3-digit category.
    case active
    /// A code the OECD withdrew; still mapped to its category.
    case retired
    /// Not in the taxonomy; mapped to its category when its first 3 digits name one.
    case unknown
    /// A vocabulary other than DAC 5-digit or 3-digit: kept, not mapped.
    case otherVocabulary = "other-vocabulary"
}

public struct EvidenceSector: Sendable, Hashable, Codable {
    /// `1` (DAC 5-digit) or `2` (DAC 3-digit) after normalising 1.0x names; other
    /// vocabularies as given.
    public var vocabulary: String
    public var code: String
    public var percentage: Double?
    /// The 3-digit category, when it can be told.
    public var category: String?
    public var standing: SectorStanding

    public init(vocabulary: String, code: String, percentage: Double?, category: String?, standing: SectorStanding) {
        self.vocabulary = vocabulary
        self.code = code
        self.percentage = percentage
        self.category = category
        self.standing = standing
    }

    /// Classifies a code against the taxonomy.
    public static func classify(vocabulary: String, code: String, percentage: Double?, taxonomy: SectorTaxonomy) -> EvidenceSector {
        switch vocabulary {
        case "1":
            if let c = taxonomy.code(code) {
                return EvidenceSector(vocabulary: "1", code: code, percentage: percentage, category: c.category, standing: c.retired == true ? .retired : .active)
            }
            let prefix = String(code.prefix(3))
            let cat = code.count == 5 && taxonomy.category(prefix) != nil ? prefix : nil
            return EvidenceSector(vocabulary: "1", code: code, percentage: percentage, category: cat, standing: .unknown)
        case "2":
            if let c = taxonomy.category(code) {
                return EvidenceSector(vocabulary: "2", code: code, percentage: percentage, category: code, standing: c.retired == true ? .retired : .active)
            }
            return EvidenceSector(vocabulary: "2", code: code, percentage: percentage, category: nil, standing: .unknown)
        default:
            return EvidenceSector(vocabulary: vocabulary, code: code, percentage: percentage, category: nil, standing: .otherVocabulary)
        }
    }
}

/// A recipient country or region with its share.
public struct CodeShare: Sendable, Hashable, Codable {
    public var code: String
    public var percentage: Double?
    public init(code: String, percentage: Double?) {
        self.code = code
        self.percentage = percentage
    }
}

public struct EvidenceLocation: Sendable, Hashable, Codable {
    public var name: String
    /// The current provincial unit, when the name tells it.
    public var province: String?
    /// How: `name` (it names a province), `within` (a district or town of one).
    public var resolvedBy: String?
    public init(name: String, province: String? = nil, resolvedBy: String? = nil) {
        self.name = name
        self.province = province
        self.resolvedBy = resolvedBy
    }
}

/// IATI ActivityStatus: the code and the label as published.
public struct ActivityStatus: Sendable, Hashable, Codable {
    public var code: String?
    public var text: String?
    public init(code: String?, text: String?) {
        self.code = code
        self.text = text
    }
}

public struct ActivityDate: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case startPlanned = "start-planned", startActual = "start-actual", endPlanned = "end-planned", endActual = "end-actual"
    }
    public var kind: Kind
    /// ISO date `YYYY-MM-DD` (or `YYYY` when only the year is known).
    public var date: String
    public init(kind: Kind, date: String) {
        self.kind = kind
        self.date = date
    }
}

/// An amount as published, and in USD when its currency is known.
public struct Money: Sendable, Hashable, Codable {
    public var value: Double
    /// ISO 4217 code; nil when neither the amount nor the activity said.
    public var currency: String?
    /// The value date (or transaction date, or budget start).
    public var date: String?
    public var usd: Double?
    /// Units of `currency` per USD used, and the year of the rate.
    public var rate: Double?
    public var rateYear: Int?

    public init(value: Double, currency: String?, date: String?) {
        self.value = value
        self.currency = currency
        self.date = date
    }

    /// Converts with the dated rate table (the rate of the value date's year, else the
    /// nearest year). An unknown currency leaves `usd` nil: the amount is kept, flagged.
    public mutating func convert(_ rates: RateTable, fallbackYear: Int?) {
        guard let currency, !currency.isEmpty else { return }
        let year = date.flatMap { EvidenceDates.year(of: $0) } ?? fallbackYear
        if currency.uppercased() == "USD" { usd = value; rate = 1; rateYear = year; return }
        guard let r = rates.rate(currency, year: year) else { return }
        usd = value / r.perUSD
        rate = r.perUSD
        rateYear = r.year
    }
}

public enum TransactionKind: String, Sendable, Hashable, Codable {
    case incomingFunds = "incoming-funds", commitment, disbursement, expenditure
    case interestRepayment = "interest-repayment", loanRepayment = "loan-repayment", reimbursement
    case purchaseOfEquity = "purchase-of-equity", saleOfEquity = "sale-of-equity", creditGuarantee = "credit-guarantee"
    case incomingCommitment = "incoming-commitment", outgoingPledge = "outgoing-pledge", incomingPledge = "incoming-pledge"
    case other
}

public struct EvidenceTransaction: Sendable, Hashable, Codable {
    public var kind: TransactionKind
    /// The type code as published (`C`, `2`), kept for `other`.
    public var typeCode: String
    public var money: Money
    public var financeType: String?
    public var aidType: String?
    public init(kind: TransactionKind, typeCode: String, money: Money, financeType: String? = nil, aidType: String? = nil) {
        self.kind = kind
        self.typeCode = typeCode
        self.money = money
        self.financeType = financeType
        self.aidType = aidType
    }
}

/// Which amounts an activity's value was summed from.
public enum ValueBasis: String, Sendable, Hashable, Codable, CaseIterable {
    case commitments, budgets, disbursements
}

public struct ActivityValue: Sendable, Hashable, Codable {
    public var usd: Double
    public var basis: ValueBasis
    /// Amounts of that basis left out because their currency is unknown.
    public var unconverted: Int
}

/// Dates as the sources write them.
public enum EvidenceDates {
    /// The year of `YYYY`, `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss`.
    public static func year(of date: String) -> Int? {
        let u = Array(date.utf8.prefix(4))
        guard u.count == 4, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return u.reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}
