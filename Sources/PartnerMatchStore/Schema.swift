import GRDB

/// The database schema, as named append-only migrations. Never edit a registered
/// migration: add a new one. The migrator is the one list of them: a database that
/// records a migration it does not register was written by a newer PartnerMatch
/// (`DatabaseMigrator.hasBeenSuperseded`), and is refused.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-catalog") { db in
            try db.create(table: "partner") { t in
                t.primaryKey("id", .text)
                t.column("name_en", .text)
                t.column("name_vi", .text)
                t.column("kind", .text).notNull()
                t.column("origin", .text).notNull()
                t.column("search_text", .text).notNull()
                t.column("doc", .text).notNull()
            }
            try db.create(table: "need") { t in
                t.primaryKey("id", .text)
                t.column("title_vi", .text)
                t.column("title_en", .text)
                t.column("province", .text).notNull()
                t.column("applicant", .text).notNull()
                t.column("instrument", .text).notNull()
                t.column("budget_usd", .double).notNull()
                t.column("search_text", .text).notNull()
                t.column("doc", .text).notNull()
            }
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        m.registerMigration("v2-evidence", migrate: EvidenceSchema.v2)
        m.registerMigration("v3-evidence-summaries", migrate: EvidenceSummaryCache.v3)
        m.registerMigration("v4-evidence-lean", migrate: EvidenceSchema.v4)
        m.registerMigration("v5-evidence-org-partners", migrate: EvidenceSchema.v5)
        m.registerMigration("v6-catalog-snapshot", migrate: CatalogSnapshot.v5)
        return m
    }
}
