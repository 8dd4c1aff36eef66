import Testing
@testable import PartnerMatchCore

/// A compiled need holds pointers into the columns of the catalog that compiled it: it
/// keeps those columns alive, and only that catalog scores it.
@Suite struct CompiledNeedTests {
    static func catalog(_ count: Int) -> CompiledCatalog {
        CompiledCatalog(partners: RandomCatalog.partners(count, seed: 5), reference: EngineFixtures.reference, rule: RandomCatalog.rule(seed: 5))
    }

    @Test func aNeedKeepsTheColumnsItPointsIntoAlive() {
        weak var columns: _Columns?
        let need: CompiledNeed
        do {
            let catalog = Self.catalog(40)
            need = catalog.compile(RandomCatalog.needs(1, seed: 5)[0])
            columns = catalog.columns
        }
        // The catalog is gone; the need still owns its columns.
        #expect(columns != nil)
        #expect(columns === need.columns)
    }

    @Test func theCompilingCatalogScoresItsNeeds() {
        let catalog = Self.catalog(40)
        let needs = RandomCatalog.needs(3, seed: 5)
        let matches = catalog.topMatches(needs.map(catalog.compile), top: 5, threads: 1)
        #expect(matches.map { $0.map { catalog.partners[$0.partner].id } } == needs.map { catalog.rank($0, top: 5).entries.map(\.partnerID) })
    }

    /// An equal catalog is not the same catalog: identity is what makes the pointers valid.
    @Test func topMatchesRefusesANeedOfAnotherCatalog() async {
        await #expect(processExitsWith: .failure) {
            let (a, b) = (CompiledNeedTests.catalog(2_000), CompiledNeedTests.catalog(10))
            _ = b.topMatches([a.compile(RandomCatalog.needs(1, seed: 5)[0])], top: 5, threads: 1)
        }
        await #expect(processExitsWith: .failure) {
            let (a, b) = (CompiledNeedTests.catalog(10), CompiledNeedTests.catalog(10))
            _ = b.topMatches([a.compile(RandomCatalog.needs(1, seed: 5)[0])], top: 5, threads: 1)
        }
    }

    @Test func scoreAllRefusesANeedOfAnotherCatalog() async {
        await #expect(processExitsWith: .failure) {
            let (a, b) = (CompiledNeedTests.catalog(10), CompiledNeedTests.catalog(10))
            var out = [Float](repeating: 0, count: 10)
            out.withUnsafeMutableBufferPointer { b.scoreAll(a.compile(RandomCatalog.needs(1, seed: 5)[0]), into: $0.baseAddress!) }
        }
    }
}
