import Foundation
import GRDB
import PartnerMatchCore

/// An organisation named in the evidence, with how often and its links to the catalog.
public struct EvidenceOrgUsage: Sendable, Hashable {
    public var key: String
    public var ref: String?
    public var name: String?
    public var activities: Int
    /// Activities it funded (as `Funding` participant, or reporting org without one).
    public var funded: Int
    public var links: [PartnerLinker.Link]
}

/// `evidence stats`.
public struct EvidenceStats: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        public var path: String
        public var kind: String
        public var map: String?
        public var activities: Int
        public var skipped: Int
        public var importedAt: String
        public var warnings: EvidenceWarnings
    }
    public var files: [File]
    public var activities: Int
    /// Activities recognised as the same project as another (counted once).
    public var duplicates: Int
    public var orgs: Int
    public var linkedOrgs: Int
    public var unlinkedOrgs: Int
    public var linkedActivities: Int
    public var firstYear: Int?
    public var lastYear: Int?
    /// Value of the projects counted once.
    public var valueUSD: Double
    public var withoutValue: Int
    public var warnings: EvidenceWarnings
}

extension CatalogStore {
    /// Every organisation of the evidence and its catalog links.
    public func evidenceOrgs() throws(StoreError) -> [EvidenceOrgUsage] {
        try read { db in try CatalogStore.evidenceOrgs(db) }
    }

    static func evidenceOrgs(_ db: Database) throws -> [EvidenceOrgUsage] {
        let linker = PartnerLinker(partners: try String.fetchAll(db, sql: "SELECT doc FROM partner ORDER BY id").map(CatalogStore.decodePartner))
        return try Row.fetchAll(db, sql: """
            SELECT o.key, o.ref, o.name, o.partners, count(DISTINCT p.activity_id) AS n, count(DISTINCT CASE WHEN p.is_funder THEN p.activity_id END) AS f
            FROM evidence_org o LEFT JOIN evidence_participation p ON p.org_key = o.key GROUP BY o.key ORDER BY f DESC, n DESC, o.key
            """).map { r in
            let stated = (r["partners"] as String?).map { $0.split(separator: ",").map(String.init) }
            let org = EvidenceOrg(ref: r["ref"], name: r["name"], partners: stated)
            return EvidenceOrgUsage(key: r["key"], ref: r["ref"], name: r["name"], activities: r["n"], funded: r["f"], links: linker.links(for: org))
        }
    }

    /// The projects a partner funded, each once (copies from several sources merged).
    public func evidenceActivities(partnerID: String) throws(StoreError) -> [EvidenceActivity] {
        try evidenceActivitiesByPartner(only: [partnerID])[partnerID] ?? []
    }

    /// The projects each linked partner funded, each once, by partner id; only the
    /// partners in `only` when it is given. Organisations are linked once for all.
    public func evidenceActivitiesByPartner(only: Set<String>? = nil) throws(StoreError) -> [String: [EvidenceActivity]] {
        try read { db in try CatalogStore.evidenceActivitiesByPartner(db, only: only) }
    }

    /// The organisation keys of each linked partner (sorted), by partner id.
    private static func orgKeysByPartner(_ db: Database, only: Set<String>?) throws -> [String: [String]] {
        var keysByPartner: [String: [String]] = [:]
        for org in try evidenceOrgs(db) {
            for id in Set(org.links.map(\.partnerID)) where only?.contains(id) ?? true { keysByPartner[id, default: []].append(org.key) }
        }
        return keysByPartner.mapValues { $0.sorted() }
    }

    /// Each linked partner's evidence summary, computed one set of organisations at a
    /// time: memory holds one partner's activities, not every partner's (what an
    /// import builds in its transaction, whatever the size of the evidence).
    static func evidenceSummariesByPartner(_ db: Database, until: Int?) throws -> [String: EvidenceSummary] {
        var byKeys: [[String]: EvidenceSummary?] = [:]
        var out: [String: EvidenceSummary] = [:]
        for (id, keys) in try orgKeysByPartner(db, only: nil) {
            let summary: EvidenceSummary?
            if let known = byKeys[keys] {
                summary = known
            } else {
                let activities = try evidenceActivities(db, orgKeys: keys)
                summary = activities.isEmpty ? nil : EvidenceSummary.compute(activities, until: until)
                byKeys[keys] = summary
            }
            if let summary { out[id] = summary }
        }
        return out
    }

    static func evidenceActivitiesByPartner(_ db: Database, only: Set<String>? = nil) throws -> [String: [EvidenceActivity]] {
        let keysByPartner = try orgKeysByPartner(db, only: only)
        // Partners of one funder (its loans, its grants) share organisations: read and
        // decode each set of organisations once.
        var byKeys: [[String]: [EvidenceActivity]] = [:]
        var out: [String: [EvidenceActivity]] = [:]
        for (id, sortedKeys) in keysByPartner {
            let activities: [EvidenceActivity]
            if let known = byKeys[sortedKeys] {
                activities = known
            } else {
                activities = try evidenceActivities(db, orgKeys: sortedKeys)
                byKeys[sortedKeys] = activities
            }
            if !activities.isEmpty { out[id] = activities }
        }
        return out
    }

    /// The evidence summaries the ranking engine reads, by partner id: each linked
    /// partner's projects that started in or before `until` (all when nil). A partner
    /// whose projects all started later has a summary of no activity, so that reasons
    /// and the catalog hash say the evidence was cut at `until`.
    ///
    /// Read from the `evidence_summary` cache when it holds them (see
    /// `EvidenceSummaryCache`), else computed from the activities and stored.
    public func evidenceSummaries(until: Int? = nil) throws(StoreError) -> [String: EvidenceSummary] {
        try evidenceSummariesAndActivities(until: until).summaries
    }

    /// `evidenceSummaries(until:)`, and the activities by partner when they had to be
    /// read to compute them (a cache miss), so that a caller that also needs some
    /// partners' activities (the brief) does not read them a second time. On a cache hit
    /// `activities` is nil.
    public func evidenceSummariesAndActivities(until: Int? = nil) throws(StoreError) -> (summaries: [String: EvidenceSummary], activities: [String: [EvidenceActivity]]?) {
        if let cached = try read({ db in try EvidenceSummaryCache.load(db, until: until) }) { return (cached, nil) }
        // Compute and store in one immediate transaction, so that an import cannot slip
        // in between and leave summaries of older evidence in the cache. A database that
        // cannot be written (read-only file) is answered without the cache.
        do {
            let note = LockNote(databasePath: path)
            return try writer.writeWithoutTransaction { db in
                var out: ([String: EvidenceSummary], [String: [EvidenceActivity]]?) = ([:], nil)
                try db.inTransaction(.immediate) {
                    note?.write(operation: "building the evidence summaries")
                    defer { note?.remove() }
                    if let cached = try EvidenceSummaryCache.load(db, until: until) {
                        out = (cached, nil)
                    } else {
                        let activities = try CatalogStore.evidenceActivitiesByPartner(db)
                        let summaries = activities.mapValues { EvidenceSummary.compute($0, until: until) }
                        try EvidenceSummaryCache.store(db, summaries, until: until)
                        out = (summaries, activities)
                    }
                    return .commit
                }
                return out
            }
        } catch {
            return try read { db in
                let activities = try CatalogStore.evidenceActivitiesByPartner(db)
                return (activities.mapValues { EvidenceSummary.compute($0, until: until) }, activities)
            }
        }
    }

    /// The summaries computed from the activities, without the cache (tests compare
    /// the two paths).
    public func evidenceSummariesUncached(until: Int? = nil) throws(StoreError) -> [String: EvidenceSummary] {
        try evidenceActivitiesByPartner().mapValues { EvidenceSummary.compute($0, until: until) }
    }

    private static func evidenceActivities(_ db: Database, orgKeys keys: [String]) throws -> [EvidenceActivity] {
        guard !keys.isEmpty else { return [] }
        let decoder = JSONDecoder()
        let placeholders = keys.map { _ in "?" }.joined(separator: ",")
        // The members of each group: the root itself (no duplicate_of) and the rows that
        // name it, each found through an index (a join on coalesce(duplicate_of, id)
        // scanned every activity per group).
        let rows = try Row.fetchAll(db, sql: """
            WITH own AS (SELECT DISTINCT activity_id FROM evidence_participation WHERE is_funder AND org_key IN (\(placeholders))),
                 roots AS (SELECT DISTINCT coalesce(a.duplicate_of, a.id) AS root FROM evidence_activity a JOIN own ON own.activity_id = a.id)
            SELECT roots.root AS root, a.id AS id, a.doc AS doc FROM roots JOIN evidence_activity a ON a.id = roots.root WHERE a.duplicate_of IS NULL
            UNION ALL
            SELECT roots.root AS root, a.id AS id, a.doc AS doc FROM roots JOIN evidence_activity a ON a.duplicate_of = roots.root
            ORDER BY 1, 2
            """, arguments: StatementArguments(keys))
        var groups: [Int64: [EvidenceActivity]] = [:]
        var order: [Int64] = []
        for r in rows {
            let root: Int64 = r["root"]
            // Read by hand (`EvidenceDocument.decode`); what it does not read, JSONDecoder reads.
            var doc: String = r["doc"]
            let a = try doc.withUTF8 { EvidenceDocument.decode($0) } ?? decoder.decode(EvidenceActivity.self, from: Data(doc.utf8))
            if groups[root] == nil { order.append(root) }
            groups[root, default: []].append(a)
        }
        return order.compactMap { EvidenceMerge.counted(groups[$0]!) }
    }

    public func evidenceStats() throws(StoreError) -> EvidenceStats {
        let orgs = try evidenceOrgs()
        let linkedKeys = Set(orgs.filter { !$0.links.isEmpty }.map(\.key))
        let decoder = JSONDecoder()
        return try read { db in
            var all = EvidenceWarnings()
            let files = try Row.fetchAll(db, sql: "SELECT path, kind, map, activities, skipped, imported_at, warnings FROM evidence_file ORDER BY path").map { r -> EvidenceStats.File in
                let w = EvidenceWarnings(entries: (try? decoder.decode([EvidenceWarnings.Entry].self, from: Data((r["warnings"] as String).utf8))) ?? [])
                all.merge(w)
                return EvidenceStats.File(path: r["path"], kind: r["kind"], map: r["map"], activities: r["activities"], skipped: r["skipped"], importedAt: r["imported_at"], warnings: w)
            }
            let activities = try Int.fetchOne(db, sql: "SELECT count(*) FROM evidence_activity") ?? 0
            let duplicates = try Int.fetchOne(db, sql: "SELECT count(*) FROM evidence_activity WHERE duplicate_of IS NOT NULL") ?? 0
            let years = try Row.fetchOne(db, sql: "SELECT min(year) AS a, max(year) AS b FROM evidence_activity")
            // A project's value once: the best-ranked value of its group.
            var best: [Int64: (Int, Double)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT coalesce(duplicate_of, id) AS root, value_usd, value_basis FROM evidence_activity") {
                let root: Int64 = r["root"]
                let basis: String? = r["value_basis"]
                let rank = basis == "commitments" ? 3 : basis == "budgets" ? 2 : basis == "disbursements" ? 1 : 0
                let v: Double = r["value_usd"] ?? 0
                if let b = best[root], b.0 >= rank { continue }
                best[root] = (rank, v)
            }
            let placeholders = linkedKeys.map { _ in "?" }.joined(separator: ",")
            let linkedActivities = linkedKeys.isEmpty ? 0 : try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT coalesce(a.duplicate_of, a.id)) FROM evidence_participation p JOIN evidence_activity a ON a.id = p.activity_id
                WHERE p.is_funder AND p.org_key IN (\(placeholders))
                """, arguments: StatementArguments(Array(linkedKeys))) ?? 0
            return EvidenceStats(
                files: files, activities: activities, duplicates: duplicates, orgs: orgs.count, linkedOrgs: linkedKeys.count,
                unlinkedOrgs: orgs.count - linkedKeys.count, linkedActivities: linkedActivities,
                firstYear: years?["a"], lastYear: years?["b"], valueUSD: best.values.reduce(0) { $0 + $1.1 },
                withoutValue: best.values.filter { $0.0 == 0 }.count, warnings: all)
        }
    }
}
