import Foundation
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// The kept catalog snapshot (the hash state after the partners) must give the same
/// catalog hash as hashing the partners again, and be rebuilt whenever a partner changes.
@Suite struct CatalogSnapshotTests {
    let dir = DataDirectory(path: fixtureData)

    func hash(_ store: CatalogStore, _ reference: ReferenceData, _ rule: Rule) throws -> String {
        // Given the same partners, compiled from the kept state and from scratch
        let kept = CompiledCatalog(hashed: try store.hashedPartners(), reference: reference, rule: rule)
        let fresh = CompiledCatalog(partners: try store.partners(), reference: reference, rule: rule)
        // Then both catalogs are the same one
        #expect(kept.catalogHash == fresh.catalogHash)
        #expect(kept.partners == fresh.partners)
        return kept.catalogHash
    }

    @Test(arguments: [true, false])
    func keptStateGivesTheSameHashAndFollowsChanges(onDisk: Bool) throws {
        let store = onDisk ? try CatalogStore.open(path: temporaryPath("c.sqlite")) : try CatalogStore.inMemory()
        let reference = try dir.loadReference()
        let (partners, _) = try dir.loadBundledCatalog(reference: reference)
        let rule = try RuleLibrary(data: dir).load(nil)
        _ = try store.importPartners(partners)
        let first = try hash(store, reference, rule)
        // The state is kept: a second read answers from it
        #expect(try store.read { db in try CatalogSnapshot.load(db) } != nil)
        #expect(try hash(store, reference, rule) == first)
        // When a partner changes, the kept state is dropped and the hash follows
        var changed = partners
        changed[0].notes = LocalizedText(en: "changed")
        _ = try store.importPartners(changed)
        #expect(try store.read { db in try CatalogSnapshot.load(db) } == nil)
        let second = try hash(store, reference, rule)
        #expect(second != first)
        // And a partner removed by hand (another program) drops it too
        try store.write { db in try db.execute(sql: "DELETE FROM partner WHERE id = ?", arguments: [changed[1].id]) }
        #expect(try store.read { db in try CatalogSnapshot.load(db) } == nil)
        #expect(try hash(store, reference, rule) != second)
    }

    @Test func midStateRoundTrips() throws {
        var h = SHA256()
        h.update(Array(repeating: 0x61, count: 100))
        var resumed = try #require(SHA256(midState: h.midState))
        h.update("tail")
        resumed.update("tail")
        #expect(h.finalize() == resumed.finalize())
        #expect(SHA256(midState: [1, 2, 3]) == nil)
    }
}
