import Foundation
import GRDB
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

enum EvidenceStoreFixtures {
    static let dir = URL(fileURLWithPath: fixtureData).deletingLastPathComponent().appendingPathComponent("evidence").path
    static func path(_ name: String) -> String { dir + "/" + name }
    /// `<package root>/../shared/data/evidence` (else `$PARTNERMATCH_SHARED/data/evidence`,
    /// else `/work/shared/data/evidence`), when it is there.
    static let shared: String? = {
        let root = URL(fileURLWithPath: fixtureData).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [root.deletingLastPathComponent().appendingPathComponent("shared").path,
                          ProcessInfo.processInfo.environment["PARTNERMATCH_SHARED"] ?? "", "/work/shared"]
        return candidates.filter { !$0.isEmpty }.map { $0 + "/data/evidence" }
            .first { FileManager.default.fileExists(atPath: $0 + "/adb-iati-1.04-1998-2005.xml") }
    }()

    static let adb = Partner(id: "adb-test", name: LocalizedText(en: "ADB"), aliases: ["Asian Development Bank", "Asia Development Bank"], iatiRefs: ["46004"],
                             kind: .multilateralBank, origin: "multilateral", instruments: [], sectorPriorities: [], sources: [])

    static func store() throws -> (CatalogStore, EvidenceContext) {
        let store = try CatalogStore.inMemory()
        let dir = DataDirectory(path: fixtureData)
        let reference = try dir.loadReference()
        let (partners, _) = try dir.loadBundledCatalog(reference: reference)
        _ = try store.importPartners(partners + [adb])
        return (store, EvidenceContext(reference: reference))
    }

    static func count(_ store: CatalogStore, _ table: String) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }
}

@Suite struct EvidenceStoreTests {
    typealias F = EvidenceStoreFixtures

    @Test func reimportingTheSameFileChangesNothing() throws {
        // Given a store with one imported IATI file
        let (store, ctx) = try F.store()
        let first = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        let tables = ["evidence_file", "evidence_activity", "evidence_participation", "evidence_org", "evidence_match"]
        let before = try tables.map { try F.count(store, $0) }
        let importedAt = try store.evidenceStats().files[0].importedAt
        // When it is imported again
        let second = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        // Then nothing new, nothing updated, every table as it was
        #expect((first.inserted, first.updated, first.unchanged) == (3, 0, 0))
        #expect((second.inserted, second.updated, second.unchanged) == (0, 0, 3))
        #expect(try tables.map { try F.count(store, $0) } == before)
        #expect(try store.evidenceStats().files[0].importedAt == importedAt)
        let size = try FileIO.read(F.path("iati-2.03.xml")).count
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.fingerprint.hasPrefix("\(size):fnv1a64:"))
    }

    @Test func aMalformedFileStoresNothing() throws {
        let (store, ctx) = try F.store()
        let good = try String(contentsOfFile: F.path("iati-2.03.xml"), encoding: .utf8)
        let truncated = temporaryPath("truncated.xml")
        try String(good.prefix(good.count - 200)).write(toFile: truncated, atomically: true, encoding: .utf8)
        do {
            _ = try store.importIATI(path: truncated, context: ctx)
            Issue.record("expected an error")
        } catch {
            guard case .input(let e) = error else { Issue.record("unexpected \(error)"); return }
            #expect(e.errors[0].file == truncated && e.errors[0].line != nil && e.errors[0].message.contains("truncated"))
        }
        #expect(try F.count(store, "evidence_activity") == 0)
        #expect(try F.count(store, "evidence_file") == 0)
    }

    // Skipped, and said so in the test log, when the shared evidence folder is absent.
    @Test(.enabled(if: EvidenceStoreFixtures.shared != nil, "../shared/data/evidence is absent: the real ADB IATI file (2,935 activities) is needed"))
    func aWriteErrorStopsTheParserAndStoresNothing() throws {
        // Given a database that refuses the 600th participation row (the parser thread is
        // then blocked handing over batches: the file has more than 8 x 64 activities)
        let shared = try #require(F.shared)
        let (store, ctx) = try F.store()
        try store.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse BEFORE INSERT ON evidence_participation
                WHEN (SELECT count(*) FROM evidence_participation) >= 600 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
                """)
        }
        // When the file is imported, then the error comes back (no hang) and nothing is stored
        #expect { try store.importIATI(path: shared + "/adb-iati-1.04-1998-2005.xml", context: ctx) } throws: { "\($0)".contains("refused by the test") }
        #expect(try F.count(store, "evidence_activity") == 0)
        #expect(try F.count(store, "evidence_file") == 0)
        // And the store still works
        #expect(try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx).inserted == 3)
    }

    @Test func theSameProjectFromCSVAndXMLIsCountedOnce() throws {
        let (store, ctx) = try F.store()
        let mapping = try EvidenceMapping.parse(try FileIO.read(F.path("adb-map.json")), file: "adb-map.json")
        let csv = try store.importCSV(path: F.path("adb-projects.csv"), mapping: mapping, context: ctx)
        let xml = try store.importIATI(path: F.path("iati-1.04.xml"), context: ctx)
        #expect(csv.inserted == 2 && xml.inserted == 2)
        #expect(xml.duplicates == 1)
        let acts = try store.evidenceActivities(partnerID: "adb-test")
        // Three projects: 38196-013 once (the XML's commitment is its best value), the
        // CSV-only one, and the regional XML one.
        #expect(acts.count == 3)
        let merged = try #require(acts.first { $0.identifier.hasSuffix("38196-013") })
        #expect(merged.value?.basis == .commitments)
        #expect(Set(merged.provinces) == ["son-la", "ha-noi"])
        let stats = try store.evidenceStats()
        #expect(stats.activities == 4 && stats.duplicates == 1)
        #expect(stats.linkedOrgs == 2)
        // Importing in the other order finds the same twin.
        let (store2, _) = try F.store()
        _ = try store2.importIATI(path: F.path("iati-1.04.xml"), context: ctx)
        #expect(try store2.importCSV(path: F.path("adb-projects.csv"), mapping: mapping, context: ctx).duplicates == 1)
    }

    @Test func unlinkedOrganisationsAreListedNotGuessed() throws {
        let (store, ctx) = try F.store()
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        let orgs = try store.evidenceOrgs()
        let byName = Dictionary(orgs.compactMap { o in o.name.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        // "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)" is the fixture partner's Vietnamese name; "KOICA" an alias.
        #expect(byName["Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)"]?.links.map(\.partnerID) == ["koica-grants"])
        #expect(byName["KOICA"]?.links.map(\.partnerID) == ["koica-grants"])
        #expect(byName["Someone Unknown"]?.links.isEmpty == true)
        #expect(byName["Test Ministry"]?.links.isEmpty == true)
        let profile = EvidenceProfile.compute(try store.evidenceActivities(partnerID: "koica-grants"))
        #expect(profile.activities == 2 && profile.valueUSD == 1_100_000)
    }

    @Test func evidenceSummariesForTheEngineUpToAYear() throws {
        // Given KOICA's two fixture projects (2024 in Sơn La and Điện Biên, and one in Laos)
        let (store, ctx) = try F.store()
        _ = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        // When the engine's summaries are read with all evidence and up to 2020
        let all = try store.evidenceSummaries()
        let koica = try #require(all["koica-grants"])
        // Then they are the profile's figures, and nothing started by 2020
        let profile = EvidenceProfile.compute(try store.evidenceActivities(partnerID: "koica-grants"))
        #expect(koica == EvidenceSummary(profile))
        #expect(koica.activities == 2 && koica.provinces["son-la"] == 1)
        #expect(koica.sectorShares["31120"] != nil)
        #expect(try store.evidenceSummaries(until: 2020)["koica-grants"]?.activities == 0)
        #expect(all["adb-test"] == nil)
    }

    @Test(.enabled(if: EvidenceStoreFixtures.shared != nil, "../shared/data/evidence is absent: the real ADB IATI file"))
    func theRealADBFile() throws {
        let shared = try #require(F.shared)
        let (store, ctx) = try F.store()
        let all = try store.importIATI(path: shared + "/adb-iati-1.04-1998-2005.xml", context: ctx)
        #expect(all.activities == 2935 && all.inserted == 2935)
        let (vnStore, _) = try F.store()
        let vn = try vnStore.importIATI(path: shared + "/adb-iati-1.04-1998-2005.xml", context: EvidenceContext(reference: ctx.reference, country: "VN"))
        #expect(vn.activities == 299 && vn.skippedByCountry == 2636)
        let profile = EvidenceProfile.compute(try vnStore.evidenceActivities(partnerID: "adb-test"))
        #expect(profile.activities == 299 && profile.firstYear == 1998 && profile.lastYear == 2005)
    }

    @Test func aV3DatabaseLosesOnlyTheCopiedChildRows() throws {
        // Given a database migrated up to v3 (sector, money and location rows written
        // beside the documents, as the v2 writer did) with evidence in it
        let path = temporaryPath("v3.sqlite")
        let (partners, ctx): ([Partner], EvidenceContext) = try {
            let (s, c) = try F.store()
            return (try s.partners(), c)
        }()
        let expected: [String: [EvidenceActivity]]
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v3-evidence-summaries")
        }
        do {
            // What the current version gives for the fixture.
            let memory = try F.store().0
            _ = try memory.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
            expected = try memory.evidenceActivitiesByPartner()
        }
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO evidence_file(path, kind, size, hash, imported_at, activities, skipped, warnings) VALUES ('x', 'iati', 0, '', '', 0, 0, '[]')")
                try db.execute(sql: "INSERT INTO evidence_activity(key, file_id, source_format, doc) VALUES ('old', 1, 'iati-2.03', '{}')")
                try db.execute(sql: "INSERT INTO evidence_sector(activity_id, vocabulary, code, standing) VALUES (1, '1', '11110', 'current')")
                try db.execute(sql: "INSERT INTO evidence_money(activity_id, kind, value) VALUES (1, 'budget', 5)")
                try db.execute(sql: "INSERT INTO evidence_location(activity_id, name) VALUES (1, 'Hanoi')")
            }
        }
        // When the store opens it
        let store = try CatalogStore.open(path: path)
        _ = try store.importPartners(partners)
        // Then v4 is recorded, the three tables and the file index are gone, and imports
        // and queries work as before
        let names = try store.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(names) == Set(Schema.migrator.migrations))
        let left = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name IN ('evidence_sector', 'evidence_money', 'evidence_location', 'evidence_activity_file')")
        }
        #expect(left.isEmpty)
        let first = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        #expect(first.inserted == 3)
        #expect(try store.evidenceActivitiesByPartner() == expected)
        let second = try store.importIATI(path: F.path("iati-2.03.xml"), context: ctx)
        #expect(second.unchanged == 3)
    }
}
