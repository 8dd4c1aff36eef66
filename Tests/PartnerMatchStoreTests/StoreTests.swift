import Foundation
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// The fixture data folder, `Tests/Fixtures/data`.
let fixtureData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/data").path

func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-store-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

@Suite struct CatalogStoreTests {
    let dir = DataDirectory(path: fixtureData)

    func loaded() throws -> (ReferenceData, [Partner], [Need]) {
        let reference = try dir.loadReference()
        let (p, n) = try dir.loadBundledCatalog(reference: reference)
        return (reference, p, n)
    }

    @Test(arguments: [true, false])
    func importsCountsAndReadsBack(onDisk: Bool) throws {
        // Given an empty store
        let store = onDisk ? try CatalogStore.open(path: temporaryPath("c.sqlite")) : try CatalogStore.inMemory()
        let (_, partners, needs) = try loaded()
        // When partners are imported twice, the second time with one change
        let first = try store.importPartners(partners)
        var changed = partners
        changed[0].notes = LocalizedText(en: "changed")
        let second = try store.importPartners(changed)
        _ = try store.importNeeds(needs)
        // Then the counts say what happened and records read back equal
        #expect(first.inserted == partners.count && first.updated == 0)
        #expect(second.updated == 1 && second.unchanged == partners.count - 1 && second.inserted == 0)
        #expect(try store.partners() == changed.sorted { $0.id < $1.id })
        #expect(try store.needs() == needs.sorted { $0.id < $1.id })
        #expect(try store.counts() == (partners.count, needs.count))
    }

    @Test func needLifecycle() throws {
        let store = try CatalogStore.inMemory()
        let (_, _, needs) = try loaded()
        try store.addNeed(needs[0])
        #expect(throws: StoreError.self) { try store.addNeed(needs[0]) }
        var edited = needs[0]
        edited.budgetUSD = 42
        try store.updateNeed(edited)
        #expect(try store.need(id: edited.id)?.budgetUSD == 42)
        try store.removeNeed(id: edited.id)
        #expect(try store.need(id: edited.id) == nil)
        #expect { try store.removeNeed(id: edited.id) } throws: { "\($0)".contains("unknown need") }
    }

    @Test func unknownIDsSuggestNearest() throws {
        let store = try CatalogStore.inMemory()
        let (_, partners, _) = try loaded()
        _ = try store.importPartners(partners)
        #expect { try store.requirePartner(id: "sfd-loan") } throws: { "\($0)" == "unknown partner \"sfd-loan\"; did you mean \"sfd-loans\"?" }
    }

    @Test func migrationsAreRecordedByName() throws {
        let path = temporaryPath("m.sqlite")
        _ = try CatalogStore.open(path: path)
        let reopened = try CatalogStore.open(path: path)
        let names = try reopened.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(names == Schema.migrator.migrations)
        #expect(Schema.migrator.migrations.starts(with: ["v1-catalog", "v2-evidence", "v3-evidence-summaries", "v4-evidence-lean"]))
    }

    /// `Fixtures/databases/made-by-schema-v4.sqlite` was written by PartnerMatch before
    /// the store used GRDB's own superseded check (`init` on the fixture data, then an
    /// evidence import of `iati-2.03.xml`): such a database still opens, reads and takes
    /// writes.
    @Test func aDatabaseOfTheFourthSchemaStillOpens() throws {
        // Given a copy of the database (opening may migrate it)
        let fixture = URL(fileURLWithPath: fixtureData).deletingLastPathComponent().appendingPathComponent("databases/made-by-schema-v4.sqlite")
        let path = temporaryPath("v4.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        // When it is opened
        let store = try CatalogStore.open(path: path)
        // Then every migration is recorded, and what it held is there
        let names = try store.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(names) == Set(Schema.migrator.migrations))
        #expect(try store.partners().map(\.id).count == 3)
        #expect(try store.needs().count == 3)
        #expect(try store.evidenceSummaries().values.map(\.activities).reduce(0, +) > 0)
        // And it takes writes
        var partner = try #require(try store.partners().first)
        partner.name.en = "Renamed"
        _ = try store.importPartners([partner])
        #expect(try store.partner(id: partner.id)?.name.en == "Renamed")
    }

    @Test func newerSchemaIsRefused() throws {
        let path = temporaryPath("n.sqlite")
        let store = try CatalogStore.open(path: path)
        try store.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-future')") }
        #expect { try CatalogStore.open(path: path) } throws: { error in
            "\(error)".contains("written by a newer PartnerMatch") && "\(error)".contains("v99-future")
        }
    }

    @Test func notADatabaseIsRefused() throws {
        let path = temporaryPath("x.sqlite")
        try Data("this is not a database, just text that is long enough to look like a header".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try CatalogStore.open(path: path) } throws: { "\($0)".contains("not a PartnerMatch database") }
    }

    @Test func foreignSQLiteDatabaseIsRefused() throws {
        let path = temporaryPath("f.sqlite")
        let other = try CatalogStore.open(path: path)
        try other.write { db in
            try db.execute(sql: "DROP TABLE grdb_migrations; DROP TABLE partner; DROP TABLE need; DROP TABLE meta; CREATE TABLE stuff(x)")
        }
        #expect { try CatalogStore.open(path: path) } throws: { "\($0)".contains("not a PartnerMatch database") }
    }

    @Test func replaceCatalogIsOneTransaction() throws {
        let store = try CatalogStore.inMemory()
        let (_, partners, needs) = try loaded()
        try store.replaceCatalog(partners: partners, needs: needs, meta: ["k": "v"])
        try store.replaceCatalog(partners: [partners[0]], needs: [], meta: [:])
        #expect(try store.counts() == (1, 0))
        #expect(try store.meta("k") == "v")
    }
}

@Suite struct DataDirectoryTests {
    @Test func locatesExplicitThenEnvironmentThenBesideTheProgram() throws {
        let program = temporaryPath("bin/partnermatch")
        #expect(try DataDirectory.locate(explicit: fixtureData, environment: "/nonexistent", executable: program).path == fixtureData)
        #expect(try DataDirectory.locate(explicit: nil, environment: fixtureData, executable: program).path == fixtureData)
        #expect { try DataDirectory.locate(explicit: "/nonexistent", environment: nil, executable: nil) } throws: { "\($0)".contains("no such folder") }
        #expect { try DataDirectory.locate(explicit: nil, environment: nil, executable: program) } throws: {
            "\($0)".contains("cannot find the bundled data folder beside \(program)")
        }
    }

    /// A program finds `Data/` beside it, `../share/partnermatch/Data` (installed), or the
    /// `Data/` of the package checkout it was built in; never the build machine's folder.
    @Test func findsTheDataBesideTheProgram() throws {
        let fm = FileManager.default
        let root = (temporaryPath("x") as NSString).deletingLastPathComponent
        func makeData(_ folder: String) throws {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/sectors.json"))
        }
        func program(_ path: String) throws -> String {
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: path))
            return path
        }
        // Installed: bin/ and share/partnermatch/Data
        try makeData(root + "/usr/share/partnermatch/Data")
        #expect(DataDirectory.besideExecutable(try program(root + "/usr/bin/partnermatch")) == root + "/usr/share/partnermatch/Data")
        // Copied with its data beside it
        try makeData(root + "/tool/Data")
        #expect(DataDirectory.besideExecutable(try program(root + "/tool/partnermatch")) == root + "/tool/Data")
        // Built in a checkout: .build/<triple>/debug/partnermatch, reached through a link
        try makeData(root + "/checkout/Data")
        try Data().write(to: URL(fileURLWithPath: root + "/checkout/Package.swift"))
        let built = try program(root + "/checkout/.build/x86_64-unknown-linux-gnu/debug/partnermatch")
        try fm.createSymbolicLink(atPath: root + "/link", withDestinationPath: built)
        #expect(DataDirectory.besideExecutable(root + "/link") == root + "/checkout/Data")
        // Nothing: no folder with Package.swift and Data/ above it
        #expect(DataDirectory.besideExecutable(try program(root + "/lonely/partnermatch")) == nil)
        #expect(try DataDirectory.locate(explicit: nil, environment: "", executable: built).path == root + "/checkout/Data")
    }

    @Test func malformedReferenceFileIsLocated() throws {
        let dir = temporaryPath("d")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for f in ["sectors.json", "provinces.json", "themes.json", "rates.json"] {
            try FileManager.default.copyItem(atPath: fixtureData + "/" + f, toPath: dir + "/" + f)
        }
        try Data("{\"themes\": [\n  {\"id\": 1}\n]}".utf8).write(to: URL(fileURLWithPath: dir + "/themes.json"))
        #expect { try DataDirectory(path: dir).loadReference() } throws: { error in
            "\(error)".hasPrefix(dir + "/themes.json:2:3: field themes[0].id: expected a string, found a number 1") ||
            "\(error)".hasPrefix(dir + "/themes.json:2:10: field themes[0].id: expected a string, found a number 1")
        }
    }
}
