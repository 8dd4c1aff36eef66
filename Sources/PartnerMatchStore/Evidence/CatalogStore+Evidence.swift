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
    /// Rows a mapping's `keepRows` left out, and what the kept ones are (`Viet Nam`).
    public var skippedByFilter = 0
    public var keptRows: String?
    public var warnings = EvidenceWarnings()
    public var fingerprint = ""

    public init(file: String) { self.file = file }
}

extension CatalogStore {
    /// Imports an IATI activity file, streamed: activities are parsed and written one at
    /// a time inside one transaction, so memory stays flat and a malformed file (reported
    /// at its line and column) leaves the database as it was.
    ///
    /// Parsing runs on a thread of its own and hands activities over in batches of 64
    /// (at most 8 batches waiting) to this one, which writes them: on two cores the two
    /// halves of the work overlap. Only this thread touches the database.
    /// `oneThread` parses on this thread too: less CPU in all, slower when a second core
    /// is free.
    /// `progress`, when given, is called on this thread with the number of activities
    /// written so far, after each activity (one thread) or each batch (two; the caller
    /// throttles what it shows).
    public func importIATI(path: String, context: EvidenceContext, oneThread: Bool = false, progress: ((Int) -> Void)? = nil) throws(StoreError) -> EvidenceImportSummary {
        let file = try FileByteSource(path: path)
        let partners = try self.partners()
        return try write("evidence import \(path)") { db in
            var writer = try EvidenceWriter(db: db, path: path, kind: "iati", map: nil, linker: PartnerLinker(partners: partners))
            if oneThread {
                // Parse and write on this thread.
                var reader = IATIReader(source: FileSourceHandle(file: file), context: context)
                do {
                    var n = 0
                    while let a = try reader.next() {
                        try writer.add(a)
                        n += 1
                        progress?(n)
                    }
                } catch let error as XMLError {
                    throw StoreError.input(InputErrors([InputError(file: path, line: error.line, column: error.column, message: error.message)]))
                }
                writer.summary.skippedByCountry = reader.skippedByCountry
                writer.summary.warnings = reader.warnings
                return try writer.finish(fingerprint: try file.fingerprint())
            }
            let pipe = ActivityPipe(capacity: 8)
            let handed = HandOver(file)
            let parser = Thread {
                defer { pipe.markProducerDone() }
                var reader = IATIReader(source: FileSourceHandle(file: handed.value), context: context)
                var batch: [EvidenceActivity] = []
                do throws(XMLError) {
                    while let a = try reader.next() {
                        batch.append(a)
                        if batch.count == 64 {
                            guard pipe.put(.batch(batch)) else { return }
                            batch = []
                        }
                    }
                    if !batch.isEmpty { guard pipe.put(.batch(batch)) else { return } }
                    _ = pipe.put(.end(skippedByCountry: reader.skippedByCountry, warnings: reader.warnings))
                } catch {
                    _ = pipe.put(.failed(error))
                }
            }
            parser.stackSize = 8 << 20
            parser.start()
            // However this ends (an error in a write too), stop the parser and wait for it:
            // it reads the file, which the fingerprint reads after it.
            defer {
                pipe.cancel()
                pipe.waitForProducer()
            }
            var n = 0
            while true {
                switch pipe.take() {
                case .batch(let activities):
                    for a in activities { try writer.add(a) }
                    n += activities.count
                    progress?(n)
                case .end(let skipped, let warnings):
                    pipe.waitForProducer()
                    writer.summary.skippedByCountry = skipped
                    writer.summary.warnings = warnings
                    return try writer.finish(fingerprint: try file.fingerprint())
                case .failed(let error):
                    throw StoreError.input(InputErrors([InputError(file: path, line: error.line, column: error.column, message: error.message)]))
                }
            }
        }
    }

    /// Imports a CSV export with a mapping file, streamed: rows are read and written one
    /// at a time inside one transaction, so memory stays flat; a file with an error
    /// (reported at its line and column) rolls the transaction back.
    /// `progress` as for `importIATI`.
    public func importCSV(path: String, mapping: EvidenceMapping, context: EvidenceContext, progress: ((Int) -> Void)? = nil) throws(StoreError) -> EvidenceImportSummary {
        let file = try FileByteSource(path: path)
        let partners = try self.partners()
        return try write("evidence import --csv \(path)") { db in
            var writer = try EvidenceWriter(db: db, path: path, kind: "csv", map: mapping.name, linker: PartnerLinker(partners: partners))
            let result: EvidenceMapping.Result
            do {
                var n = 0
                result = try mapping.read(FileSourceHandle(file: file), file: path, context: context) {
                    try writer.add($0)
                    n += 1
                    progress?(n)
                }
            } catch let error as InputErrors {
                throw StoreError.input(error)
            }
            writer.summary.skippedByCountry = result.skippedByCountry
            writer.summary.skippedByFilter = result.skippedByFilter
            writer.summary.keptRows = mapping.keepRows?.label
            writer.summary.warnings = result.warnings
            // Links the mapping states to partners the catalog does not have link nothing.
            let known = Set(partners.map(\.id))
            for id in Set(mapping.partners.values.joined()).sorted() where !known.contains(id) {
                writer.summary.warnings.add("partner ids in the mapping's partners that the catalog does not have (not linked)", example: id)
            }
            return try writer.finish(fingerprint: try file.fingerprint())
        }
    }
}

/// Writes activities of one file with prepared statements (made once, bound and
/// stepped through the C API: `RawStatement`), inside the caller's transaction.
struct EvidenceWriter {
    let db: Database
    let fileID: Int64
    let previousFingerprint: String?
    let linker: PartnerLinker
    var summary: EvidenceImportSummary
    /// Sorted keys: the same activity always gives the same document (an unchanged
    /// re-import is recognised by comparing documents). `EvidenceDocument` writes the
    /// same bytes faster; this encoder is its fallback and writes the warnings.
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
    private var knownOrgs = Set<String>()
    /// The partners each organisation links to (linking folds names: once per organisation).
    private var linksByOrg: [OrgIdentity: [String]] = [:]
    private let findActivity, insertActivity, updateActivity, setDuplicate: RawStatement
    private let deleteChildren: [RawStatement]
    private let insertOrg, insertParticipation, findTwin, insertMatch: RawStatement
    /// Whether activities of other files were stored when the import began: a twin is
    /// only ever found among those (this file's own rows are excluded), so without them
    /// the twin queries are skipped (the first import into an empty evidence store).
    private let otherFilesStored: Bool

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
        findActivity = try RawStatement(db, "SELECT id, doc FROM evidence_activity WHERE key = ?")
        insertActivity = try RawStatement(db, """
            INSERT INTO evidence_activity(file_id, source_format, title, start_date, year, status, instrument, value_usd, value_basis, funder, doc, key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateActivity = try RawStatement(db, """
            UPDATE evidence_activity SET file_id = ?, source_format = ?, title = ?, start_date = ?, year = ?, status = ?, instrument = ?,
              value_usd = ?, value_basis = ?, funder = ?, doc = ? WHERE id = ?
            """)
        setDuplicate = try RawStatement(db, "UPDATE evidence_activity SET duplicate_of = ? WHERE id = ?")
        deleteChildren = try ["evidence_participation", "evidence_match"].map {
            try RawStatement(db, "DELETE FROM \($0) WHERE activity_id = ?")
        }
        insertOrg = try RawStatement(db, """
            INSERT INTO evidence_org(key, ref, name, partners) VALUES (?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET name = coalesce(evidence_org.name, excluded.name), partners = coalesce(excluded.partners, evidence_org.partners)
            """)
        insertParticipation = try RawStatement(db, "INSERT INTO evidence_participation(activity_id, org_key, role, is_funder) VALUES (?, ?, ?, ?)")
        findTwin = try RawStatement(db, """
            SELECT a.id, a.duplicate_of FROM evidence_match m JOIN evidence_activity a ON a.id = m.activity_id
            WHERE m.key = ? AND a.file_id != ? AND a.id != ? ORDER BY a.id LIMIT 1
            """)
        insertMatch = try RawStatement(db, "INSERT INTO evidence_match(key, activity_id) VALUES (?, ?)")
        otherFilesStored = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM evidence_activity WHERE file_id != ?)", arguments: [fileID]) ?? true
    }

    /// `PartnerLinker.funderIdentity`, with each organisation (ref and name: both
    /// decide its links) linked once per import rather than once per activity.
    private mutating func funderIdentity(_ funders: [EvidenceOrg]) -> String? {
        var linked = Set<String>()
        for f in funders {
            let id = OrgIdentity(ref: f.ref, name: f.name, partners: f.partners)
            if let known = linksByOrg[id] {
                linked.formUnion(known)
            } else {
                let ids = linker.links(for: f).map(\.partnerID)
                if linksByOrg.count < 100_000 { linksByOrg[id] = ids }
                linked.formUnion(ids)
            }
        }
        if !linked.isEmpty { return "partners:" + linked.sorted().joined(separator: ",") }
        let keys = funders.compactMap(\.key).sorted()
        return keys.isEmpty ? nil : keys.joined(separator: ",")
    }

    private struct OrgIdentity: Hashable {
        var ref: String?
        var name: String?
        var partners: [String]?
    }

    mutating func add(_ a: EvidenceActivity) throws {
        summary.activities += 1
        let doc = try EvidenceDocument.encode(a) ?? Array(encoder.encode(a))
        findActivity.bind(1, a.identifier)
        var existingID: Int64?
        if try findActivity.step() {
            existingID = findActivity.int64(0)
            let same = findActivity.textEquals(1, doc)
            findActivity.reset()
            if same {
                summary.unchanged += 1
                return
            }
        }
        let funders = a.funders
        let funder = funderIdentity(funders)
        let value = a.value
        let row = existingID == nil ? insertActivity : updateActivity
        row.bind(1, fileID)
        row.bind(2, a.sourceFormat)
        row.bind(3, a.title)
        row.bind(4, a.startDate)
        row.bind(5, a.year)
        row.bind(6, a.status?.text)
        row.bind(7, a.instrument?.rawValue)
        row.bind(8, value?.usd)
        row.bind(9, value?.basis.rawValue)
        row.bind(10, funder)
        row.bind(11, utf8: doc)
        let id: Int64
        if let existingID {
            id = existingID
            for d in deleteChildren { d.bind(1, id); try d.run() }
            row.bind(12, id)
            try row.run()
            summary.updated += 1
        } else {
            row.bind(12, a.identifier)
            try row.run()
            id = db.lastInsertedRowID
            summary.inserted += 1
        }
        // Participations: the rows that find a partner's projects.
        let funderKeys = Set(funders.compactMap(\.key))
        let hasFundingParticipant = a.participants.contains { $0.role == .funding }
        func participate(_ org: EvidenceOrg, _ role: String) throws {
            guard let key = org.key else { return }
            try upsertOrg(org, key: key)
            let isFunder = funderKeys.contains(key) && (role == "funding" || (role == "reporting" && !hasFundingParticipant))
            insertParticipation.bind(1, id)
            insertParticipation.bind(2, key)
            insertParticipation.bind(3, role)
            insertParticipation.bind(4, isFunder)
            try insertParticipation.run()
        }
        for p in a.participants { try participate(p.org, p.role?.rawValue ?? (p.roleText ?? "unknown")) }
        if let r = a.reportingOrg { try participate(r, "reporting") }
        // Sectors, budgets, transactions and locations are in `doc` only (no query reads
        // them as rows; migration v4-evidence-lean).
        // The same project from another source.
        guard let funder else { return }
        let keys = EvidenceMatchKeys.keys(for: a, funder: funder)
        var twin: Int64?
        for k in keys where twin == nil && otherFilesStored {
            findTwin.bind(1, k)
            findTwin.bind(2, fileID)
            findTwin.bind(3, id)
            if try findTwin.step() {
                twin = findTwin.isNull(1) ? findTwin.int64(0) : findTwin.int64(1)
                findTwin.reset()
            }
        }
        // A new row's duplicate_of is already NULL; an updated one may have had a twin.
        if twin != nil || existingID != nil {
            setDuplicate.bind(1, twin)
            setDuplicate.bind(2, id)
            try setDuplicate.run()
        }
        if twin != nil { summary.duplicates += 1 }
        for k in keys {
            insertMatch.bind(1, k)
            insertMatch.bind(2, id)
            try insertMatch.run()
        }
    }

    private mutating func upsertOrg(_ org: EvidenceOrg, key: String) throws {
        if knownOrgs.contains(key) { return }
        insertOrg.bind(1, key)
        insertOrg.bind(2, org.ref)
        insertOrg.bind(3, org.name)
        insertOrg.bind(4, org.partners?.joined(separator: ","))
        try insertOrg.run()
        knownOrgs.insert(key)
    }

    /// Records the file's fingerprint and counts; an unchanged file keeps its row as it was.
    mutating func finish(fingerprint: String) throws -> EvidenceImportSummary {
        summary.fingerprint = fingerprint
        // New or changed activities (and with them organisations and links) change
        // the partners' evidence summaries: drop the cached ones and build the cut that
        // `rank` reads (all years) in this transaction, so that the first ranking after
        // a big import does not pay for it (and no other process sees the cache empty).
        if summary.inserted > 0 || summary.updated > 0 {
            try EvidenceSummaryCache.invalidate(db)
            try EvidenceSummaryCache.rebuild(db, until: nil)
        }
        let unchangedFile = fingerprint == previousFingerprint && summary.inserted == 0 && summary.updated == 0
        if !unchangedFile {
            let parts = fingerprint.split(separator: ":", maxSplits: 1)
            let size = Int(parts.first ?? "0") ?? 0
            let hash = parts.count > 1 ? String(parts[1]) : ""
            let warnings = String(decoding: try encoder.encode(summary.warnings.entries), as: UTF8.self)
            try db.execute(sql: "UPDATE evidence_file SET size = ?, hash = ?, imported_at = ?, activities = ?, skipped = ?, warnings = ? WHERE id = ?",
                           arguments: [size, hash, ISO8601DateFormatter().string(from: Date()), summary.activities, summary.skippedByCountry + summary.skippedByFilter, warnings, fileID])
        }
        return summary
    }
}
