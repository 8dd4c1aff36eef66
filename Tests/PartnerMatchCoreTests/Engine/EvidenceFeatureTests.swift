import Foundation
import Testing
@testable import PartnerMatchCore

/// The evidence features on past projects worked out by hand, with and without an
/// "evidence until" year, and their fallback to the stated catalog entry.
///
/// agri-fund's past projects (all grants, USD; 10M in all):
///
/// | id | year | value | sectors | provinces |
/// |----|------|-------|---------|-----------|
/// | a1 | 2001 | 1M | 31120 | Sơn La |
/// | a2 | 2002 | 3M | 32161 50%, 14030 50% | Sơn La, Điện Biên |
/// | a3 | 2005 | 6M | 21020 | Hà Nội |
@Suite struct EvidenceFeatureTests {
    static func activity(_ id: String, _ year: Int, _ usd: Double, _ sectors: [(String, Double?)], _ provinces: [String]) -> EvidenceActivity {
        var a = EvidenceActivity(identifier: id, sourceFormat: "test")
        a.titles = [Narrative(lang: "en", text: "Project \(id)")]
        a.dates = [ActivityDate(kind: .startActual, date: "\(year)-06-01")]
        var m = Money(value: usd, currency: "USD", date: "\(year)-06-01")
        m.usd = usd
        a.transactions = [EvidenceTransaction(kind: .commitment, typeCode: "C", money: m)]
        a.sectors = sectors.map { EvidenceSector.classify(vocabulary: "1", code: $0.0, percentage: $0.1, taxonomy: EngineFixtures.sectors) }
        a.statedInstrument = .grant
        a.locations = provinces.map { EvidenceLocation(name: $0, province: $0, resolvedBy: "name") }
        return a
    }

    static let agriFund = [
        activity("a1", 2001, 1_000_000, [("31120", nil)], ["son-la"]),
        activity("a2", 2002, 3_000_000, [("32161", 50), ("14030", 50)], ["son-la", "dien-bien"]),
        activity("a3", 2005, 6_000_000, [("21020", nil)], ["ha-noi"]),
    ]

    /// Every evidence feature and the stated features they fall back to, weight 1 each.
    static let rule = try! Rule(
        name: "evidence", version: "1", filters: .none,
        features: FeatureSettings(
            sectorFit: SectorFitParameters(weight: 1), scaleFit: ScaleFitParameters(weight: 1),
            geographyFit: GeographyFitParameters(weight: 1),
            sectorEvidence: SectorEvidenceParameters(weight: 1, saturation: 0.25, fallback: 0.6),
            ticketEvidence: TicketEvidenceParameters(weight: 1, width: 0.5, fallback: 0.6),
            provinceEvidence: ProvinceEvidenceParameters(weight: 1, saturation: 3, region: 0.5, fallback: 0.6)))

    func catalog(until: Int? = nil) -> CompiledCatalog {
        EngineFixtures.catalog(Self.rule, evidence: ["agri-fund": EvidenceSummary.compute(Self.agriFund, until: until)])
    }

    func feature(_ c: CompiledCatalog, _ need: Need, _ partner: String, _ f: Feature) throws -> FeatureContribution {
        let e = try #require(c.explain(need, partnerID: partner))
        // The kernel agrees with the explanation on every pair tested here.
        #expect(abs(Double(c.allScores(need)[partner]!) - e.score) < 1e-3)
        return try #require(e.features.first { $0.feature == f })
    }

    @Test func summaryOfThePastProjects() {
        let all = EvidenceSummary.compute(Self.agriFund)
        #expect(all.activities == 3 && all.valueUSD == 10_000_000 && all.sectorValueUSD == 10_000_000)
        #expect(all.sectorShares == ["31120": 0.1, "311": 0.1, "32161": 0.15, "321": 0.15, "14030": 0.15, "140": 0.15, "21020": 0.6, "210": 0.6])
        #expect(all.provinces == ["son-la": 2, "dien-bien": 1, "ha-noi": 1])
        // Tickets [1M, 3M, 6M]: p10 = 1M + 0.2 x 2M, p90 = 3M + 0.8 x 3M.
        #expect(all.tickets == [EvidenceSummary.Tickets(instrument: .grant, count: 3, p10: 1_400_000, p50: 3_000_000, p90: 5_400_000)])
        let until2002 = EvidenceSummary.compute(Self.agriFund, until: 2002)
        #expect(until2002.activities == 2 && until2002.valueUSD == 4_000_000 && until2002.until == 2002)
        #expect(until2002.provinces["ha-noi"] == nil)
    }

    @Test func sectorEvidenceSharesOfValue() throws {
        // 32161: 15% of the value, saturation 25% -> 0.6 (exact); its category 321 earns
        // 0.6 x 0.6 and its group 300 (25%) 0.25: 0.6 counts. 31120: 10% -> 0.4.
        // 0.7 x 0.6 + 0.3 x 0.4 = 0.54.
        let x = try feature(catalog(), EngineFixtures.tea, "agri-fund", .sectorEvidence)
        #expect(abs(x.value - 0.54) < 1e-6)
        #expect(x.reason.en == "past projects: 15% of value in agro-industries (32161), of USD 10M with sectors")
        // Roads: 21020 is 60% of the value: full credit.
        #expect(abs(try feature(catalog(), EngineFixtures.roads, "agri-fund", .sectorEvidence).value - 1) < 1e-6)
    }

    @Test func sectorEvidenceCreditsCategoryAndGroup() throws {
        // 31140 has no past value; its category 311 has 10% (0.4 x 0.6 = 0.24) and its
        // group 300 25% (1 x 0.25 = 0.25): the group's credit is the better.
        var need = EngineFixtures.tea
        need.sectors = [SectorShare(code: "31140", share: 100)]
        let x = try feature(catalog(), need, "agri-fund", .sectorEvidence)
        #expect(abs(x.value - 0.25) < 1e-6)
        #expect(x.reason.en == "past projects: 25% of value in production sectors (300), of USD 10M with sectors")
        // 14020: category 140 has 15%: 0.6 x 0.6 = 0.36 beats group 100 (15%: 0.15).
        need.sectors = [SectorShare(code: "14020", share: 100)]
        #expect(abs(try feature(catalog(), need, "agri-fund", .sectorEvidence).value - 0.36) < 1e-6)
    }

    @Test func sharesAreOfTheValuePlacedInSectors() {
        // A 10M project without sectors does not dilute the shares.
        let s = EvidenceSummary.compute(Self.agriFund + [Self.activity("a4", 2003, 10_000_000, [], [])])
        #expect(s.valueUSD == 20_000_000 && s.sectorValueUSD == 10_000_000)
        #expect(s.sectorShares["21020"] == 0.6)
    }

    @Test func evidenceUntilAYearLeavesLaterProjectsOut() throws {
        // Up to 2002 the value is 4M: 32161 37.5% and 31120 25%, both saturated -> 1.
        let c = catalog(until: 2002)
        let x = try feature(c, EngineFixtures.tea, "agri-fund", .sectorEvidence)
        #expect(abs(x.value - 1) < 1e-6)
        #expect(x.reason.en?.hasSuffix(" up to 2002") == true)
        // Roads were funded only in 2005: nothing in group 200 up to 2002.
        let roads = try feature(c, EngineFixtures.roads, "agri-fund", .sectorEvidence)
        #expect(roads.value == 0)
        #expect(roads.reason.en == "no past value in the need's sectors (2 projects, USD 4M up to 2002)")
        // Hà Nội saw a project only in 2005.
        var hanoi = EngineFixtures.tea
        hanoi.province = "ha-noi"
        #expect(abs(try feature(catalog(), hanoi, "agri-fund", .provinceEvidence).value - 1.0 / 3) < 1e-6)
        let none = try feature(c, hanoi, "agri-fund", .provinceEvidence)
        #expect(none.value == 0)
        #expect(none.reason.en == "no past project in Hà Nội or its region up to 2002")
        // The catalog hash tells the two evidence sets apart.
        #expect(c.catalogHash != catalog().catalogHash)
    }

    @Test func ticketEvidenceAgainstPastTickets() throws {
        // 2.5M lies inside p10-p90 (1.4M-5.4M).
        let inside = try feature(catalog(), EngineFixtures.tea, "agri-fund", .ticketEvidence)
        #expect(inside.value == 1)
        #expect(inside.reason.en == "past tickets USD 1.4-5.4M (p10-p90 of 3 projects); need USD 2.5M: inside")
        // 20M is log10(20 / 5.4) decades above p90; width 0.5.
        var large = EngineFixtures.tea
        large.budgetUSD = 20_000_000
        #expect(abs(try feature(catalog(), large, "agri-fund", .ticketEvidence).value - exp(-log10(20 / 5.4) / 0.5)) < 1e-5)
        // Up to 2002 the tickets are [1M, 3M]: p90 = 2.8M.
        #expect(abs(try feature(catalog(until: 2002), large, "agri-fund", .ticketEvidence).value - exp(-log10(20 / 2.8) / 0.5)) < 1e-5)
        // A loan is not a grant: no compatible past ticket, so the stated scale fit
        // (agri-fund offers no loan: exp(-far)) times 0.6.
        var loan = EngineFixtures.tea
        loan.instrument = .loan
        let fallback = try feature(catalog(), loan, "agri-fund", .ticketEvidence)
        #expect(fallback.value < 1e-6)
        #expect(fallback.reason.en == "3 past projects, none for a loan with a value; stated priority used (scale fit x 0.6)")
    }

    @Test func provinceEvidenceCountsAndRegion() throws {
        // Sơn La: 2 projects of 3 to saturate (0.667); the region has 3 (0.5 x 1).
        let x = try feature(catalog(), EngineFixtures.tea, "agri-fund", .provinceEvidence)
        #expect(abs(x.value - 2.0 / 3) < 1e-6)
        #expect(x.reason.en == "2 past projects in Sơn La")
        #expect(x.reason.vi == "2 dự án trước đây tại Sơn La")
        // Gia Lai: none there, none in the Central Highlands.
        var gialai = EngineFixtures.tea
        gialai.province = "gia-lai"
        #expect(try feature(catalog(), gialai, "agri-fund", .provinceEvidence).value == 0)
        // Điện Biên: 1 project (1/3), its region 3 (0.5): the region counts.
        var dienbien = EngineFixtures.tea
        dienbien.province = "dien-bien"
        #expect(abs(try feature(catalog(), dienbien, "agri-fund", .provinceEvidence).value - 0.5) < 1e-6)
    }

    @Test func withoutEvidenceTheStatedEntryCountsTimesTheFallback() throws {
        // road-bank-loans has no past project: sector fit 1, scale fit 1 (12M inside
        // 9.5-13.6M), geography 0.5 (nationwide), each x 0.6.
        let c = catalog()
        let sector = try feature(c, EngineFixtures.roads, "road-bank-loans", .sectorEvidence)
        #expect(abs(sector.value - 0.6) < 1e-6)
        #expect(sector.reason.en == "no past projects on record; stated priority used (sector fit x 0.6)")
        #expect(sector.reason.vi == "chưa có dự án trước đây trong hồ sơ; dùng ưu tiên đã công bố (phù hợp ngành x 0,6)")
        #expect(abs(try feature(c, EngineFixtures.roads, "road-bank-loans", .ticketEvidence).value - 0.6) < 1e-6)
        #expect(abs(try feature(c, EngineFixtures.roads, "road-bank-loans", .provinceEvidence).value - 0.3) < 1e-6)
        // No evidence at all is the stated catalog, and so is the hash.
        #expect(EngineFixtures.catalog(Self.rule, evidence: ["not-in-catalog": EvidenceSummary.compute(Self.agriFund)]).catalogHash == EngineFixtures.catalog(Self.rule).catalogHash)
    }

    @Test func contributionsSumToTheScoreWithEvidence() throws {
        let c = catalog(until: 2003)
        for need in [EngineFixtures.tea, EngineFixtures.roads, EngineFixtures.water] {
            let ranking = c.rank(need, top: 10, explain: true)
            for entry in ranking.entries {
                let e = try #require(entry.explanation)
                #expect(abs(e.features.reduce(0) { $0 + $1.contribution } - e.score) < 1e-9)
                #expect(abs(e.score - entry.score) < 1e-3)
            }
        }
    }
}
