/// What `export` writes: partners or needs as JSON, JSON Lines or CSV, each a form that
/// `RecordFile` reads back to the same records, so that export, import into an empty
/// catalog and export again give the same bytes.
public enum RecordExport {
    public enum Format: String, Sendable, CaseIterable {
        case json, jsonl, csv
    }

    /// - Throws: `JSONText.NonFiniteNumber` if a figure is not finite (validation keeps
    ///   them finite).
    public static func partners(_ partners: [Partner], format: Format, bom: Bool = false) throws(JSONText.NonFiniteNumber) -> String {
        switch format {
        case .json: return try CanonicalJSON.string(partners, pretty: true) + "\n"
        case .jsonl: return try partners.map { p throws(JSONText.NonFiniteNumber) in try CanonicalJSON.string(p) + "\n" }.joined()
        case .csv: return CSV.write(header: CSVColumns.partner, rows: try partners.map { p throws(JSONText.NonFiniteNumber) in try p.csvFields }, bom: bom)
        }
    }

    public static func needs(_ needs: [Need], format: Format, bom: Bool = false) throws(JSONText.NonFiniteNumber) -> String {
        switch format {
        case .json: return try CanonicalJSON.string(needs, pretty: true) + "\n"
        case .jsonl: return try needs.map { n throws(JSONText.NonFiniteNumber) in try CanonicalJSON.string(n) + "\n" }.joined()
        case .csv: return CSV.write(header: CSVColumns.need, rows: needs.map(\.csvFields), bom: bom)
        }
    }
}
