import Foundation
import GRDB
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// The `evidence_summary` cache: same answers as computing from the activities, and
/// emptied by every change that can change them.
@Suite struct EvidenceSummaryCacheTests {
    typealias F = EvidenceStoreFixtures

    static func cachedRows(_ store: CatalogStore) throws -> Int { try F.count(store, "evidence_summary") }

    /// `evidence import`'s progress bar: both importers report the activities written,
    /// ending at the number the summary counts.
    @Test func importsReportProgress() throws {
        let (store, ctx) = try F.store()
        let mapping = try EvidenceMapping.parse(try FileIO.read(F.path("adb-map.json")), file: "adb-map.json")
        var csvCounts: [Int] = []
        let csv = try store.importCSV(path: F.path("adb-projects.csv"), mapping: mapping, context: ctx) { csvCounts.append($0) }
        #expect(!csvCounts.isEmpty && csvCounts == csvCounts.sorted())
        #expect(csvCounts.last == csv.activities)
        var xmlCounts: [Int] = []
        let xml = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx) { xmlCounts.append($0) }
        #expect(!xmlCounts.isEmpty && xmlCounts == xmlCounts.sorted())
        #expect(xmlCounts.last == xml.activities)
    }

    @Test func cachedSummariesEqualComputedOnes() throws {
        // Given the fixture evidence from XML and CSV (a project in both)
        let (store, ctx) = try F.store()
        let mapping = try EvidenceMapping.parse(try FileIO.read(F.path("adb-map.json")), file: "adb-map.json")
        _ = try store.importCSV(path: F.path("adb-projects.csv"), mapping: mapping, context: ctx)
        _ = try store.importIATI(path: F.path("iati-1.04.xml"), context: ctx)
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        // The import built the all-years cut (issue 14, item 14); the others are built
        // when first read.
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT cut FROM evidence_summary WHERE partner_id = ''") } == ["all"])
        for until in [nil, 1990, 2003, 2020, 2024] as [Int?] {
            // When the summaries are read twice (computed and stored, then from the cache)
            let uncached = try store.evidenceSummariesUncached(until: until)
            let first = try store.evidenceSummariesAndActivities(until: until)
            let second = try store.evidenceSummariesAndActivities(until: until)
            // Then both equal the computed ones; the second read did not need the activities
            #expect(first.summaries == uncached)
            #expect(second.summaries == uncached)
            #expect((first.activities != nil) == (until != nil) && second.activities == nil)
            if until != nil { #expect(first.activities.map { Set($0.keys) } == Set(uncached.keys)) }
        }
        // One marker row per cut beside the partners' rows.
        let all = try store.evidenceSummaries()
        #expect(!all.isEmpty)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM evidence_summary WHERE partner_id = ''") } == 5)
        // And the catalog compiled from them is the same catalog (hash and ranking)
        let dir = DataDirectory(path: fixtureData)
        let (partners, needs) = try dir.loadBundledCatalog(reference: ctx.reference)
        // The bundled default rule (1.1) weighs the evidence features.
        let bundled = URL(fileURLWithPath: fixtureData).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data").path
        let rule = try RuleLibrary(data: DataDirectory(path: bundled)).load(nil)
        let usesEvidence = rule.features.used.contains(where: \.isEvidence)
        #expect(usesEvidence)
        let a = CompiledCatalog(partners: partners, reference: ctx.reference, rule: rule, evidence: try store.evidenceSummariesUncached())
        let b = CompiledCatalog(partners: partners, reference: ctx.reference, rule: rule, evidence: all)
        for need in needs { #expect(a.rank(need, top: 20) == b.rank(need, top: 20)) }
    }

    @Test func anImportThatChangesEvidenceRebuildsTheCacheInItsTransaction() throws {
        let (store, ctx) = try F.store()
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        let before = try store.evidenceSummaries()
        #expect(try Self.cachedRows(store) > 0)
        // Re-importing the same file changes nothing, so the cache stays
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        #expect(try Self.cachedRows(store) > 0)
        #expect(try store.evidenceSummaries() == before)
        // A file with new activities for a linked partner empties it in its transaction
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        _ = try store.evidenceSummaries(until: 2020)
        // A file with new activities for a linked partner replaces the cache in its
        // transaction: the all-years cut rebuilt (the first rank reads it without
        // computing), the other cuts dropped.
        _ = try store.importIATI(path: F.path("iati-1.04.xml"), context: ctx)
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT cut FROM evidence_summary WHERE partner_id = ''") } == ["all"])
        let after = try store.evidenceSummariesAndActivities()
        #expect(after.activities == nil)
        #expect(after.summaries == (try store.evidenceSummariesUncached()))
        #expect(after.summaries["adb-test"] != nil && before["adb-test"] == nil)
    }

    @Test func aFailedImportLeavesTheCacheAsItWas() throws {
        let (store, ctx) = try F.store()
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        _ = try store.evidenceSummaries()
        let rows = try Self.cachedRows(store)
        let good = try String(contentsOfFile: F.path("iati-1.04.xml"), encoding: .utf8)
        let truncated = temporaryPath("cache-truncated.xml")
        try String(good.prefix(good.count - 100)).write(toFile: truncated, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try store.importIATI(path: truncated, context: ctx) }
        #expect(try Self.cachedRows(store) == rows)
    }

    @Test func aPartnerAliasChangeEmptiesTheCache() throws {
        // Given KOICA's two projects, one linked by the alias "KOICA"
        let (store, ctx) = try F.store()
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        #expect(try store.evidenceSummaries()["koica-grants"]?.activities == 2)
        #expect(try store.evidenceSummaries(until: 2024)["koica-grants"]?.activities == 1)
        // When the alias is removed
        var koica = try #require(try store.partner(id: "koica-grants"))
        koica.aliases.removeAll { $0 == "KOICA" }
        _ = try store.importPartners([koica])
        // Then the cache is empty and the summaries follow the new links
        #expect(try Self.cachedRows(store) == 0)
        #expect(try store.evidenceSummaries()["koica-grants"]?.activities == 1)
        #expect(try store.evidenceSummaries() == (try store.evidenceSummariesUncached()))
        // An unchanged partner import keeps the cache; replacing the catalog empties it
        _ = try store.importPartners([koica])
        #expect(try Self.cachedRows(store) > 0)
        try store.replaceCatalog(partners: [koica], needs: [], meta: [:])
        #expect(try Self.cachedRows(store) == 0)
    }

    @Test func summariesOfAnotherFormulaAreRecomputed() throws {
        let (store, ctx) = try F.store()
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        let right = try store.evidenceSummaries()
        try store.write { db in
            try db.execute(sql: "UPDATE evidence_summary SET doc = 'evidence-summary-0' WHERE partner_id = ''")
            try db.execute(sql: "UPDATE evidence_summary SET doc = '{\"activities\":99,\"valueUSD\":0,\"sectorShares\":{},\"sectorValueUSD\":0,\"tickets\":[],\"provinces\":{}}' WHERE partner_id != ''")
        }
        #expect(try store.evidenceSummariesAndActivities().activities != nil)
        #expect(try store.evidenceSummaries() == right)
    }

    @Test func anOldDatabaseGetsTheCacheTable() throws {
        // Given a database at the v2 schema with evidence in it (the v3 table and
        // triggers dropped and the migration unrecorded)
        let path = temporaryPath("v2.sqlite")
        let (partners, ctx): ([Partner], EvidenceContext) = try {
            let (s, c) = try F.store()
            return (try s.partners(), c)
        }()
        do {
            let store = try CatalogStore.open(path: path)
            _ = try store.importPartners(partners)
            _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
            try store.write { db in
                try db.execute(sql: """
                    DROP TRIGGER evidence_summary_partner_insert; DROP TRIGGER evidence_summary_partner_update;
                    DROP TRIGGER evidence_summary_partner_delete; DROP TABLE evidence_summary;
                    DELETE FROM grdb_migrations WHERE identifier = 'v3-evidence-summaries';
                    """)
            }
        }
        // When it is opened
        let store = try CatalogStore.open(path: path)
        // Then the migration is applied and the summaries come through the cache
        let names = try store.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(names.contains("v3-evidence-summaries"))
        let uncached = try store.evidenceSummariesUncached()
        #expect(uncached["koica-grants"]?.activities == 2)
        #expect(try store.evidenceSummaries() == uncached)
        #expect(try Self.cachedRows(store) == uncached.count + 1)
        // And a partner change through the new trigger empties it
        var koica = try #require(try store.partner(id: "koica-grants"))
        koica.aliases.append("Someone Unknown")
        _ = try store.importPartners([koica])
        #expect(try Self.cachedRows(store) == 0)
    }
}
