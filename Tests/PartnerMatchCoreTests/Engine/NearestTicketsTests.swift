import Testing
@testable import PartnerMatchCore

/// When every partner is excluded, the warning names the nearest ticket ranges
/// (issue 12, item 10).
@Suite struct NearestTicketsTests {
    /// "50 tỷ" once read as USD 50 billion: every partner excluded, and nothing said.
    var huge: Need {
        var n = EngineFixtures.water
        n.budgetUSD = 50_000_000_000
        return n
    }

    @Test func nearestRangesComeFirstWithTheirFactorAndFilter() throws {
        let catalog = EngineFixtures.catalog()
        let tickets = catalog.nearestTickets(huge)
        // Grant offers only (the need asks for a grant), nearest maximum first.
        #expect(tickets.map(\.partnerID) == ["climate-facility", "agri-fund", "grassroots-grants"])
        #expect(tickets.allSatisfy { $0.instrument == .grant })
        #expect(abs(tickets[0].factor - 5_000) < 5)
        #expect(tickets[0].min == 1_000_000 && tickets[0].max == 10_000_000)
        #expect(zip(tickets, tickets.dropFirst()).allSatisfy { $0.factor <= $1.factor })
        #expect(tickets.allSatisfy { $0.exclusion?.filter == .budget })
        #expect(catalog.nearestTickets(huge, count: 1).map(\.partnerID) == ["climate-facility"])
    }

    @Test func warningOnlyWhenEveryPartnerIsExcluded() throws {
        let catalog = EngineFixtures.catalog()
        let ranking = catalog.rank(huge, top: 5)
        #expect(ranking.entries.isEmpty)
        let w = try #require(AllExcludedWarning(ranking, need: huge, catalog: catalog))
        #expect(w.partnerCount == EngineFixtures.partners.count)
        let en = w.message.text(.en)
        #expect(en.hasPrefix("every partner is excluded (6 of 6) for need sla-water (USD 50B); the nearest ticket ranges: climate-facility: grants USD 1-10M, budget 5,000x above the maximum; agri-fund: "))
        #expect(w.message.text(.vi).hasPrefix("mọi đối tác đều bị loại (6/6) cho nhu cầu sla-water"))
        #expect(w.json.hasPrefix(#"{"code":"all-excluded","message":{"en":"every partner is excluded"#))
        #expect(w.json.contains(#""nearestTickets":[{"excludedBy":"budget","excludedReason":{"en":"budget USD 50B is 5,000x outside grants of USD 1-10M (tolerance 3x)""#))
        let notes = RankingNotes(ranking: ranking, need: huge, catalog: catalog)
        #expect(notes.jsonMembers.map(\.key) == ["warning"])
        #expect(notes.lines().first?.hasPrefix("warning: every partner is excluded") == true)
        // A ranking with an entry has no warning.
        let water = EngineFixtures.water
        let fine = catalog.rank(water, top: 5)
        #expect(!fine.entries.isEmpty)
        #expect(AllExcludedWarning(fine, need: water, catalog: catalog) == nil)
        #expect(RankingNotes(ranking: fine, need: water, catalog: catalog).isEmpty)
    }

    /// A range that fits the budget but whose partner another filter excludes says which.
    @Test func otherFiltersAreNamed() throws {
        var need = EngineFixtures.water
        need.applicant = .enterprise
        need.budgetUSD = 40_000  // inside the grassroots grants, 5x below agri-fund's
        let catalog = EngineFixtures.catalog()
        let ranking = catalog.rank(need, top: 5)
        try #require(ranking.entries.isEmpty)
        let w = try #require(AllExcludedWarning(ranking, need: need, catalog: catalog))
        #expect(w.nearest.first?.partnerID == "grassroots-grants")
        #expect(w.nearest.first?.factor == 1)
        #expect(w.message.text(.en).contains("grassroots-grants: grants USD 10-120k, budget inside the range (excluded by the applicant filter: does not accept applications from"))
    }
}
