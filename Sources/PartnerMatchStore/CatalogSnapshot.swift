import Foundation
import GRDB
import PartnerMatchCore

/// What the store keeps so that `rank`, `score` and `serve` start fast with a large
/// catalog: the catalog hash's state after the partners (`HashedPartners`), which would
/// otherwise mean encoding every partner as canonical JSON and hashing it at every start.
///
/// One row, deleted by triggers whenever a partner row is inserted, updated or deleted
/// (by this program or any other), and built again by the next start that finds it gone.
/// It also records the encoding of the first partner as this program writes it: a
/// program whose encoding of partners differs (a newer field) sees the difference and
/// builds the snapshot again rather than trust a hash state it would not compute.
enum CatalogSnapshot {
    /// Bump when what the row holds changes meaning.
    static let format = 1

    static func v5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE catalog_snapshot (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              format INTEGER NOT NULL,
              partner_count INTEGER NOT NULL,
              encoding_check TEXT NOT NULL,
              hash_state BLOB NOT NULL
            );
            CREATE TRIGGER catalog_snapshot_partner_insert AFTER INSERT ON partner BEGIN DELETE FROM catalog_snapshot; END;
            CREATE TRIGGER catalog_snapshot_partner_update AFTER UPDATE ON partner BEGIN DELETE FROM catalog_snapshot; END;
            CREATE TRIGGER catalog_snapshot_partner_delete AFTER DELETE ON partner BEGIN DELETE FROM catalog_snapshot; END;
            """)
    }

    /// The SHA-256 of the first partner's canonical JSON as this program encodes it.
    static func encodingCheck(_ partners: [Partner]) -> String {
        guard let first = partners.first else { return "" }
        return SHA256.hex((try? CanonicalJSON.data(first)) ?? Data())
    }

    /// The partners with the kept hash state, or nil when there is none or it does not fit.
    static func load(_ db: Database) throws -> HashedPartners? {
        guard let row = try Row.fetchOne(db, sql: "SELECT format, partner_count, encoding_check, hash_state FROM catalog_snapshot WHERE id = 1"),
              (row["format"] as Int) == format else { return nil }
        let partners = try CatalogStore.partners(db)
        guard partners.count == (row["partner_count"] as Int),
              encodingCheck(partners) == (row["encoding_check"] as String) else { return nil }
        return HashedPartners(sortedPartners: partners, midState: [UInt8](row["hash_state"] as Data))
    }

    static func store(_ db: Database, _ hashed: HashedPartners) throws {
        try db.execute(sql: "DELETE FROM catalog_snapshot")
        try db.execute(sql: "INSERT INTO catalog_snapshot(id, format, partner_count, encoding_check, hash_state) VALUES (1, ?, ?, ?, ?)",
                       arguments: [format, hashed.partners.count, encodingCheck(hashed.partners), Data(hashed.midState)])
    }
}

extension CatalogStore {
    /// The partners sorted by id with the catalog hash's state after them, for
    /// `CompiledCatalog(hashed:...)`: from the kept snapshot, else computed and kept.
    ///
    /// Computing and keeping happen in one immediate transaction, so that an import
    /// cannot slip in between and leave a state of other partners. A database that cannot
    /// be written (a read-only file, a lock held too long) is answered without keeping.
    public func hashedPartners() throws(StoreError) -> HashedPartners {
        if let kept = try read({ db in try CatalogSnapshot.load(db) }) { return kept }
        do {
            let note = LockNote(databasePath: path)
            return try writer.writeWithoutTransaction { db in
                // Never wait for another process's write lock here: without it, answer
                // without keeping the snapshot.
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(lockWait * 1000))") }
                var out: HashedPartners?
                try db.inTransaction(.immediate) {
                    note?.write(operation: "building the catalog snapshot")
                    defer { note?.remove() }
                    if let kept = try CatalogSnapshot.load(db) {
                        out = kept
                    } else {
                        let hashed = HashedPartners(try CatalogStore.partners(db))
                        try CatalogSnapshot.store(db, hashed)
                        out = hashed
                    }
                    return .commit
                }
                return out!
            }
        } catch {
            return HashedPartners(try partners())
        }
    }

    /// Every partner, in id order, decoded with one decoder.
    static func partners(_ db: Database) throws -> [Partner] {
        let decoder = JSONDecoder()
        return try String.fetchAll(db, sql: "SELECT doc FROM partner ORDER BY id").map { try decoder.decode(Partner.self, from: Data($0.utf8)) }
    }
}
