/// What `export` writes: partners or needs as JSON, JSON Lines or CSV, each a form that
/// `RecordFile` reads back to the same records, so that export, import into an empty
/// catalog and export again give the same bytes.
public enum RecordExport {
    public enum Format: String, Sendable, CaseIterable {
        case json, jsonl, csv
    }

    public static func partners(_ partners: [Partner], format: Format, bom: Bool = false) -> String {
        switch format {
        case .json: return CanonicalJSON.string(partners, pretty: true) + "\n"
        case .jsonl: return partners.map { CanonicalJSON.string($0) + "\n" }.joined()
        case .csv: return CSV.write(header: CSVColumns.partner, rows: partners.map(\.csvFields), bom: bom)
        }
    }

    public static func needs(_ needs: [Need], format: Format, bom: Bool = false) -> String {
        switch format {
        case .json: return CanonicalJSON.string(needs, pretty: true) + "\n"
        case .jsonl: return needs.map { CanonicalJSON.string($0) + "\n" }.joined()
        case .csv: return CSV.write(header: CSVColumns.need, rows: needs.map(\.csvFields), bom: bom)
        }
    }
}
