import GRDB

/// Tables of the evidence store (migrations "v2-evidence", "v4-evidence-lean").
///
/// An activity is one row (unique by `key`: the IATI identifier, or the mapped id of a
/// CSV row) with its full record as JSON in `doc`, and child rows for what queries
/// need: participations (v2 also had sectors, money and locations: see `v4`). `duplicate_of` links an activity
/// to the first-imported copy of the same project from another source; `evidence_match`
/// holds the keys that find such copies.
enum EvidenceSchema {
    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE evidence_file (
              id INTEGER PRIMARY KEY,
              path TEXT NOT NULL UNIQUE,
              kind TEXT NOT NULL,
              map TEXT,
              size INTEGER NOT NULL,
              hash TEXT NOT NULL,
              imported_at TEXT NOT NULL,
              activities INTEGER NOT NULL,
              skipped INTEGER NOT NULL,
              warnings TEXT NOT NULL
            );
            CREATE TABLE evidence_activity (
              id INTEGER PRIMARY KEY,
              key TEXT NOT NULL UNIQUE,
              file_id INTEGER NOT NULL REFERENCES evidence_file(id),
              source_format TEXT NOT NULL,
              title TEXT,
              start_date TEXT,
              year INTEGER,
              status TEXT,
              instrument TEXT,
              value_usd REAL,
              value_basis TEXT,
              funder TEXT,
              duplicate_of INTEGER REFERENCES evidence_activity(id) ON DELETE SET NULL,
              doc TEXT NOT NULL
            );
            CREATE INDEX evidence_activity_file ON evidence_activity(file_id);
            CREATE INDEX evidence_activity_duplicate ON evidence_activity(duplicate_of);
            CREATE TABLE evidence_org (
              key TEXT PRIMARY KEY,
              ref TEXT,
              name TEXT
            );
            CREATE TABLE evidence_participation (
              activity_id INTEGER NOT NULL REFERENCES evidence_activity(id) ON DELETE CASCADE,
              org_key TEXT NOT NULL REFERENCES evidence_org(key),
              role TEXT NOT NULL,
              is_funder INTEGER NOT NULL
            );
            CREATE INDEX evidence_participation_activity ON evidence_participation(activity_id);
            CREATE INDEX evidence_participation_org ON evidence_participation(org_key, is_funder);
            CREATE TABLE evidence_sector (
              activity_id INTEGER NOT NULL REFERENCES evidence_activity(id) ON DELETE CASCADE,
              vocabulary TEXT NOT NULL,
              code TEXT NOT NULL,
              percentage REAL,
              category TEXT,
              standing TEXT NOT NULL
            );
            CREATE INDEX evidence_sector_activity ON evidence_sector(activity_id);
            CREATE TABLE evidence_money (
              activity_id INTEGER NOT NULL REFERENCES evidence_activity(id) ON DELETE CASCADE,
              kind TEXT NOT NULL,
              value REAL NOT NULL,
              currency TEXT,
              value_date TEXT,
              usd REAL,
              rate REAL,
              rate_year INTEGER
            );
            CREATE INDEX evidence_money_activity ON evidence_money(activity_id);
            CREATE TABLE evidence_location (
              activity_id INTEGER NOT NULL REFERENCES evidence_activity(id) ON DELETE CASCADE,
              name TEXT NOT NULL,
              province TEXT
            );
            CREATE INDEX evidence_location_activity ON evidence_location(activity_id);
            CREATE TABLE evidence_match (
              key TEXT NOT NULL,
              activity_id INTEGER NOT NULL REFERENCES evidence_activity(id) ON DELETE CASCADE
            );
            CREATE INDEX evidence_match_key ON evidence_match(key);
            CREATE INDEX evidence_match_activity ON evidence_match(activity_id);
            """)
    }

    /// Drops the child tables no query reads: `evidence_sector`, `evidence_money` and
    /// `evidence_location` copied parts of the activity's document (`doc` holds every
    /// sector, budget, transaction and location with the same fields), and the index
    /// `evidence_activity_file` served no query. They were 8-9 of the ~15 rows an
    /// activity wrote, each with an index entry: most of the import's SQLite time.
    /// Nothing is lost: what they held is in `doc`, which every reader decodes.
    static func v4(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX evidence_activity_file;
            DROP TABLE evidence_sector;
            DROP TABLE evidence_money;
            DROP TABLE evidence_location;
            """)
    }

    /// Adds the links a mapping file states (`EvidenceOrg.partners`, comma-separated
    /// partner ids): CRS donors and agencies carry no IATI ref, so `crs.json` names the
    /// catalog partners each one is. Existing rows get NULL (no stated links).
    static func v5(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE evidence_org ADD COLUMN partners TEXT")
    }
}
