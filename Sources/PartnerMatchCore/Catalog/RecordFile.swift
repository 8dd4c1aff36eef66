/// Reads partners or needs from the bytes of a JSON or CSV file, with every error
/// located by file, line, column and field.
///
/// JSON files may hold one record, an array of records, or an object with a
/// `"partners"` or `"needs"` array. CSV files use the columns of `Need+CSV.swift` and
/// `Partner+CSV.swift`. Records are validated and put in canonical form; ids must be
/// unique within a file.
public struct RecordFile: Sendable {
    public enum Format: String, Sendable {
        case json, csv
    }

    public let reference: ReferenceData

    public init(reference: ReferenceData) {
        self.reference = reference
    }

    /// The format from the file name, else from the first non-blank byte.
    public static func detectFormat(name: String, bytes: [UInt8]) -> Format {
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") { return .json }
        let first = bytes.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).first
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? .json : .csv
    }

    /// Parses and validates needs. Throws `InputErrors` listing every bad record, or the
    /// one header problem of a CSV file. `delimiter` forces a CSV separator (else it is
    /// told from the header line).
    public func needs(from bytes: [UInt8], file: String, format: Format? = nil, delimiter: CSV.Delimiter? = nil) throws(InputErrors) -> [Need] {
        let fmt = format ?? RecordFile.detectFormat(name: file, bytes: bytes)
        let located: [(Need?, InputError?, SourcePosition)]
        switch fmt {
        case .json:
            located = try jsonRecords(bytes, file: file, wrapper: "needs", label: "need") { (n: Need) throws(ValidationIssues) in try Validator(reference: reference).validate(n) }
        case .csv:
            located = try csvRecords(bytes, file: file, delimiter: delimiter, checkHeader: CSVColumns.checkNeedHeader) { fields, header, line throws(InputError) in
                try Need.fromCSV(fields: fields, header: header, file: file, line: line, rates: reference.rates)
            } validate: { (n: Need) throws(ValidationIssues) in try Validator(reference: reference).validate(n) }
        }
        return try collect(located, file: file, label: "need", id: \.id)
    }

    /// Parses and validates partners. Throws `InputErrors` listing every bad record, or
    /// the one header problem of a CSV file.
    public func partners(from bytes: [UInt8], file: String, format: Format? = nil, delimiter: CSV.Delimiter? = nil) throws(InputErrors) -> [Partner] {
        let fmt = format ?? RecordFile.detectFormat(name: file, bytes: bytes)
        let located: [(Partner?, InputError?, SourcePosition)]
        switch fmt {
        case .json:
            located = try jsonRecords(bytes, file: file, wrapper: "partners", label: "partner") { (p: Partner) throws(ValidationIssues) in try Validator(reference: reference).validate(p) }
        case .csv:
            located = try csvRecords(bytes, file: file, delimiter: delimiter, checkHeader: CSVColumns.checkPartnerHeader) { fields, header, line throws(InputError) in
                try Partner.fromCSV(fields: fields, header: header, file: file, line: line)
            } validate: { (p: Partner) throws(ValidationIssues) in try Validator(reference: reference).validate(p) }
        }
        return try collect(located, file: file, label: "partner", id: \.id)
    }

    private func collect<T>(_ located: [(T?, InputError?, SourcePosition)], file: String, label: String, id: KeyPath<T, String>) throws(InputErrors) -> [T] {
        var errors = located.compactMap { $0.1 }
        var seen: [String: Int] = [:]
        var out: [T] = []
        for (record, _, pos) in located {
            guard let record else { continue }
            let rid = record[keyPath: id]
            if let first = seen[rid] {
                errors.append(InputError(file: file, line: pos.line, column: pos.column, record: "\(label) \"\(rid)\"", field: "id",
                                         message: "duplicate id; the same id is already used at line \(first)"))
            } else {
                seen[rid] = pos.line
            }
            out.append(record)
        }
        if !errors.isEmpty { throw InputErrors(errors.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }) }
        return out
    }

    private func jsonRecords<T: Decodable>(
        _ bytes: [UInt8], file: String, wrapper: String, label: String,
        validate: (T) throws(ValidationIssues) -> T
    ) throws(InputErrors) -> [(T?, InputError?, SourcePosition)] {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw InputErrors([InputError(file: file, line: error.position.line, column: error.position.column, message: "malformed JSON: \(error.message)")])
        }
        var elements: [JSONValue]
        switch root.node {
        case .array(let items): elements = items
        case .object:
            if let inner = root[wrapper] {
                guard case .array(let items) = inner.node else {
                    throw InputErrors([InputError(file: file, line: inner.position.line, column: inner.position.column, field: wrapper, message: "expected an array of \(label)s, found \(inner.kindDescription)")])
                }
                elements = items
            } else {
                elements = [root]
            }
        default:
            throw InputErrors([InputError(file: file, line: root.position.line, column: root.position.column, message: "expected a \(label) object or an array of them, found \(root.kindDescription)")])
        }
        let decoder = JSONValueDecoder(rejectUnknownKeys: true)
        return elements.enumerated().map { index, element in
            let idText: String? = { if case .string(let s)? = element["id"]?.node { return s } else { return nil } }()
            let recordName = idText.map { "\(label) \"\($0)\"" } ?? "\(label) \(index + 1)"
            do throws(JSONValueDecoder.Failure) {
                let decoded = try decoder.decode(T.self, from: element)
                do throws(ValidationIssues) {
                    return (try validate(decoded), nil, element.position)
                } catch {
                    let first = error.issues[0]
                    let at = fieldPosition(element, path: first.field) ?? element.position
                    let more = error.issues.count > 1 ? " (and \(error.issues.count - 1) more: \(error.issues.dropFirst().map(\.description).joined(separator: "; ")))" : ""
                    return (nil, InputError(file: file, line: at.line, column: at.column, record: recordName, field: first.field, message: first.message + more), element.position)
                }
            } catch {
                return (nil, InputError(file: file, line: error.position.line, column: error.position.column, record: recordName, field: error.path, message: error.message), element.position)
            }
        }
    }

    /// The position of `a.b[2].c` inside a record, for validation issues.
    public func fieldPosition(_ record: JSONValue, path: String) -> SourcePosition? {
        var current = record
        var token = ""
        var tokens: [String] = []
        for ch in path {
            if ch == "." || ch == "[" || ch == "]" {
                if !token.isEmpty { tokens.append(token); token = "" }
            } else { token.append(ch) }
        }
        if !token.isEmpty { tokens.append(token) }
        for t in tokens {
            switch current.node {
            case .object: guard let v = current[t] else { return current.position }; current = v
            case .array(let items): guard let i = Int(t), items.indices.contains(i) else { return current.position }; current = items[i]
            default: return current.position
            }
        }
        return current.position
    }

    private func csvRecords<T>(
        _ bytes: [UInt8], file: String, delimiter: CSV.Delimiter?,
        checkHeader: ([String], String) throws(InputError) -> Void,
        make: ([String], [String], Int) throws(InputError) -> T,
        validate: (T) throws(ValidationIssues) -> T
    ) throws(InputErrors) -> [(T?, InputError?, SourcePosition)] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputErrors([InputError(file: file, line: 1, message: "the file is not UTF-8 text; expected a UTF-8 CSV file (Excel: Save As \"CSV UTF-8\")")])
        }
        let separator = (delimiter ?? CSV.detectDelimiter(headerOf: text)).character
        let rows: [CSV.Record]
        do { rows = try CSV.parse(text, separator: separator) } catch {
            throw InputErrors([InputError(file: file, line: error.line, column: error.column, message: "malformed CSV: \(error.message)")])
        }
        guard let headerRow = rows.first else {
            throw InputErrors([InputError(file: file, line: 1, message: "the file is empty; expected a header row and records")])
        }
        let header = headerRow.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        // A bad header would fail every record the same way: say it once and stop.
        do throws(InputError) { try checkHeader(header, file) } catch { throw InputErrors([error]) }
        return rows.dropFirst().map { row in
            let pos = SourcePosition(line: row.line, column: 1, offset: 0)
            if row.fields.count != header.count {
                return (nil, InputError(file: file, line: row.line, message: "\(row.fields.count) fields; expected \(header.count) as in the header row"), pos)
            }
            do throws(InputError) {
                let made = try make(row.fields, header, row.line)
                do throws(ValidationIssues) {
                    return (try validate(made), nil, pos)
                } catch {
                    let first = error.issues[0]
                    let col = CSVColumns.column(forField: first.field, header: header)
                    let more = error.issues.count > 1 ? " (and \(error.issues.count - 1) more: \(error.issues.dropFirst().map(\.description).joined(separator: "; ")))" : ""
                    return (nil, InputError(file: file, line: row.line, column: col.map { $0 + 1 }, field: first.field, message: first.message + more), pos)
                }
            } catch {
                return (nil, error, pos)
            }
        }
    }
}
