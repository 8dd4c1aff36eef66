import Foundation

extension Partner {
    /// Builds a partner from one CSV row. Simple fields are plain text (lists joined with
    /// `|`); nested ones (instruments with their status and ceiling, sources, the
    /// bilingual notes...) are JSON in their cell, so a CSV export is lossless. A notes
    /// cell of plain text (older files) is read as English.
    public static func fromCSV(fields: [String], header: [String], file: String, line: Int) throws(InputError) -> Partner {
        try CSVColumns.checkHeader(header, known: CSVColumns.partner, required: CSVColumns.partnerRequired, file: file, line: line)
        var row: [String: String] = [:]
        for (h, f) in zip(header, fields) { row[h] = f }
        func fail(_ column: String, _ message: String) -> InputError {
            InputError(file: file, line: line, column: header.firstIndex(of: column).map { $0 + 1 }, record: row["id"].map { "partner \"\($0)\"" }, field: column, message: message)
        }
        func value(_ name: String) -> String? { row[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
        func json<T: Decodable>(_ name: String, _ type: T.Type) throws(InputError) -> T? {
            guard let text = value(name) else { return nil }
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(text) } catch { throw fail(name, "malformed JSON in the cell at \(error.position): \(error.message)") }
            do { return try JSONValueDecoder().decode(T.self, from: parsed) } catch {
                throw fail(error.path.isEmpty ? name : name, "\(error.path.isEmpty ? "" : "\(error.path): ")\(error.message)")
            }
        }
        // Notes: a JSON object {"en", "vi"} (what export writes), or plain text read as English.
        func freeText(_ name: String) throws(InputError) -> LocalizedText? {
            guard let text = value(name) else { return nil }
            return text.hasPrefix("{") ? try json(name, LocalizedText.self) : LocalizedText(en: text)
        }
        guard let kindText = value("kind"), let kind = PartnerKind.parse(kindText) else {
            throw fail("kind", "\"\(value("kind") ?? "")\" is not accepted; expected one of \(PartnerKind.acceptedValues)")
        }
        return Partner(
            id: value("id") ?? "", name: LocalizedText(en: value("name_en"), vi: value("name_vi")),
            aliases: CSVColumns.list(row["aliases"] ?? ""), iatiRefs: CSVColumns.list(row["iati_refs"] ?? ""),
            kind: kind, origin: value("origin") ?? "",
            instruments: try json("instruments", [InstrumentOffer].self) ?? [],
            sectorPriorities: try json("sector_priorities", [SectorPriority].self) ?? [],
            excludedSectors: CSVColumns.list(row["excluded_sectors"] ?? ""), themes: CSVColumns.list(row["themes"] ?? ""),
            eligibility: try json("eligibility", Eligibility.self) ?? Eligibility(),
            geography: try json("geography", GeographicFocus.self) ?? GeographicFocus(),
            recentVolume: try json("recent_volume", VolumeFigure.self),
            contacts: try json("contacts", [Contact].self) ?? [],
            applicationWindows: try json("application_windows", [ApplicationWindow].self) ?? [],
            sources: try json("sources", [Source].self) ?? [], notes: try freeText("notes"))
    }

    /// The CSV row of this partner, in the order of `CSVColumns.partner`.
    /// - Throws: `JSONText.NonFiniteNumber` if a nested figure is not finite (validation
    ///   keeps them finite).
    public var csvFields: [String] {
        get throws(JSONText.NonFiniteNumber) { try _csvFields() }
    }

    private func _csvFields() throws(JSONText.NonFiniteNumber) -> [String] {
        func json<T: Encodable>(_ v: T) throws(JSONText.NonFiniteNumber) -> String { try CanonicalJSON.string(v) }
        return try [
            id, name.en ?? "", name.vi ?? "", kind.rawValue, origin, aliases.joined(separator: "|"),
            iatiRefs.joined(separator: "|"), themes.joined(separator: "|"), excludedSectors.joined(separator: "|"),
            json(sectorPriorities), json(instruments), json(eligibility), json(geography),
            recentVolume.map { v throws(JSONText.NonFiniteNumber) in try json(v) } ?? "", contacts.isEmpty ? "" : json(contacts),
            applicationWindows.isEmpty ? "" : json(applicationWindows), json(sources), notes.map { v throws(JSONText.NonFiniteNumber) in try json(v) } ?? "",
        ]
    }
}

/// Deterministic JSON (sorted keys, no escaped slashes): what the store keeps and what
/// hashes are computed over.
public enum CanonicalJSON {
    /// - Throws: `JSONText.NonFiniteNumber` when the value holds NaN or an infinity
    ///   (the only way JSONEncoder fails on our types): never a document of `null`.
    public static func data<T: Encodable>(_ value: T, pretty: Bool = false) throws(JSONText.NonFiniteNumber) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        do { return try e.encode(value) } catch {
            if case EncodingError.invalidValue(let v, _) = error, let d = v as? Double { throw JSONText.NonFiniteNumber(d) }
            if case EncodingError.invalidValue(let v, _) = error, let f = v as? Float { throw JSONText.NonFiniteNumber(Double(f)) }
            throw JSONText.NonFiniteNumber(.nan)
        }
    }

    public static func string<T: Encodable>(_ value: T, pretty: Bool = false) throws(JSONText.NonFiniteNumber) -> String {
        String(decoding: try data(value, pretty: pretty), as: UTF8.self)
    }
}
