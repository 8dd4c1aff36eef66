import Foundation
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// Issue 14 item 12: a write that runs out of room is rolled back before the call
/// returns (the database file alone is the catalog as it was), and a writer that waits
/// in vain for the lock says which operation of which process holds it.
@Suite struct StoreFailureTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/evidence").path

    /// An IATI file of `n` small activities.
    static func iati(_ n: Int) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n"
        for i in 0..<n {
            xml += """
                <iati-activity default-currency="USD"><iati-identifier>XM-FULL-\(i)</iati-identifier>
                <reporting-org ref="XM-FULL-\(i % 7)"><narrative>Funder \(i % 7)</narrative></reporting-org>
                <title><narrative>Activity number \(i) with a title long enough to take room on a page</narrative></title>
                <recipient-country code="VN"/><sector code="31120"/>
                <transaction><transaction-type code="2"/><transaction-date iso-date="2020-01-01"/><value>\(1000 + i)</value></transaction>
                </iati-activity>

                """
        }
        return xml + "</iati-activities>\n"
    }

    @Test func aFullDiskDuringAnImportRollsBackBeforeReturning() throws {
        // Given a catalog on disk with a first file of evidence
        let path = temporaryPath("c.sqlite")
        let reference = try DataDirectory(path: fixtureData).loadReference()
        let ctx = EvidenceContext(reference: reference)
        do {
            let store = try CatalogStore.open(path: path)
            let (p, _) = try DataDirectory(path: fixtureData).loadBundledCatalog(reference: reference)
            _ = try store.importPartners(p)
            _ = try store.importIATI(path: Self.dir + "/iati-2.03.xml", context: ctx)
        }
        let pages = try Self.pageCount(path)
        let big = temporaryPath("big.xml")
        try Self.iati(3_000).write(toFile: big, atomically: true, encoding: .utf8)
        // When an import runs out of room (the database capped a few pages above its size)
        let capped = try CatalogStore.open(path: path, maxPageCount: pages + 8)
        #expect {
            _ = try capped.importIATI(path: big, context: ctx)
        } throws: { error in
            guard case StoreError.full(_, let operation) = error else { return false }
            return operation.contains("big.xml") && "\(error)".contains("rolled back")
        }
        // Then, while the process still runs, no journal is left and the file alone
        // (copied without anything beside it) is the catalog as it was.
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        let copy = temporaryPath("copy.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let alone = try CatalogStore.open(path: copy)
        #expect(try alone.integrityCheck() == "ok")
        #expect(try alone.evidenceStats().activities == 3)
        #expect(!FileManager.default.fileExists(atPath: path + ".lock-note"))
    }

    @Test func aWriterThatWaitsInVainNamesTheHolder() throws {
        let path = temporaryPath("c.sqlite")
        let holder = try CatalogStore.open(path: path)
        let waiter = try CatalogStore.open(path: path, lockWait: 0.3)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let thread = Thread {
            _ = try? holder.write("evidence import big.xml") { _ in
                holding.signal()
                release.wait()
            }
            done.signal()
        }
        thread.start()
        holding.wait()
        defer { release.signal(); done.wait() }
        #expect {
            try waiter.setMeta("k", "v")
        } throws: { error in
            let text = "\(error)"
            return text.contains("locked by another process (pid \(getpid()): evidence import big.xml, since ")
                && text.contains("setting k waited 0 s")
        }
    }

    @Test func aNoteOfAProcessThatIsGoneSaysSo() throws {
        let path = temporaryPath("c.sqlite")
        try "999999999\t2026-12-07T21:00:00Z\tevidence import old.xml\n".write(toFile: path + ".lock-note", atomically: true, encoding: .utf8)
        #expect(LockNote(databasePath: path)?.holder() == "pid 999999999, no longer running: evidence import old.xml, since 2026-12-07T21:00:00Z")
    }

    static func pageCount(_ path: String) throws -> Int {
        let store = try CatalogStore.open(path: path)
        return try store.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
    }
}
