import Foundation
@testable import PartnerMatchCore

/// SplitMix64: a small seeded generator so every property case can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random partners and needs over the fixture reference data, as varied as real ones:
/// several instruments with tickets over three orders of magnitude, priorities at every
/// level, themes, focus, applicants, counterpart rules, excluded sectors.
enum RandomCatalog {
    static let sectorStrings: [String] = {
        let s = EngineFixtures.sectors
        return s.codes.map(\.code) + s.categories.map(\.code) + s.groups.map(\.code) + ["99810"]
    }()

    static func amount(_ rng: inout SplitMix, _ lo: Double, _ hi: Double) -> Double {
        pow(10, Double.random(in: lo...hi, using: &rng)).rounded()
    }

    static func partner(_ i: Int, _ rng: inout SplitMix) -> Partner {
        let instruments = Array(Instrument.allCases.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
        let offers = instruments.map { inst -> InstrumentOffer in
            let lo = amount(&rng, 4, 7)
            let hi = lo * pow(10, Double.random(in: 0...1.5, using: &rng))
            return EngineFixtures.offer(inst, lo, hi.rounded())
        }
        let priorities = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
            EngineFixtures.priority(sectorStrings.randomElement(using: &rng)!, [0.2, 0.5, 0.8, 1, Double.random(in: 0...1, using: &rng)].randomElement(using: &rng)!)
        }
        let themes = EngineFixtures.themes.themes.map(\.id).filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
        let units = EngineFixtures.provinces.units
        let geography: GeographicFocus
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: geography = GeographicFocus()
        case 1: geography = GeographicFocus(provinces: Array(units.map(\.id).shuffled(using: &rng).prefix(2)))
        case 2: geography = GeographicFocus(regions: [Region.allCases.randomElement(using: &rng)!])
        default: geography = GeographicFocus(areaFlags: [AreaFlag.allCases.randomElement(using: &rng)!])
        }
        let kinds = Bool.random(using: &rng) ? [] : Array(ApplicantKind.allCases.shuffled(using: &rng).prefix(2))
        let share = Bool.random(using: &rng) ? 0 : Double.random(in: 0.05...0.3, using: &rng)
        let excluded = Int.random(in: 0..<5, using: &rng) == 0 ? [sectorStrings.randomElement(using: &rng)!] : []
        let volume = Bool.random(using: &rng) ? VolumeFigure(usdPerYear: amount(&rng, 5, 9.5), year: 2024, provenance: EngineFixtures.prov) : nil
        return Partner(
            id: String(format: "p-%05d", i), name: LocalizedText(en: "Partner \(i)"), kind: .developmentFund, origin: "XX",
            instruments: offers, sectorPriorities: priorities, excludedSectors: excluded, themes: themes,
            eligibility: Eligibility(applicantKinds: kinds, minCounterpartShare: share), geography: geography,
            recentVolume: volume, sources: [EngineFixtures.source])
    }

    static func need(_ i: Int, _ rng: inout SplitMix) -> Need {
        let codes = Array((EngineFixtures.sectors.codes.map(\.code) + ["99810"]).shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
        var shares = codes.map { _ in Double.random(in: 1...10, using: &rng) }
        let total = shares.reduce(0, +)
        shares = shares.map { $0 / total * 100 }
        let provinces = EngineFixtures.provinces.units.map(\.id) + ["Sơn La", "atlantis"]
        let budget = amount(&rng, 4, 8)
        return Need(
            id: "n-\(i)", title: LocalizedText(en: "Need \(i)"), province: provinces.randomElement(using: &rng)!,
            applicant: ApplicantKind.allCases.randomElement(using: &rng)!,
            sectors: zip(codes, shares).map { SectorShare(code: $0, share: $1) },
            budgetUSD: budget, instrument: SoughtInstrument.allCases.randomElement(using: &rng)!,
            counterpartUSD: Bool.random(using: &rng) ? budget * Double.random(in: 0...0.4, using: &rng) : nil,
            themes: EngineFixtures.themes.themes.map(\.id).filter { _ in Int.random(in: 0..<5, using: &rng) == 0 })
    }

    static func partners(_ count: Int, seed: UInt64) -> [Partner] {
        var rng = SplitMix(seed: seed)
        return (0..<count).map { partner($0, &rng) }
    }

    static func needs(_ count: Int, seed: UInt64) -> [Need] {
        var rng = SplitMix(seed: seed ^ 0x5EED)
        return (0..<count).map { need($0, &rng) }
    }

    /// A random valid rule: random weights (some features left out), random parameters,
    /// random filters.
    static func rule(seed: UInt64) -> Rule {
        var rng = SplitMix(seed: seed ^ 0xA11CE)
        func w() -> Double { [0, 1, 5, 10, 35, Double.random(in: 0...50, using: &rng)].randomElement(using: &rng)! }
        func u() -> Double { Double.random(in: 0...1, using: &rng) }
        func maybe<T>(_ make: () -> T) -> T? { Int.random(in: 0..<6, using: &rng) == 0 ? nil : make() }
        var features = FeatureSettings(
            sectorFit: maybe { SectorFitParameters(weight: w(), exact: u(), category: u(), group: u()) },
            scaleFit: maybe { ScaleFitParameters(weight: w(), width: Double.random(in: 0.1...2, using: &rng)) },
            instrumentFit: maybe { InstrumentFitParameters(weight: w(), values: Dictionary(uniqueKeysWithValues: Instrument.allCases.map { ($0, u()) })) },
            themeFit: maybe { ThemeFitParameters(weight: w(), neutral: u()) },
            geographyFit: maybe { GeographyFitParameters(weight: w(), province: u(), region: u(), areaFlag: u(), nationwide: u()) },
            cofinancing: maybe { CofinancingParameters(weight: w(), notRequired: u(), unknown: u()) },
            presence: maybe { PresenceParameters(weight: w(), low: 1e5, high: 1e9, unknown: u()) },
            sectorEvidence: maybe { SectorEvidenceParameters(weight: w(), exact: u(), category: u(), group: u(), saturation: Double.random(in: 0.05...1, using: &rng), fallback: u()) },
            ticketEvidence: maybe { TicketEvidenceParameters(weight: w(), width: Double.random(in: 0.1...2, using: &rng), fallback: u()) },
            provinceEvidence: maybe { ProvinceEvidenceParameters(weight: w(), saturation: Double.random(in: 1...5, using: &rng), region: u(), fallback: u()) })
        if Feature.allCases.allSatisfy({ features.weight($0) == 0 }) { features.sectorFit = SectorFitParameters(weight: 1) }
        let filters = FilterSettings(
            instrument: Bool.random(using: &rng), budgetTolerance: Bool.random(using: &rng) ? Double.random(in: 1...20, using: &rng) : nil,
            applicant: Bool.random(using: &rng), province: Bool.random(using: &rng), excludedSector: Bool.random(using: &rng))
        return try! Rule(name: "random-\(seed)", version: "1", filters: filters, features: features)
    }
}

extension RandomCatalog {
    /// Random past projects of about two thirds of the partners: values over four
    /// orders of magnitude, 0-3 sectors with or without percentages (some unknown to
    /// the taxonomy), stated or unstated instruments, 0-2 provinces, years 1995-2010.
    static func activities(for partners: [Partner], seed: UInt64) -> [String: [EvidenceActivity]] {
        var rng = SplitMix(seed: seed ^ 0xE71D)
        let codes = EngineFixtures.sectors.codes.map(\.code) + ["99810", "31199"]
        let units = EngineFixtures.provinces.units.map(\.id)
        var out: [String: [EvidenceActivity]] = [:]
        for p in partners where Int.random(in: 0..<3, using: &rng) != 0 {
            out[p.id] = (0..<Int.random(in: 1...8, using: &rng)).map { i in
                var a = EvidenceActivity(identifier: "\(p.id)-\(i)", sourceFormat: "test")
                let year = Int.random(in: 1995...2010, using: &rng)
                a.dates = [ActivityDate(kind: .startActual, date: "\(year)-03-01")]
                if Int.random(in: 0..<6, using: &rng) != 0 {
                    var m = Money(value: amount(&rng, 4, 8), currency: "USD", date: "\(year)-03-01")
                    m.usd = m.value
                    a.transactions = [EvidenceTransaction(kind: .commitment, typeCode: "C", money: m)]
                }
                let withPercentages = Bool.random(using: &rng)
                a.sectors = codes.shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng)).map { c in
                    EvidenceSector.classify(vocabulary: "1", code: c, percentage: withPercentages ? Double.random(in: 5...60, using: &rng).rounded() : nil, taxonomy: EngineFixtures.sectors)
                }
                a.statedInstrument = Bool.random(using: &rng) ? Instrument.allCases.randomElement(using: &rng) : nil
                a.locations = units.shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng)).map { EvidenceLocation(name: $0, province: $0, resolvedBy: "name") }
                return a
            }
        }
        return out
    }

    /// The evidence summaries of `activities(for:seed:)`, up to a year.
    static func evidence(for partners: [Partner], seed: UInt64, until: Int? = nil) -> [String: EvidenceSummary] {
        activities(for: partners, seed: seed).mapValues { EvidenceSummary.compute($0, until: until) }
    }
}

extension CompiledCatalog {
    /// Every partner's fast-path score (-1 when excluded), by partner id.
    func allScores(_ need: Need) -> [String: Float] {
        let matches = topMatches([compile(need)], top: partners.count, threads: 1)[0]
        var out = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, Float(-1)) })
        for m in matches { out[partners[m.partner].id] = m.score }
        return out
    }
}
