import Testing
@testable import PartnerMatchCore

/// The top-k selection against a full sort of every partner's score, over several
/// kernel blocks (2,500 partners) and for k from 1 to more than a block.
@Suite struct TopKTests {
    @Test(arguments: [1, 10, 37, 1500, 3000])
    func topKEqualsAFullSort(_ k: Int) {
        let partners = RandomCatalog.partners(2_500, seed: 21)
        for seed in [UInt64(1), 2, 3] {
            let catalog = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: RandomCatalog.rule(seed: seed))
            for need in RandomCatalog.needs(12, seed: seed) {
                let compiled = catalog.compile(need)
                var all = [Float](repeating: 0, count: catalog.partners.count)
                all.withUnsafeMutableBufferPointer { catalog.scoreAll(compiled, into: $0.baseAddress!) }
                let expected = all.indices.filter { all[$0] >= 0 }
                    .sorted { all[$0] != all[$1] ? all[$0] > all[$1] : $0 < $1 }
                    .prefix(k)
                let ranking = catalog.rank(need, top: k)
                #expect(ranking.entries.map(\.partnerID) == expected.map { catalog.partners[$0].id }, "seed \(seed) need \(need.id) k \(k)")
                #expect(ranking.entries.map(\.score) == expected.map { Double(all[$0]) })
                #expect(ranking.excludedCount == all.filter { $0 < 0 }.count)
            }
        }
    }
}
