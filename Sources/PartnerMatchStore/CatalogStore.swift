import Foundation
import GRDB
import PartnerMatchCore

/// The SQLite catalog: partners and needs, one row each, the full record kept as
/// canonical JSON beside the columns that lists and filters use.
///
/// Every write runs in one transaction: an import either lands whole or not at all.
/// Schema changes go through named, append-only migrations (`Schema.swift`); a database
/// written by a newer schema is refused rather than touched.
public final class CatalogStore: Sendable {
    public let path: String
    let writer: any DatabaseWriter

    /// What an import did.
    public struct ImportSummary: Sendable, Hashable, Codable {
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public init() {}
    }

    /// Seconds a writer waits for another process's write lock before it gives up.
    let lockWait: TimeInterval

    private init(writer: any DatabaseWriter, path: String, lockWait: TimeInterval = CatalogStore.defaultLockWait) {
        self.writer = writer
        self.path = path
        self.lockWait = lockWait
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - lockWait: seconds to wait for another process's write lock (10).
    ///   - maxPageCount: caps the database at that many pages (SQLite's
    ///     `max_page_count`): a full disk on purpose, for the tests of what a write does
    ///     when it runs out of room.
    public static func open(path: String, lockWait: TimeInterval = CatalogStore.defaultLockWait, maxPageCount: Int? = nil) throws(StoreError) -> CatalogStore {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw .cannotOpen(path: path, reason: "cannot create folder \(dir)")
            }
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .cannotOpen(path: path, reason: "it is a directory; expected a database file")
        }
        let queue: DatabaseQueue
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            // Another process may hold the write lock for a moment (an import, or a rank
            // filling the evidence-summary cache): wait for it rather than fail at once.
            config.busyMode = .timeout(lockWait)
            if let cap = maxPageCount, cap > 0 {
                config.prepareDatabase { db in try db.execute(sql: "PRAGMA max_page_count = \(cap)") }
            }
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw map(error, path: path)
        }
        let store = CatalogStore(writer: queue, path: path, lockWait: lockWait)
        try store.migrate()
        return store
    }

    /// A private in-memory database, for tests and dry runs.
    public static func inMemory() throws(StoreError) -> CatalogStore {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue() } catch { throw map(error, path: ":memory:") }
        let store = CatalogStore(writer: queue, path: ":memory:")
        try store.migrate()
        return store
    }

    /// How long a writer waits for another process's write lock, in seconds.
    public static let defaultLockWait: TimeInterval = 10

    static func map(_ error: any Error, path: String, operation: String? = nil, waited: TimeInterval = CatalogStore.defaultLockWait) -> StoreError {
        if let e = error as? StoreError { return e }
        if let db = error as? DatabaseError {
            if db.resultCode == .SQLITE_FULL {
                return .full(path: path, operation: operation ?? "a write")
            }
            if db.resultCode == .SQLITE_BUSY || db.resultCode == .SQLITE_LOCKED {
                return .locked(path: path, operation: operation ?? "a read", waited: Int(waited.rounded()), holder: LockNote(databasePath: path)?.holder())
            }
            if db.resultCode == .SQLITE_NOTADB || db.resultCode == .SQLITE_CORRUPT { return .notADatabase(path: path) }
            if db.resultCode == .SQLITE_CANTOPEN || db.resultCode == .SQLITE_READONLY || db.resultCode == .SQLITE_PERM {
                return .cannotOpen(path: path, reason: db.message ?? "\(db.resultCode)")
            }
            return .database(path: path, reason: db.message ?? "\(db.resultCode)")
        }
        return .database(path: path, reason: "\(error)")
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch { throw CatalogStore.map(error, path: path, operation: "a read", waited: lockWait) }
    }

    /// Runs `body` in one immediate transaction (the write lock taken at once), with a
    /// lock note naming `operation` while it holds the lock. On any error the transaction
    /// is rolled back before this returns, so that the database file alone is the
    /// catalog as it was (no hot journal is left for the next open to replay).
    func write<T>(_ operation: String = "a write", _ body: (Database) throws -> T) throws(StoreError) -> T {
        let note = LockNote(databasePath: path)
        let journalPath = note == nil ? nil : path + "-journal"
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                do {
                    try db.inTransaction(.immediate) {
                        note?.write(operation: operation)
                        defer { note?.remove() }
                        result = try body(db)
                        return .commit
                    }
                } catch {
                    // GRDB rolls back a failed transaction; make sure, since an error
                    // while rolling back (a full disk) could leave one open.
                    if db.isInsideTransaction { try? db.rollback() }
                    // A rollback that failed half-way leaves a hot journal, which the next
                    // read replays: replay it now, before the process exits, so that the
                    // database file alone is consistent.
                    if let journal = journalPath, FileManager.default.fileExists(atPath: journal) {
                        _ = try? Row.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                    }
                    throw error
                }
                return result!
            }
        } catch {
            throw CatalogStore.map(error, path: path, operation: operation, waited: lockWait)
        }
    }

    private func migrate() throws(StoreError) {
        let migrator = Schema.migrator
        let path = self.path
        try read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            if !tables.isEmpty && !tables.contains("grdb_migrations") {
                throw StoreError.notADatabase(path: path)
            }
            if try migrator.hasBeenSuperseded(db) {
                let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
                throw StoreError.newerSchema(path: path, unknown: unknown.sorted())
            }
        }
        do { try migrator.migrate(writer) } catch { throw CatalogStore.map(error, path: path) }
    }

    // MARK: Reading

    public func partners() throws(StoreError) -> [Partner] {
        try read { db in try String.fetchAll(db, sql: "SELECT doc FROM partner ORDER BY id").map(CatalogStore.decodePartner) }
    }

    public func partner(id: String) throws(StoreError) -> Partner? {
        try read { db in try String.fetchOne(db, sql: "SELECT doc FROM partner WHERE id = ?", arguments: [id]).map(CatalogStore.decodePartner) }
    }

    public func needs() throws(StoreError) -> [Need] {
        try read { db in try String.fetchAll(db, sql: "SELECT doc FROM need ORDER BY id").map(CatalogStore.decodeNeed) }
    }

    public func need(id: String) throws(StoreError) -> Need? {
        try read { db in try String.fetchOne(db, sql: "SELECT doc FROM need WHERE id = ?", arguments: [id]).map(CatalogStore.decodeNeed) }
    }

    public func counts() throws(StoreError) -> (partners: Int, needs: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM partner") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM need") ?? 0)
        }
    }

    /// The partner with this id, or an error suggesting the nearest ids.
    public func requirePartner(id: String) throws(StoreError) -> Partner {
        if let p = try partner(id: id) { return p }
        let ids = try read { db in try String.fetchAll(db, sql: "SELECT id FROM partner") }
        throw .unknownPartner(id, suggestions: TextFolding.nearest(id, among: ids))
    }

    /// The need with this id, or an error suggesting the nearest ids.
    public func requireNeed(id: String) throws(StoreError) -> Need {
        if let n = try need(id: id) { return n }
        let ids = try read { db in try String.fetchAll(db, sql: "SELECT id FROM need") }
        throw .unknownNeed(id, suggestions: TextFolding.nearest(id, among: ids))
    }

    /// SQLite's `integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    public func meta(_ key: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws(StoreError) {
        try write("setting \(key)") { db in try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value]) }
    }

    static func decodePartner(_ doc: String) throws -> Partner {
        try JSONDecoder().decode(Partner.self, from: Data(doc.utf8))
    }

    static func decodeNeed(_ doc: String) throws -> Need {
        try JSONDecoder().decode(Need.self, from: Data(doc.utf8))
    }

    // MARK: Writing

    /// Inserts new partners and updates existing ones, in one transaction.
    public func importPartners(_ partners: [Partner]) throws(StoreError) -> ImportSummary {
        try write("import partners") { db in
            var s = ImportSummary()
            for p in partners { CatalogStore.count(try CatalogStore.upsert(p, db), into: &s) }
            return s
        }
    }

    /// Inserts new needs and updates existing ones, in one transaction.
    public func importNeeds(_ needs: [Need]) throws(StoreError) -> ImportSummary {
        try write("import needs") { db in
            var s = ImportSummary()
            for n in needs { CatalogStore.count(try CatalogStore.upsert(n, db), into: &s) }
            return s
        }
    }

    /// Replaces the whole catalog (used by `init --force`), in one transaction.
    public func replaceCatalog(partners: [Partner], needs: [Need], meta: [String: String]) throws(StoreError) {
        try write("init --force") { db in
            try db.execute(sql: "DELETE FROM partner")
            try db.execute(sql: "DELETE FROM need")
            for p in partners { _ = try CatalogStore.upsert(p, db) }
            for n in needs { _ = try CatalogStore.upsert(n, db) }
            for (k, v) in meta {
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [k, v])
            }
        }
    }

    public func addNeed(_ need: Need) throws(StoreError) {
        let id = need.id
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM need WHERE id = ?", arguments: [id]) == true { throw StoreError.duplicateNeed(id) }
            _ = try CatalogStore.upsert(need, db)
        }
    }

    public func updateNeed(_ need: Need) throws(StoreError) {
        _ = try requireNeed(id: need.id)
        try write { db in _ = try CatalogStore.upsert(need, db) }
    }

    public func removeNeed(id: String) throws(StoreError) {
        _ = try requireNeed(id: id)
        try write { db in try db.execute(sql: "DELETE FROM need WHERE id = ?", arguments: [id]) }
    }

    private enum Change { case inserted, updated, unchanged }

    private static func count(_ c: Change, into s: inout ImportSummary) {
        switch c {
        case .inserted: s.inserted += 1
        case .updated: s.updated += 1
        case .unchanged: s.unchanged += 1
        }
    }

    private static func upsert(_ p: Partner, _ db: Database) throws -> Change {
        let doc = try CanonicalJSON.string(p)
        let old = try String.fetchOne(db, sql: "SELECT doc FROM partner WHERE id = ?", arguments: [p.id])
        if old == doc { return .unchanged }
        let search = SearchText.of(p)
        try db.execute(sql: """
            INSERT INTO partner(id, name_en, name_vi, kind, origin, search_text, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name_en = excluded.name_en, name_vi = excluded.name_vi, kind = excluded.kind,
              origin = excluded.origin, search_text = excluded.search_text, doc = excluded.doc
            """, arguments: [p.id, p.name.en, p.name.vi, p.kind.rawValue, p.origin, search, doc])
        return old == nil ? .inserted : .updated
    }

    private static func upsert(_ n: Need, _ db: Database) throws -> Change {
        let doc = try CanonicalJSON.string(n)
        let old = try String.fetchOne(db, sql: "SELECT doc FROM need WHERE id = ?", arguments: [n.id])
        if old == doc { return .unchanged }
        try db.execute(sql: """
            INSERT INTO need(id, title_vi, title_en, province, applicant, instrument, budget_usd, search_text, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title_vi = excluded.title_vi, title_en = excluded.title_en, province = excluded.province,
              applicant = excluded.applicant, instrument = excluded.instrument, budget_usd = excluded.budget_usd,
              search_text = excluded.search_text, doc = excluded.doc
            """, arguments: [n.id, n.title.vi, n.title.en, n.province, n.applicant.rawValue, n.instrument.rawValue, n.budgetUSD, SearchText.of(n), doc])
        return old == nil ? .inserted : .updated
    }
}
