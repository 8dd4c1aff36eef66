import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement of the evidence writer, bound and stepped through the SQLite C
/// API: the import writes a dozen rows per activity, and GRDB's `StatementArguments`
/// (an array of existentials per row) cost more than SQLite itself. The statement is
/// GRDB's cached one (prepared once per connection); it is reset after every use so
/// GRDB finds it clean.
struct RawStatement {
    let db: Database
    let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// The first failed bind since the last step: the step throws it rather than store
    /// the previous row's value left bound.
    private final class BindFailure { var code: Int32 = SQLITE_OK }
    private let bindFailure = BindFailure()

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    private func check(_ rc: Int32) {
        if rc != SQLITE_OK && bindFailure.code == SQLITE_OK { bindFailure.code = rc }
    }

    /// Throws (and forgets) a bind failure, resetting the statement.
    private func throwBindFailure() throws {
        let rc = bindFailure.code
        guard rc != SQLITE_OK else { return }
        bindFailure.code = SQLITE_OK
        sqlite3_reset(handle)
        throw error(rc)
    }

    func bind(_ i: Int32, _ s: String?) {
        guard var s else { check(sqlite3_bind_null(handle, i)); return }
        s.withUTF8 { u in bindText(i, UnsafeRawBufferPointer(u)) }
    }

    func bind(_ i: Int32, utf8 bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { u in bindText(i, UnsafeRawBufferPointer(u)) }
    }

    /// Text (copied by SQLite); an empty buffer is the empty string, not NULL.
    private func bindText(_ i: Int32, _ u: UnsafeRawBufferPointer) {
        if let base = u.baseAddress, u.count > 0 {
            check(sqlite3_bind_text(handle, i, base.assumingMemoryBound(to: CChar.self), Int32(u.count), Self.transient))
        } else {
            check(sqlite3_bind_text(handle, i, "", 0, Self.transient))
        }
    }

    func bind(_ i: Int32, _ v: Int64?) {
        check(v.map { sqlite3_bind_int64(handle, i, $0) } ?? sqlite3_bind_null(handle, i))
    }

    func bind(_ i: Int32, _ v: Int?) { bind(i, v.map(Int64.init)) }

    func bind(_ i: Int32, _ v: Bool) { check(sqlite3_bind_int64(handle, i, v ? 1 : 0)) }

    func bind(_ i: Int32, _ v: Double?) {
        check(v.map { sqlite3_bind_double(handle, i, $0) } ?? sqlite3_bind_null(handle, i))
    }

    /// Runs a statement that returns no row, then resets it.
    func run() throws {
        try throwBindFailure()
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        if rc != SQLITE_DONE { throw error(rc) }
    }

    /// Steps once: true when a row is there (read it, then `reset()`).
    func step() throws -> Bool {
        try throwBindFailure()
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        if rc != SQLITE_DONE { throw error(rc) }
        return false
    }

    func reset() { sqlite3_reset(handle) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// Whether a text column holds exactly these bytes (no String is made).
    func textEquals(_ column: Int32, _ bytes: [UInt8]) -> Bool {
        guard let p = sqlite3_column_text(handle, column) else { return bytes.isEmpty }
        let n = Int(sqlite3_column_bytes(handle, column))
        guard n == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { b in memcmp(p, b.baseAddress!, n) == 0 }
    }

    private func error(_ rc: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
    }
}
