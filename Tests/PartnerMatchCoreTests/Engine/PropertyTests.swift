import Foundation
import PropertyBased
import Testing
@testable import PartnerMatchCore

/// Invariants of scores, explanations and rankings on random catalogs, needs and rules
/// (each case is built from one seed, so a failure names a seed to replay).
@Suite struct PropertyTests {
    static let seeds = Gen.uint64(in: 0...UInt64.max)

    @Test func contributionsSumToTheScore() async {
        await propertyCheck(count: 60, input: Self.seeds) { seed in
            let partners = RandomCatalog.partners(40, seed: seed)
            let catalog = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: RandomCatalog.rule(seed: seed), evidence: RandomCatalog.evidence(for: partners, seed: seed))
            for need in RandomCatalog.needs(3, seed: seed) {
                let ranking = catalog.rank(need, top: 10, explain: true)
                for entry in ranking.entries {
                    let e = entry.explanation!
                    let sum = e.features.reduce(0) { $0 + $1.contribution }
                    #expect(abs(min(sum, 100) - e.score) < 1e-9)
                    #expect(abs(e.score - entry.score) < 1e-3, "seed \(seed): kernel \(entry.score) vs explanation \(e.score)")
                    #expect(e.isEligible)
                }
            }
        }
    }

    @Test func scoresAreFiniteAndBounded() async {
        await propertyCheck(count: 60, input: Self.seeds) { seed in
            let partners = RandomCatalog.partners(60, seed: seed)
            let catalog = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: RandomCatalog.rule(seed: seed), evidence: RandomCatalog.evidence(for: partners, seed: seed, until: seed % 2 == 0 ? nil : 2003))
            for need in RandomCatalog.needs(4, seed: seed) {
                for (id, s) in catalog.allScores(need) {
                    #expect(s.isFinite && (s == -1 || (s >= 0 && s <= 100)), "seed \(seed) \(id): \(s)")
                    let e = catalog.explain(need, partnerID: id)!
                    #expect(e.score.isFinite && (e.score == -1 || (e.score >= 0 && e.score <= 100)))
                    for f in e.features { #expect(f.value >= 0 && f.value <= 1, "\(f.feature) = \(f.value)") }
                }
            }
        }
    }

    @Test func rankingIgnoresCatalogOrder() async {
        await propertyCheck(count: 40, input: Self.seeds) { seed in
            let partners = RandomCatalog.partners(50, seed: seed)
            var rng = SplitMix(seed: seed)
            let rule = RandomCatalog.rule(seed: seed)
            let evidence = RandomCatalog.evidence(for: partners, seed: seed)
            let a = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: rule, evidence: evidence)
            let b = CompiledCatalog(partners: partners.shuffled(using: &rng), reference: EngineFixtures.reference, rule: rule, evidence: evidence)
            #expect(a.catalogHash == b.catalogHash)
            for need in RandomCatalog.needs(3, seed: seed) {
                #expect(a.rank(need, top: 10) == b.rank(need, top: 10))
            }
        }
    }

    @Test func rankingBreaksTiesByID() throws {
        // Identical partners but for their ids score alike: the smaller id comes first.
        // No filter, so that none of them is excluded and the order is always checked.
        let base = RandomCatalog.partners(1, seed: 7)[0]
        let partners = ["p-c", "p-a", "p-d", "p-b"].map { id -> Partner in var p = base; p.id = id; return p }
        var rule = RandomCatalog.rule(seed: 1)
        rule.filters = .none
        let catalog = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: rule)
        var need = RandomCatalog.needs(1, seed: 3)[0]
        need.instrument = .any
        let r = catalog.rank(need, top: 3)
        try #require(r.excludedCount == 0)
        #expect(r.entries.map(\.partnerID) == ["p-a", "p-b", "p-c"])
        #expect(Set(r.entries.map(\.score)).count == 1)
    }

    @Test func raisingTheSectorWeightNeverLowersTheScore() async {
        await propertyCheck(count: 80, input: Self.seeds, Gen.double(in: 0...1)) { seed, raise in
            let rule = RandomCatalog.rule(seed: seed)
            var partner = RandomCatalog.partners(1, seed: seed)[0]
            let need = RandomCatalog.needs(1, seed: seed)[0]
            let main = need.mainSector!
            let before = CompiledCatalog(partners: [partner], reference: EngineFixtures.reference, rule: rule).explain(need, partnerID: partner.id)!
            let current = partner.sectorPriorities.filter { $0.sector == main }.map(\.weight).max() ?? 0
            partner.sectorPriorities.removeAll { $0.sector == main }
            partner.sectorPriorities.append(SectorPriority(sector: main, weight: current + (1 - current) * raise))
            let catalog = CompiledCatalog(partners: [partner], reference: EngineFixtures.reference, rule: rule)
            let after = catalog.explain(need, partnerID: partner.id)!
            #expect(after.score >= before.score - 1e-9, "seed \(seed)")
            #expect(catalog.allScores(need)[partner.id]! >= Float(before.score) - 1e-3)
        }
    }

    @Test func movingTheBudgetIntoTheRangeNeverLowersScaleFit() async {
        await propertyCheck(count: 100, input: Self.seeds, Gen.double(in: 0...1)) { seed, t in
            let partner = RandomCatalog.partners(1, seed: seed)[0]
            var need = RandomCatalog.needs(1, seed: seed)[0]
            need.instrument = .any
            let catalog = CompiledCatalog(partners: [partner], reference: EngineFixtures.reference, rule: EngineFixtures.defaultRule)
            func scale() -> Double { catalog.explain(need, partnerID: partner.id)!.features.first { $0.feature == .scaleFit }!.value }
            let before = scale()
            let offer = partner.instruments[0].ticket
            need.budgetUSD = offer.min + (offer.max - offer.min) * t
            let inside = scale()
            #expect(inside >= before)
            #expect(inside == 1)
        }
    }

    @Test func fastPathEqualsTheReferenceScorer() async {
        await propertyCheck(count: 60, input: Self.seeds) { seed in
            let rule = RandomCatalog.rule(seed: seed)
            let partners = RandomCatalog.partners(80, seed: seed)
            let evidence = RandomCatalog.evidence(for: partners, seed: seed, until: seed % 3 == 0 ? 2002 : nil)
            let catalog = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: rule, evidence: evidence)
            let reference = ReferenceScorer(rule: rule, reference: EngineFixtures.reference, evidence: evidence)
            for need in RandomCatalog.needs(5, seed: seed) {
                let fast = catalog.allScores(need)
                for p in partners {
                    let r = reference.score(need, p)
                    if r.budgetMargin < 1e-4 { continue }
                    let s = fast[p.id]!
                    if let expected = r.score {
                        #expect(abs(Double(s) - expected) < 2e-3, "seed \(seed) \(need.id) \(p.id): fast \(s) vs reference \(expected)")
                    } else {
                        #expect(s == -1, "seed \(seed) \(need.id) \(p.id): fast \(s), reference excluded")
                    }
                }
            }
        }
    }

    @Test func manyNeedsOnTwoThreadsMatchOneByOne() {
        let catalog = CompiledCatalog(partners: RandomCatalog.partners(300, seed: 11), reference: EngineFixtures.reference, rule: EngineFixtures.defaultRule)
        let needs = RandomCatalog.needs(50, seed: 11)
        let together = catalog.rank(needs, top: 5, threads: 2)
        #expect(together.map(\.needID) == needs.map(\.id))
        #expect(together == needs.map { catalog.rank($0, top: 5) })
        let compiled = needs.map(catalog.compile)
        #expect(catalog.topMatches(compiled, top: 5, threads: 2) == catalog.topMatches(compiled, top: 5, threads: 1))
    }
}
