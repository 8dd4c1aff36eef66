import Foundation
import GRDB
import PartnerMatchCore

/// The per-partner `EvidenceSummary` of each evidence cut (`until` year, or all),
/// kept in the table `evidence_summary` (migration "v3-evidence-summaries") so that a
/// ranking reads a few dozen small rows instead of decoding every linked project.
///
/// A cut is complete when its marker row (partner id `""`, doc = `formula`) is there;
/// partners without linked projects have no row, as in the computed map. The cache
/// only ever holds what `EvidenceSummary.compute` gives for the stored evidence and
/// partners: every write that can change a summary deletes the whole table in its own
/// transaction: an evidence import that inserts or updates an activity
/// (`EvidenceWriter.finish`, which then rebuilds the all-years cut that `rank` reads in
/// the same transaction), and any insert, update or delete of a partner (a trigger:
/// names, aliases and IATI refs decide which organisations link to it). Rows written by
/// another `formula` are ignored and replaced.
enum EvidenceSummaryCache {
    /// Bump when `EvidenceSummary.compute`, `EvidenceMerge` or the linking rules change
    /// what they give, so that summaries of an older version are recomputed.
    static let formula = "evidence-summary-1"

    static func key(_ until: Int?) -> String { until.map(String.init) ?? "all" }

    /// The migration: the table and the trigger that empties it when partners change.
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE evidence_summary (
              cut TEXT NOT NULL,
              partner_id TEXT NOT NULL,
              doc TEXT NOT NULL,
              PRIMARY KEY (cut, partner_id)
            ) WITHOUT ROWID;
            CREATE TRIGGER evidence_summary_partner_insert AFTER INSERT ON partner BEGIN DELETE FROM evidence_summary; END;
            CREATE TRIGGER evidence_summary_partner_update AFTER UPDATE ON partner BEGIN DELETE FROM evidence_summary; END;
            CREATE TRIGGER evidence_summary_partner_delete AFTER DELETE ON partner BEGIN DELETE FROM evidence_summary; END;
            """)
    }

    /// The cached summaries of a cut, or nil when they are not (all) there.
    static func load(_ db: Database, until: Int?) throws -> [String: EvidenceSummary]? {
        let rows = try Row.fetchAll(db, sql: "SELECT partner_id, doc FROM evidence_summary WHERE cut = ?", arguments: [key(until)])
        guard rows.contains(where: { ($0["partner_id"] as String).isEmpty && ($0["doc"] as String) == formula }) else { return nil }
        let decoder = JSONDecoder()
        var out: [String: EvidenceSummary] = [:]
        for r in rows {
            let id: String = r["partner_id"]
            if id.isEmpty { continue }
            guard let s = try? decoder.decode(EvidenceSummary.self, from: Data((r["doc"] as String).utf8)) else { return nil }
            out[id] = s
        }
        return out
    }

    /// Replaces a cut's rows with these summaries and marks it complete.
    static func store(_ db: Database, _ summaries: [String: EvidenceSummary], until: Int?) throws {
        let cut = key(until)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try db.execute(sql: "DELETE FROM evidence_summary WHERE cut = ?", arguments: [cut])
        let insert = try db.cachedStatement(sql: "INSERT INTO evidence_summary(cut, partner_id, doc) VALUES (?, ?, ?)")
        for (id, s) in summaries {
            try insert.execute(arguments: [cut, id, String(decoding: try encoder.encode(s), as: UTF8.self)])
        }
        try insert.execute(arguments: [cut, "", formula])
    }

    /// Computes a cut from the stored evidence and stores it (inside the caller's
    /// transaction): the import's last step, so that the ranking after it reads the cache.
    static func rebuild(_ db: Database, until: Int?) throws {
        try store(db, try CatalogStore.evidenceSummariesByPartner(db, until: until), until: until)
    }

    /// Empties the cache: called inside every transaction that changes the evidence.
    static func invalidate(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM evidence_summary")
    }
}
