import Foundation
import Testing
@testable import PartnerMatchCore

/// Each feature on cases worked out by hand with the fixture catalog and default rule.
@Suite struct FeatureTests {
    let catalog = EngineFixtures.catalog()

    func value(_ need: Need, _ partner: String, _ feature: Feature) throws -> Double {
        let e = try #require(catalog.explain(need, partnerID: partner))
        return try #require(e.features.first { $0.feature == feature }).value
    }

    @Test func sectorFitExactCategoryAndGroup() throws {
        // 21020 listed at weight 1: exact.
        #expect(abs(try value(EngineFixtures.roads, "road-bank-loans", .sectorFit) - 1) < 1e-6)
        // 70% of 32161 at 0.8 (exact) + 30% of 31120 at 1 (exact) = 0.86.
        #expect(abs(try value(EngineFixtures.tea, "agri-fund", .sectorFit) - 0.86) < 1e-6)
        // ta-agency lists the whole category 311 at 0.7: it covers 31120 as if listed ->
        // 0.7 x 1 = 0.7 for 30%; 32161 (category 321) shares only group 300 with it ->
        // 0.7 x 0.25 = 0.175 for 70%. Total 0.21 + 0.1225 = 0.3325.
        #expect(abs(try value(EngineFixtures.tea, "ta-agency", .sectorFit) - 0.3325) < 1e-6)
        // grassroots lists 311 at 0.6 and group 100 at 0.3; 14030 at 1 exact.
        #expect(abs(try value(EngineFixtures.water, "grassroots-grants", .sectorFit) - 1) < 1e-6)
        // climate-facility: 23210 at 0.8 shares group 200 with 21020 -> 0.8 x 0.25.
        #expect(abs(try value(EngineFixtures.roads, "climate-facility", .sectorFit) - 0.2) < 1e-6)
        // investor-agro: nothing in group 200 -> 0.
        #expect(try value(EngineFixtures.roads, "investor-agro", .sectorFit) == 0)
    }

    /// "Education, level unspecified" (111) and "Health, general" (121) serve every level
    /// of their field: a code in them and a code of a sibling category of the field earn
    /// category credit; two specific-level categories (112, 113) and two fields (education
    /// and health, both in group 100) stay group relatives.
    @Test func levelSpanningCategoriesRelateToTheirSiblingsAtCategoryLevel() {
        func r(_ code: String) -> SectorTaxonomy.Resolved {
            code.count == 5 ? SectorTaxonomy.Resolved(level: .code, code: code, category: String(code.prefix(3)), group: "100")
                : SectorTaxonomy.Resolved(level: .category, code: code, category: code, group: "100")
        }
        #expect(FeatureFormulas.sectorMatch(need: r("11260"), priority: r("11120")) == .category)
        #expect(FeatureFormulas.sectorMatch(need: r("11120"), priority: r("11220")) == .category)
        #expect(FeatureFormulas.sectorMatch(need: r("12220"), priority: r("121")) == .category)
        #expect(FeatureFormulas.sectorMatch(need: r("11320"), priority: r("11220")) == .group)
        #expect(FeatureFormulas.sectorMatch(need: r("12220"), priority: r("11120")) == .group)
        #expect(FeatureFormulas.sectorMatch(need: r("11220"), priority: r("112")) == .covers)
    }

    @Test func sectorFitReasonNamesTheSector() throws {
        let e = try #require(catalog.explain(EngineFixtures.roads, partnerID: "road-bank-loans"))
        let r = try #require(e.features.first { $0.feature == .sectorFit }).reason
        #expect(r.en == "funds road transport (21020): exact sector match")
        #expect(r.vi == "tài trợ giao thông đường bộ (21020): khớp đúng mã ngành")
    }

    @Test func scaleFitInsideAndOutside() throws {
        let e = try #require(catalog.explain(EngineFixtures.roads, partnerID: "road-bank-loans"))
        let scale = try #require(e.features.first { $0.feature == .scaleFit })
        #expect(scale.value == 1)
        #expect(scale.reason.en == "concessional loans of USD 9.5-13.6M; need USD 12M: inside the range")
        #expect(scale.reason.vi == "vay ưu đãi USD 9,5-13,6M; nhu cầu USD 12M: trong khoảng")
        // USD 1M against 9.5M: log10(9.5) = 0.97772 decades; width 0.5 -> exp(-1.95545).
        var small = EngineFixtures.roads
        small.budgetUSD = 1_000_000
        let v = try value(small, "road-bank-loans", .scaleFit)
        #expect(abs(v - exp(-log10(9.5) / 0.5)) < 1e-5)
        // 60M falls inside the non-concessional range (the best compatible instrument).
        var large = EngineFixtures.roads
        large.budgetUSD = 60_000_000
        #expect(try value(large, "road-bank-loans", .scaleFit) == 1)
    }

    @Test func fastExpMatchesExp() {
        var worst: Float = 0
        var x: Float = -87
        while x <= 0 {
            let e = Foundation.exp(Double(x))
            if e > 1e-30 { worst = max(worst, Float(abs(Double(FeatureFormulas.fastExp(x)) - e) / e)) }
            x += 0.0137
        }
        // Float rounding of x log2(e) alone costs ~ln 2 x 2^-24 x |t| relative.
        #expect(worst < 1e-5)
        var near: Float = 0
        x = -10
        while x <= 0 {
            let e = Foundation.exp(Double(x))
            near = max(near, Float(abs(Double(FeatureFormulas.fastExp(x)) - e) / e))
            x += 0.001
        }
        #expect(near < 1e-6)
        #expect(FeatureFormulas.fastExp(0) == 1)
        #expect(FeatureFormulas.fastExp(-1000) >= 0)
    }

    @Test func instrumentFitPrefersConcessional() throws {
        // A loan is sought; the partner offers both kinds: concessional (0.9) wins.
        #expect(abs(try value(EngineFixtures.roads, "road-bank-loans", .instrumentFit) - 0.9) < 1e-6)
        #expect(try value(EngineFixtures.tea, "agri-fund", .instrumentFit) == 1)
    }

    @Test func themeFitOverlapAndNeutral() throws {
        #expect(try value(EngineFixtures.tea, "agri-fund", .themeFit) == 1)
        #expect(try value(EngineFixtures.tea, "ta-agency", .themeFit) == 0.5)
        #expect(try value(EngineFixtures.tea, "investor-agro", .themeFit) == 0)
        var none = EngineFixtures.tea
        none.themes = []
        #expect(try value(none, "investor-agro", .themeFit) == 0.5)
    }

    @Test func aCategoryPriorityRanksAsItsListedCodes() throws {
        // Given two partners alike but for how they state transport: the category 210, or
        // each of its codes
        var a = EngineFixtures.partners.first { $0.id == "road-bank-loans" }!
        a.sectorPriorities = [SectorPriority(sector: "210", weight: 0.8)]
        var b = a
        b.id = "road-bank-listed"
        b.sectorPriorities = ["21020", "21030"].map { SectorPriority(sector: $0, weight: 0.8) }
        let catalog = CompiledCatalog(partners: [a, b], reference: EngineFixtures.reference, rule: EngineFixtures.defaultRule)
        // When a road need is scored
        let ea = try #require(catalog.explain(EngineFixtures.roads, partnerID: a.id))
        let eb = try #require(catalog.explain(EngineFixtures.roads, partnerID: b.id))
        // Then both get the same sector fit and score, and the reason says what matched
        #expect(ea.features[0].value == eb.features[0].value)
        #expect(ea.score == eb.score)
        #expect(ea.features[0].reason.en?.contains("which includes 21020") == true)
    }

    @Test func geographyFitLevels() throws {
        #expect(try value(EngineFixtures.tea, "agri-fund", .geographyFit) == 1)                  // province listed
        #expect(abs(try value(EngineFixtures.tea, "grassroots-grants", .geographyFit) - 0.7) < 1e-6) // region
        #expect(try value(EngineFixtures.tea, "climate-facility", .geographyFit) == 0.5)          // delta/coastal: focus elsewhere is neutral, never below nationwide
        #expect(try value(EngineFixtures.tea, "road-bank-loans", .geographyFit) == 0.5)          // nationwide
        var gialai = EngineFixtures.tea
        gialai.province = "gia-lai"
        #expect(try value(gialai, "grassroots-grants", .geographyFit) == 0.5)                     // mountainous flag
    }

    @Test func cofinancingFeasibility() throws {
        // Needs 15%; 2M of 12M is 16.7%: feasible.
        #expect(try value(EngineFixtures.roads, "road-bank-loans", .cofinancing) == 1)
        var short = EngineFixtures.roads
        short.counterpartUSD = 900_000  // 7.5% of 15% -> 0.5
        #expect(abs(try value(short, "road-bank-loans", .cofinancing) - 0.5) < 1e-6)
        short.counterpartUSD = nil
        #expect(try value(short, "road-bank-loans", .cofinancing) == 0.5)  // unknown
        #expect(try value(EngineFixtures.tea, "agri-fund", .cofinancing) == 1)  // not required
    }

    @Test func presenceLogScale() throws {
        // ln(500) / ln(1000) = 0.89966.
        #expect(abs(try value(EngineFixtures.roads, "road-bank-loans", .presence) - log(500) / log(1000)) < 1e-6)
        #expect(try value(EngineFixtures.roads, "climate-facility", .presence) == 0)
    }

    @Test func scoreIsTheWeightedSum() throws {
        let e = try #require(catalog.explain(EngineFixtures.roads, partnerID: "road-bank-loans"))
        // 35x1 + 20x1 + 10x0.9 + 10x1 + 12x0.5 + 8x1 + 5x0.89966, and with no past
        // project on record the evidence features fall back to 0.7 x the stated ones:
        // 10x0.7 (sector) + 6x0.7 (scale) + 4x0.7x0.5 (nationwide), over 120.
        let stated: Double = 35.0 + 20 + 9 + 10 + 6 + 8 + 5 * (log(500.0) / log(1000.0))
        let expected = (stated + 10 * 0.7 + 6 * 0.7 + 4 * 0.35) * 100 / 120
        #expect(abs(e.score - expected) < 1e-3)
        let ranking = catalog.rank(EngineFixtures.roads, top: 3)
        #expect(ranking.entries.first?.partnerID == "road-bank-loans")
        #expect(abs(ranking.entries[0].score - expected) < 1e-3)
    }
}
