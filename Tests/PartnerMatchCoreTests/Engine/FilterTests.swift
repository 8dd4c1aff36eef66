import Testing
@testable import PartnerMatchCore

/// Each filter on a pair it must exclude, with its code and reason.
@Suite struct FilterTests {
    func exclusion(_ rule: Rule, _ need: Need, _ partner: String) throws -> Exclusion? {
        let catalog = EngineFixtures.catalog(rule)
        let e = try #require(catalog.explain(need, partnerID: partner))
        // The fast path agrees on exclusion.
        #expect((catalog.allScores(need)[partner]! < 0) == (e.exclusion != nil))
        return e.exclusion
    }

    @Test func instrumentIncompatible() throws {
        let x = try #require(try exclusion(EngineFixtures.defaultRule, EngineFixtures.tea, "road-bank-loans"))
        #expect(x.filter == .instrument)
        #expect(x.code == "instrument-incompatible")
        #expect(x.reason.en == "offers nothing compatible with a grant (offers: concessional loans, non-concessional loans)")
    }

    @Test func budgetOutsideTolerance() throws {
        // USD 80k against grants of 1-10M: 12.5x below (printed 13x), tolerance 3x.
        let x = try #require(try exclusion(EngineFixtures.defaultRule, EngineFixtures.water, "climate-facility"))
        #expect(x.filter == .budget)
        #expect(x.reason.en == "budget USD 80k is 13x outside grants of USD 1-10M (tolerance 3x)")
        // 2.5x below agri-fund's 200k minimum passes.
        var water = EngineFixtures.water
        water.applicant = .province
        #expect(try exclusion(EngineFixtures.defaultRule, water, "agri-fund") == nil)
    }

    @Test(arguments: [(30_000_000.0, false), (30_001_000, true), (1_000_000.0 / 3, false), (333_000, true)])
    func theToleranceEdgeIsExact(budget: Double, excluded: Bool) throws {
        // climate-facility's grants run USD 1-10M; the tolerance is 3x: exactly 3x above the
        // maximum or below the minimum passes, a hair further is excluded.
        var need = EngineFixtures.water
        need.budgetUSD = budget
        let x = try exclusion(EngineFixtures.defaultRule, need, "climate-facility")
        #expect((x?.filter == .budget) == excluded)
    }

    @Test func applicantNotEligible() throws {
        var need = EngineFixtures.tea
        need.sectors = [SectorShare(code: "14030", share: 100)]
        need.budgetUSD = 50_000
        let x = try #require(try exclusion(EngineFixtures.defaultRule, need, "grassroots-grants"))
        #expect(x.filter == .applicant)
        #expect(x.reason.en == "does not accept applications from a province (accepts: a commune, an NGO)")
    }

    @Test func provinceNotEligibleUnderStrictGeography() throws {
        var need = EngineFixtures.tea
        need.province = "ha-noi"
        #expect(try exclusion(EngineFixtures.defaultRule, need, "agri-fund") == nil)
        let x = try #require(try exclusion(EngineFixtures.strictRule, need, "agri-fund"))
        #expect(x.filter == .province)
        #expect(x.reason.en == "works only in Sơn La, Điện Biên; not in Hà Nội" || x.reason.en == "works only in Điện Biên, Sơn La; not in Hà Nội")
        // Area flags alone do not restrict.
        #expect(try exclusion(EngineFixtures.strictRule, need, "climate-facility") == nil)
    }

    @Test func mainSectorExcludedByCategory() throws {
        var need = EngineFixtures.roads
        need.instrument = .any
        let x = try #require(try exclusion(EngineFixtures.defaultRule, need, "climate-facility"))
        #expect(x.filter == .excludedSector)
        #expect(x.code == "sector-excluded")
        // A secondary sector in an excluded category does not exclude.
        need.sectors = [SectorShare(code: "41010", share: 60), SectorShare(code: "21020", share: 40)]
        #expect(try exclusion(EngineFixtures.defaultRule, need, "climate-facility") == nil)
    }

    @Test func showExcludedListsEveryExcludedPartner() {
        let catalog = EngineFixtures.catalog()
        let r = catalog.rank(EngineFixtures.tea, top: 10, showExcluded: true)
        #expect(r.excluded.count == r.excludedCount)
        #expect(r.entries.count + r.excludedCount == r.partnerCount)
        #expect(r.excluded.map(\.partnerID) == r.excluded.map(\.partnerID).sorted())
    }
    /// A partner whose money comes only beside another partner's loan is discounted by the
    /// rule's `unmetRequirement` (status filter on), with the reason in the explanation;
    /// the kernel, the explanation and the reference scorer agree, and contributions add up.
    @Test func partnerRequirementDiscountsTheScoreWithItsReason() throws {
        var rule = EngineFixtures.defaultRule
        rule.filters.status = 0.5
        rule.filters.unmetRequirement = 0.4
        var partners = EngineFixtures.partners
        let plain = EngineFixtures.catalog(rule, partners: partners)
        let id = partners[0].id
        partners[0].eligibility.alongsideLoanFrom = ["other-bank-loans"]
        let c = EngineFixtures.catalog(rule, partners: partners)
        let need = EngineFixtures.roads
        let before = try #require(plain.explain(need, partnerID: id))
        let e = try #require(c.explain(need, partnerID: id))
        #expect(before.score > 0 && abs(e.score - before.score * 0.4) < 1e-3)
        #expect(e.dormancy?.reason.en?.contains("only beside a loan from other-bank-loans") == true)
        #expect(abs(e.features.reduce(0) { $0 + $1.contribution } - e.score) < 1e-3)
        #expect(abs(Double(c.allScores(need)[id]!) - e.score) < 1e-3)
        #expect(abs(try #require(ReferenceScorer(rule: rule, reference: EngineFixtures.reference).score(need, partners[0]).score) - e.score) < 2e-3)
        // Without the parameter, no discount.
        rule.filters.unmetRequirement = nil
        #expect(abs(try #require(EngineFixtures.catalog(rule, partners: partners).explain(need, partnerID: id)).score - before.score) < 1e-6)
        // The rule's canonical JSON keeps the parameter and parses back to the same rule.
        rule.filters.unmetRequirement = 0.4
        #expect(rule.canonicalJSON.contains("\"unmetRequirement\": 0.4"))
        #expect(try Rule.parse(rule.canonicalJSON).filters == rule.filters)
    }
}
