/// The closed vocabularies of the domain model. Raw values are the spellings used in
/// files, on the command line and in the database.

/// What kind of organisation a partner is.
public enum PartnerKind: String, Codable, Sendable, CaseIterable, Hashable {
    case bilateralAgency = "bilateral-agency"
    case multilateralBank = "multilateral-bank"
    case developmentFund = "development-fund"
    case embassySmallGrants = "embassy-small-grants"
    case technicalCooperationAgency = "technical-cooperation-agency"
    case decentralisedCooperation = "decentralised-cooperation"
    case ngo = "ngo"
    case privateInvestor = "private-investor"
}

/// A financial or in-kind instrument that a partner offers.
public enum Instrument: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case grant = "grant"
    case concessionalLoan = "concessional-loan"
    case nonConcessionalLoan = "non-concessional-loan"
    case equity = "equity"
    case technicalAssistance = "technical-assistance"
    case training = "training"
    case inKind = "in-kind"

    public static func < (a: Instrument, b: Instrument) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a need asks for. Coarser than `Instrument`: a province asks for "a loan", and
/// the engine decides which offered instruments are compatible.
public enum SoughtInstrument: String, Codable, Sendable, CaseIterable, Hashable {
    case grant = "grant"
    case loan = "loan"
    case investment = "investment"
    case technicalAssistance = "technical-assistance"
    case any = "any"

    /// The offered instruments that can answer this request.
    public var compatibleInstruments: [Instrument] {
        switch self {
        case .grant: return [.grant]
        case .loan: return [.concessionalLoan, .nonConcessionalLoan]
        case .investment: return [.equity]
        case .technicalAssistance: return [.technicalAssistance, .training, .inKind]
        case .any: return Instrument.allCases
        }
    }
}

/// Who applies for a need, and whom a partner accepts as an applicant.
public enum ApplicantKind: String, Codable, Sendable, CaseIterable, Hashable {
    case ministry = "ministry"
    case province = "province"
    case commune = "commune"
    case ngo = "ngo"
    case enterprise = "enterprise"
}

/// Where a need stands in the project cycle.
public enum NeedStage: String, Codable, Sendable, CaseIterable, Hashable {
    case idea = "idea"
    case concept = "concept"
    case feasibility = "feasibility"
    case approved = "approved"
    case underImplementation = "under-implementation"
    case completed = "completed"
}

/// Area flags that describe a province or a partner's geographic focus.
public enum AreaFlag: String, Codable, Sendable, CaseIterable, Hashable {
    case mountainous = "mountainous"
    case border = "border"
    case coastal = "coastal"
    case poor = "poor"
    case delta = "delta"
    case urban = "urban"
}

/// Viet Nam's six socio-economic regions.
public enum Region: String, Codable, Sendable, CaseIterable, Hashable {
    case northernMidlandsAndMountains = "northern-midlands-and-mountains"
    case redRiverDelta = "red-river-delta"
    case northCentralAndCentralCoast = "north-central-and-central-coast"
    case centralHighlands = "central-highlands"
    case southeast = "southeast"
    case mekongDelta = "mekong-delta"
}
