import Foundation
import GRDB
import PartnerMatchCore

/// What importing one evidence file did.
public struct EvidenceImportSummary: Sendable, Hashable {
    public var file: String
    /// Activities kept (after `--country`).
    public var activities = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// New activities recognised as a project already stored from another source.
    public var duplicates = 0
    public var skippedByCountry = 0
    public var warnings = EvidenceWarnings()
    public var fingerprint = ""

    public init(file: String) { self.file = file }
}

extension CatalogStore {
    /// Imports an IATI activity file, streamed: activities are parsed and written one at
    /// a time inside one transaction, so memory stays flat and a malformed file (reported
    /// at its line and column) leaves the database as it was.
    public func importIATI(path: String, context: EvidenceContext) throws(StoreError) -> EvidenceImportSummary {
        let file = try FileByteSource(path: path)
        let partners = try self.partners()
        return try write { db in
            var writer = try EvidenceWriter(db: db, path: path, kind: "iati", map: nil, linker: PartnerLinker(partners: partners))
            var reader = IATIReader(source: FileSourceHandle(file: file), context: context)
            do {
                while let a = try reader.next() { try writer.add(a) }
            } catch let error as XMLError {
                throw StoreError.input(InputErrors([InputError(file: path, line: error.line, column: error.column, message: error.message)]))
            }
            writer.summary.skippedByCountry = reader.skippedByCountry
            writer.summary.warnings = reader.warnings
            return try writer.finish(fingerprint: try file.fingerprint())
        }
    }

    /// Imports a CSV export with a mapping file, in one transaction.
    public func importCSV(path: String, mapping: EvidenceMapping, context: EvidenceContext) throws(StoreError) -> EvidenceImportSummary {
        let file = try FileByteSource(path: path)
        let bytes = try FileIO.read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .input(InputErrors([InputError(file: path, line: 1, message: "the file is not valid UTF-8; expected a UTF-8 CSV (convert it with iconv -t UTF-8)")]))
        }
        let result: EvidenceMapping.Result
        do { result = try mapping.read(text, file: path, context: context) } catch { throw .input(error) }
        let partners = try self.partners()
        return try write { db in
            var writer = try EvidenceWriter(db: db, path: path, kind: "csv", map: mapping.name, linker: PartnerLinker(partners: partners))
            for a in result.activities { try writer.add(a) }
            writer.summary.skippedByCountry = result.skippedByCountry
            writer.summary.warnings = result.warnings
            return try writer.finish(fingerprint: try file.fingerprint())
        }
    }
}

/// Writes activities of one file with prepared (cached) statements, inside the
/// caller's transaction.
struct EvidenceWriter {
    let db: Database
    let fileID: Int64
    let previousFingerprint: String?
    let linker: PartnerLinker
    var summary: EvidenceImportSummary
    /// Sorted keys: the same activity always gives the same document (an unchanged
    /// re-import is recognised by comparing documents).
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
    private var knownOrgs = Set<String>()

    init(db: Database, path: String, kind: String, map: String?, linker: PartnerLinker) throws {
        self.db = db
        self.linker = linker
        summary = EvidenceImportSummary(file: path)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let row = try Row.fetchOne(db, sql: "SELECT id, hash, size FROM evidence_file WHERE path = ?", arguments: [absolute]) {
            fileID = row["id"]
            previousFingerprint = "\(row["size"] as Int):" + (row["hash"] as String)
        } else {
            try db.execute(sql: "INSERT INTO evidence_file(path, kind, map, size, hash, imported_at, activities, skipped, warnings) VALUES (?, ?, ?, 0, '', ?, 0, 0, '[]')",
                           arguments: [absolute, kind, map, ISO8601DateFormatter().string(from: Date())])
            fileID = db.lastInsertedRowID
            previousFingerprint = nil
        }
    }

    mutating func add(_ a: EvidenceActivity) throws {
        summary.activities += 1
        let doc = String(decoding: try encoder.encode(a), as: UTF8.self)
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, doc FROM evidence_activity WHERE key = ?"), arguments: [a.identifier])
        if let existing, existing["doc"] as String == doc {
            summary.unchanged += 1
            return
        }
        let funders = a.funders
        let funder = linker.funderIdentity(funders)
        let value = a.value
        let columns: [(any DatabaseValueConvertible)?] = [
            fileID, a.sourceFormat, a.title, a.startDate, a.year, a.status?.text, a.instrument?.rawValue,
            value?.usd, value?.basis.rawValue, funder, doc,
        ]
        let id: Int64
        if let existing {
            id = existing["id"]
            for table in ["evidence_participation", "evidence_sector", "evidence_money", "evidence_location", "evidence_match"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE activity_id = ?").execute(arguments: [id])
            }
            try db.cachedStatement(sql: """
                UPDATE evidence_activity SET file_id = ?, source_format = ?, title = ?, start_date = ?, year = ?, status = ?, instrument = ?,
                  value_usd = ?, value_basis = ?, funder = ?, doc = ? WHERE id = ?
                """).execute(arguments: StatementArguments(columns + [id]))
            summary.updated += 1
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO evidence_activity(file_id, source_format, title, start_date, year, status, instrument, value_usd, value_basis, funder, doc, key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(columns + [a.identifier]))
            id = db.lastInsertedRowID
            summary.inserted += 1
        }
        // Children.
        let participation = try db.cachedStatement(sql: "INSERT INTO evidence_participation(activity_id, org_key, role, is_funder) VALUES (?, ?, ?, ?)")
        let funderKeys = Set(funders.compactMap(\.key))
        var orgs: [(EvidenceOrg, String)] = a.participants.map { ($0.org, $0.role?.rawValue ?? ($0.roleText ?? "unknown")) }
        if let r = a.reportingOrg { orgs.append((r, "reporting")) }
        for (org, role) in orgs {
            guard let key = org.key else { continue }
            try upsertOrg(org, key: key)
            let isFunder = funderKeys.contains(key) && (role == "funding" || (role == "reporting" && !a.participants.contains { $0.role == .funding }))
            try participation.execute(arguments: [id, key, role, isFunder])
        }
        let sector = try db.cachedStatement(sql: "INSERT INTO evidence_sector(activity_id, vocabulary, code, percentage, category, standing) VALUES (?, ?, ?, ?, ?, ?)")
        for s in a.sectors { try sector.execute(arguments: [id, s.vocabulary, s.code, s.percentage, s.category, s.standing.rawValue]) }
        let money = try db.cachedStatement(sql: "INSERT INTO evidence_money(activity_id, kind, value, currency, value_date, usd, rate, rate_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for b in a.budgets { try money.execute(arguments: [id, "budget", b.value, b.currency, b.date, b.usd, b.rate, b.rateYear]) }
        for t in a.transactions { try money.execute(arguments: [id, t.kind.rawValue, t.money.value, t.money.currency, t.money.date, t.money.usd, t.money.rate, t.money.rateYear]) }
        let location = try db.cachedStatement(sql: "INSERT INTO evidence_location(activity_id, name, province) VALUES (?, ?, ?)")
        for l in a.locations { try location.execute(arguments: [id, l.name, l.province]) }
        // The same project from another source.
        guard let funder else { return }
        let keys = EvidenceMatchKeys.keys(for: a, funder: funder)
        let find = try db.cachedStatement(sql: """
            SELECT a.id, a.duplicate_of FROM evidence_match m JOIN evidence_activity a ON a.id = m.activity_id
            WHERE m.key = ? AND a.file_id != ? AND a.id != ? ORDER BY a.id LIMIT 1
            """)
        var twin: Int64?
        for k in keys where twin == nil {
            if let row = try Row.fetchOne(find, arguments: [k, fileID, id]) {
                twin = (row["duplicate_of"] as Int64?) ?? (row["id"] as Int64)
            }
        }
        try db.cachedStatement(sql: "UPDATE evidence_activity SET duplicate_of = ? WHERE id = ?").execute(arguments: [twin, id])
        if twin != nil { summary.duplicates += 1 }
        let match = try db.cachedStatement(sql: "INSERT INTO evidence_match(key, activity_id) VALUES (?, ?)")
        for k in keys { try match.execute(arguments: [k, id]) }
    }

    private mutating func upsertOrg(_ org: EvidenceOrg, key: String) throws {
        if knownOrgs.contains(key) { return }
        try db.cachedStatement(sql: "INSERT INTO evidence_org(key, ref, name) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET name = coalesce(evidence_org.name, excluded.name)")
            .execute(arguments: [key, org.ref, org.name])
        knownOrgs.insert(key)
    }

    /// Records the file's fingerprint and counts; an unchanged file keeps its row as it was.
    mutating func finish(fingerprint: String) throws -> EvidenceImportSummary {
        summary.fingerprint = fingerprint
        // New or changed activities (and with them organisations and links) change
        // the partners' evidence summaries: drop the cached ones in this transaction.
        if summary.inserted > 0 || summary.updated > 0 { try EvidenceSummaryCache.invalidate(db) }
        let unchangedFile = fingerprint == previousFingerprint && summary.inserted == 0 && summary.updated == 0
        if !unchangedFile {
            let parts = fingerprint.split(separator: ":", maxSplits: 1)
            let size = Int(parts.first ?? "0") ?? 0
            let hash = parts.count > 1 ? String(parts[1]) : ""
            let warnings = String(decoding: try encoder.encode(summary.warnings.entries), as: UTF8.self)
            try db.execute(sql: "UPDATE evidence_file SET size = ?, hash = ?, imported_at = ?, activities = ?, skipped = ?, warnings = ? WHERE id = ?",
                           arguments: [size, hash, ISO8601DateFormatter().string(from: Date()), summary.activities, summary.skippedByCountry, warnings, fileID])
        }
        return summary
    }
}
