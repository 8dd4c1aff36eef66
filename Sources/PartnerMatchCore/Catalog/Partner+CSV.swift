import Foundation

extension Partner {
    /// Builds a partner from one CSV row. Simple fields are plain text (lists joined with
    /// `|`); nested ones (instruments, sources...) are JSON in their cell, so a CSV
    /// export is lossless.
    /// `trimmed` says the caller already trimmed what was layout (unquoted cells), so
    /// the spaces left are data; else every cell is trimmed.
    public static func fromCSV(fields: [String], header: [String], file: String, line: Int, trimmed: Bool = false) throws(InputError) -> Partner {
        try CSVColumns.checkHeader(header, known: CSVColumns.partner, required: [["id"], ["name_en", "name_vi"], ["kind"], ["origin"], ["instruments"], ["sector_priorities"], ["sources"]], file: file, line: line)
        var row: [String: String] = [:]
        for (h, f) in zip(header, fields) { row[h] = f }
        func fail(_ column: String, _ message: String) -> InputError {
            InputError(file: file, line: line, column: header.firstIndex(of: column).map { $0 + 1 }, record: row["id"].map { "partner \"\($0)\"" }, field: column, message: message)
        }
        func value(_ name: String) -> String? {
            row[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : trimmed ? $0 : $0.trimmingCharacters(in: .whitespaces) }
        }
        func json<T: Decodable>(_ name: String, _ type: T.Type) throws(InputError) -> T? {
            guard let text = value(name) else { return nil }
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(text) } catch { throw fail(name, "malformed JSON in the cell at \(error.position): \(error.message)") }
            do { return try JSONValueDecoder().decode(T.self, from: parsed) } catch {
                throw fail(error.path.isEmpty ? name : name, "\(error.path.isEmpty ? "" : "\(error.path): ")\(error.message)")
            }
        }
        func list(_ name: String) throws(InputError) -> [String] {
            do { return try CSVColumns.list(row[name] ?? "") } catch { throw fail(name, error.message) }
        }
        guard let kindText = value("kind"), let kind = PartnerKind.parse(kindText) else {
            throw fail("kind", "\"\(value("kind") ?? "")\" is not accepted; expected one of \(PartnerKind.acceptedValues)")
        }
        return Partner(
            id: value("id") ?? "", name: LocalizedText(en: value("name_en"), vi: value("name_vi")),
            aliases: try list("aliases"), iatiRefs: try list("iati_refs"),
            kind: kind, origin: value("origin") ?? "",
            instruments: try json("instruments", [InstrumentOffer].self) ?? [],
            sectorPriorities: try json("sector_priorities", [SectorPriority].self) ?? [],
            excludedSectors: try list("excluded_sectors"), themes: try list("themes"),
            eligibility: try json("eligibility", Eligibility.self) ?? Eligibility(),
            geography: try json("geography", GeographicFocus.self) ?? GeographicFocus(),
            recentVolume: try json("recent_volume", VolumeFigure.self),
            contacts: try json("contacts", [Contact].self) ?? [],
            applicationWindows: try json("application_windows", [ApplicationWindow].self) ?? [],
            sources: try json("sources", [Source].self) ?? [], notes: value("notes"))
    }

    /// The CSV row of this partner, in the order of `CSVColumns.partner`.
    public var csvFields: [String] {
        func json<T: Encodable>(_ v: T) -> String { CanonicalJSON.string(v) }
        return [
            id, name.en ?? "", name.vi ?? "", kind.rawValue, origin, CSVColumns.cell(aliases),
            CSVColumns.cell(iatiRefs), CSVColumns.cell(themes), CSVColumns.cell(excludedSectors),
            json(sectorPriorities), json(instruments), json(eligibility), json(geography),
            recentVolume.map { json($0) } ?? "", contacts.isEmpty ? "" : json(contacts),
            applicationWindows.isEmpty ? "" : json(applicationWindows), json(sources), notes ?? "",
        ]
    }
}

/// Deterministic JSON (sorted keys, no escaped slashes): what the store keeps and what
/// hashes are computed over.
public enum CanonicalJSON {
    public static func data<T: Encodable>(_ value: T, pretty: Bool = false) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own model types cannot fail: they hold only strings, finite numbers and arrays.
        return (try? e.encode(value)) ?? Data("null".utf8)
    }

    public static func string<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        String(decoding: data(value, pretty: pretty), as: UTF8.self)
    }
}
