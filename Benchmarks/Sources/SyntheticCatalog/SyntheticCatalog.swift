import Foundation
import PartnerMatchCore

/// Synthetic reference data, partners and needs as varied as the real ones: a DAC-like
/// taxonomy (9 groups, 45 categories, 270 codes), 34 provinces, 22 themes; partners with
/// 1-3 instruments whose tickets span three orders of magnitude, 3-15 sector priorities
/// at mixed levels, themes, every kind of geographic focus, applicant and counterpart
/// rules; needs with 1-3 sectors, budgets from USD 10k to 100M, any instrument.
public enum SyntheticCatalog {
    /// A seeded generator (SplitMix64), so runs are comparable.
    public struct Generator: RandomNumberGenerator {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let groups = (1...9).map { "\($0)00" }
    static let categories = groups.flatMap { g in (1...5).map { String(g.prefix(1)) + "\($0)0" } }
    static let codes = categories.flatMap { c in (1...6).map { c + String(format: "%02d", $0 * 10 + $0) } }
    static let provinceIDs = (0..<34).map { "province-\($0)" }
    static let themeIDs = (0..<22).map { "theme-\($0)" }

    /// The reference data, built through the types' JSON decoding.
    public static func reference() -> ReferenceData {
        func json(_ items: [String]) -> Data { Data(("[" + items.joined(separator: ",") + "]").utf8) }
        let decoder = JSONDecoder()
        let g = groups.map { "{\"code\":\"\($0)\",\"en\":\"Group \($0)\"}" }
        let c = categories.map { "{\"code\":\"\($0)\",\"group\":\"\($0.prefix(1))00\",\"en\":\"Category \($0)\"}" }
        let k = codes.map { "{\"code\":\"\($0)\",\"category\":\"\($0.prefix(3))\",\"en\":\"Code \($0)\"}" }
        let taxonomy = try! decoder.decode(SectorTaxonomy.self, from: Data("{\"groups\":\(String(decoding: json(g), as: UTF8.self)),\"categories\":\(String(decoding: json(c), as: UTF8.self)),\"codes\":\(String(decoding: json(k), as: UTF8.self))}".utf8))
        let regions = Region.allCases
        let flags = AreaFlag.allCases
        let units = provinceIDs.enumerated().map { i, id in
            "{\"id\":\"\(id)\",\"name\":\"Province \(i)\",\"kind\":\"province\",\"region\":\"\(regions[i % regions.count].rawValue)\",\"flags\":[\"\(flags[i % flags.count].rawValue)\",\"\(flags[(i / 3) % flags.count].rawValue)\"],\"formedFrom\":[]}"
        }
        let gazetteer = try! decoder.decode(Gazetteer.self, from: Data("{\"units\":\(String(decoding: json(units), as: UTF8.self))}".utf8))
        let themes = themeIDs.map { "{\"id\":\"\($0)\",\"en\":\"\($0)\",\"vi\":\"\($0)\"}" }
        let vocabulary = try! decoder.decode(ThemeVocabulary.self, from: Data("{\"themes\":\(String(decoding: json(themes), as: UTF8.self))}".utf8))
        return ReferenceData(sectors: taxonomy, provinces: gazetteer, themes: vocabulary, rates: RateTable(rates: []))
    }

    static func amount(_ g: inout Generator, _ lo: Double, _ hi: Double) -> Double {
        pow(10, Double.random(in: lo...hi, using: &g)).rounded()
    }

    public static func partners(_ count: Int, seed: UInt64 = 1) -> [Partner] {
        var g = Generator(seed: seed)
        let provenance = Provenance(source: "s1")
        let source = Source(id: "s1", title: "synthetic", checked: "2026-01-01")
        return (0..<count).map { i in
            let instruments = Array(Instrument.allCases.shuffled(using: &g).prefix(Int.random(in: 1...3, using: &g)))
            let offers = instruments.map { inst -> InstrumentOffer in
                let lo = amount(&g, 4, 7)
                let hi = (lo * pow(10, Double.random(in: 0.3...1.5, using: &g))).rounded()
                return InstrumentOffer(instrument: inst, ticket: TicketRange(min: lo, typical: (lo + hi) / 2, max: hi), provenance: provenance)
            }
            let priorities = (0..<Int.random(in: 3...15, using: &g)).map { _ -> SectorPriority in
                let level = Int.random(in: 0..<10, using: &g)
                let sector = level < 6 ? codes.randomElement(using: &g)! : level < 9 ? categories.randomElement(using: &g)! : groups.randomElement(using: &g)!
                return SectorPriority(sector: sector, weight: [0.2, 0.4, 0.6, 0.8, 1.0].randomElement(using: &g)!)
            }
            let geography: GeographicFocus
            switch Int.random(in: 0..<5, using: &g) {
            case 0, 1: geography = GeographicFocus()
            case 2: geography = GeographicFocus(provinces: Array(provinceIDs.shuffled(using: &g).prefix(Int.random(in: 1...4, using: &g))))
            case 3: geography = GeographicFocus(regions: [Region.allCases.randomElement(using: &g)!])
            default: geography = GeographicFocus(areaFlags: Array(AreaFlag.allCases.shuffled(using: &g).prefix(2)))
            }
            return Partner(
                id: String(format: "partner-%06d", i), name: LocalizedText(en: "Partner \(i)"), kind: PartnerKind.allCases.randomElement(using: &g)!, origin: "XX",
                instruments: offers, sectorPriorities: priorities,
                excludedSectors: Int.random(in: 0..<10, using: &g) == 0 ? [categories.randomElement(using: &g)!] : [],
                themes: themeIDs.filter { _ in Int.random(in: 0..<6, using: &g) == 0 },
                eligibility: Eligibility(
                    applicantKinds: Bool.random(using: &g) ? [] : Array(ApplicantKind.allCases.shuffled(using: &g).prefix(Int.random(in: 1...3, using: &g))),
                    minCounterpartShare: Bool.random(using: &g) ? 0 : Double.random(in: 0.05...0.3, using: &g)),
                geography: geography,
                recentVolume: Bool.random(using: &g) ? VolumeFigure(usdPerYear: amount(&g, 5, 9.5), year: 2024, provenance: provenance) : nil,
                sources: [source])
        }
    }

    public static func needs(_ count: Int, seed: UInt64 = 2) -> [Need] {
        var g = Generator(seed: seed)
        return (0..<count).map { i in
            let n = Int.random(in: 1...3, using: &g)
            let chosen = Array(codes.shuffled(using: &g).prefix(n))
            let shares: [Double] = n == 1 ? [100] : n == 2 ? [70, 30] : [50, 30, 20]
            let budget = amount(&g, 4, 8)
            return Need(
                id: "need-\(i)", title: LocalizedText(en: "Need \(i)"), province: provinceIDs.randomElement(using: &g)!,
                applicant: ApplicantKind.allCases.randomElement(using: &g)!,
                sectors: zip(chosen, shares).map { SectorShare(code: $0, share: $1) },
                budgetUSD: budget, instrument: SoughtInstrument.allCases.randomElement(using: &g)!,
                counterpartUSD: Bool.random(using: &g) ? budget * Double.random(in: 0...0.3, using: &g) : nil,
                themes: themeIDs.filter { _ in Int.random(in: 0..<8, using: &g) == 0 })
        }
    }

    /// Evidence summaries (past projects) for one partner in `every`, as varied as
    /// imported ones: value shares over a few codes and categories (some partners with
    /// none), past tickets per offered instrument around the stated ranges (some with an
    /// unnamed instrument), activities in a few provinces.
    public static func evidence(for partners: [Partner], every: Int = 3, seed: UInt64 = 3) -> [String: EvidenceSummary] {
        var g = Generator(seed: seed)
        var out: [String: EvidenceSummary] = [:]
        for (i, p) in partners.enumerated() where i % every == 0 {
            var shares: [String: Double] = [:]
            if Int.random(in: 0..<5, using: &g) > 0 {
                for _ in 0..<Int.random(in: 1...6, using: &g) { shares[codes.randomElement(using: &g)!] = Double.random(in: 0.02...0.6, using: &g) }
                for _ in 0..<Int.random(in: 1...3, using: &g) { shares[categories.randomElement(using: &g)!] = Double.random(in: 0.05...0.8, using: &g) }
            }
            let tickets = p.instruments.map { o -> EvidenceSummary.Tickets in
                let p10 = (o.ticket.min * Double.random(in: 0.3...2, using: &g)).rounded()
                let p90 = (p10 * pow(10, Double.random(in: 0.2...1.2, using: &g))).rounded()
                return .init(instrument: Int.random(in: 0..<4, using: &g) == 0 ? nil : o.instrument, count: Int.random(in: 1...40, using: &g), p10: p10, p50: (p10 + p90) / 2, p90: p90)
            }
            var provinces: [String: Int] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &g) { provinces[provinceIDs.randomElement(using: &g)!, default: 0] += Int.random(in: 1...6, using: &g) }
            out[p.id] = EvidenceSummary(
                activities: Int.random(in: 1...120, using: &g), valueUSD: amount(&g, 6, 9), sectorShares: shares,
                sectorValueUSD: shares.isEmpty ? 0 : amount(&g, 6, 9), tickets: tickets, provinces: provinces)
        }
        return out
    }

    /// The rule the application ships as its default, read from the repository's
    /// `Data/rules/default.json`, so the benchmarks measure what users run.
    public static func bundledDefaultRule() -> Rule {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("Data/rules/default.json")
        do {
            return try Rule.parse(String(contentsOf: file, encoding: .utf8))
        } catch {
            fatalError("cannot read the bundled default rule \(file.path): \(error)")
        }
    }

    /// The first default rule's seven stated features and filters, built in code (no
    /// evidence features, no status filter): the benchmarks' rule until default 1.1.
    public static func defaultRule() -> Rule {
        try! Rule(
            name: "default", version: "1.0",
            filters: FilterSettings(instrument: true, budgetTolerance: 3, applicant: true, province: false, excludedSector: true),
            features: FeatureSettings(
                sectorFit: SectorFitParameters(weight: 35), scaleFit: ScaleFitParameters(weight: 20),
                instrumentFit: InstrumentFitParameters(weight: 10), themeFit: ThemeFitParameters(weight: 10),
                geographyFit: GeographyFitParameters(weight: 12), cofinancing: CofinancingParameters(weight: 8),
                presence: PresenceParameters(weight: 5)))
    }
}
