/// A mapping file: how the columns of a tabular export become evidence activities.
///
/// A small declarative JSON language (documented in `docs/evidence.md`):
///
///     {"idPrefix": "KOICA-",
///      "fixed":   {"funderName": "Korea International Cooperation Agency", "currency": "USD", "recipientCountry": "VN"},
///      "columns": {"id": "id", "title": "project_name",
///                  "commitment": {"column": "usd_amount"},
///                  "period": {"column": "duration", "date": "YYYY-MM-DD~YYYY-MM-DD"},
///                  "instrument": {"column": "type_of_cooperation", "values": {"Invitation of Trainees": "training"}}}}
///
/// `columns` maps activity fields to CSV columns (a column name, or an object with
/// `column` and the options `multiplier`, `date`, `separator`, `values`); `fixed` gives
/// fields a value for every row (the KOICA and World Bank exports have no funder column);
/// `numberFormat` states how amounts are written (`{"decimal": ",", "grouping": "."}`
/// for `1.234,5`; without it a decimal point and no grouping).
public struct EvidenceMapping: Sendable {
    /// The activity fields a mapping can fill.
    public enum Field: String, Sendable, CaseIterable, Hashable {
        case id, projectID, title, funderName, funderRef, implementer, status
        case startDate, endDate, period, year
        case commitment, disbursement, budget, currency
        case sector, provinces, recipientCountry, instrument, financeType, aidType

        var isAmount: Bool { self == .commitment || self == .disbursement || self == .budget }
        var isDate: Bool { self == .startDate || self == .endDate || self == .period || self == .year }
        var isList: Bool { self == .sector || self == .provinces || self == .recipientCountry }
    }

    /// Date formats of the `date` option.
    public indirect enum DateFormat: Sendable, Hashable {
        case isoDate, monthDayYear, dayMonthYear, year
        case range(DateFormat, DateFormat)

        public static let accepted = "YYYY-MM-DD, M/D/YYYY, D/M/YYYY, YYYY, or two of them joined by ~ (a range, for period)"

        init?(_ text: String) {
            let parts = text.split(separator: "~", omittingEmptySubsequences: false)
            if parts.count == 2 {
                guard let a = DateFormat(String(parts[0])), let b = DateFormat(String(parts[1])) else { return nil }
                if case .range = a { return nil }
                if case .range = b { return nil }
                self = .range(a, b)
                return
            }
            switch text.trimmingCharacters(in: .whitespaces).uppercased() {
            case "YYYY-MM-DD": self = .isoDate
            case "M/D/YYYY", "MM/DD/YYYY": self = .monthDayYear
            case "D/M/YYYY", "DD/MM/YYYY": self = .dayMonthYear
            case "YYYY": self = .year
            default: return nil
            }
        }

        /// The ISO date (`YYYY-MM-DD`, or `YYYY`) of a value, or nil when it does not fit.
        func parse(_ text: String) -> String? {
            let t = text.trimmedSpaces
            func valid(_ y: Int, _ m: Int, _ d: Int) -> String? {
                guard (1800...2200).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
                // "%04d-%02d-%02d" without `String(format:)` (a tenth of a CSV import's
                // CPU): the year has four digits in this range.
                return "\(y)-" + (m < 10 ? "0" : "") + "\(m)-" + (d < 10 ? "0" : "") + "\(d)"
            }
            switch self {
            case .year:
                guard t.count == 4, let y = Int(t), (1800...2200).contains(y) else { return nil }
                return t
            case .isoDate:
                let p = t.prefix(10).split(separator: "-")
                guard t.count >= 10, p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
                return valid(y, m, d)
            case .monthDayYear, .dayMonthYear:
                let p = t.split(separator: "/")
                guard p.count == 3, p[2].count == 4, let a = Int(p[0]), let b = Int(p[1]), let y = Int(p[2]) else { return nil }
                return self == .monthDayYear ? valid(y, a, b) : valid(y, b, a)
            case .range:
                return nil
            }
        }
    }

    /// How one field is read from a column.
    public struct ColumnRule: Sendable, Hashable {
        /// The column, or the first of `columns`.
        public var column: String
        /// Several columns whose values (the non-empty ones) are joined with `join`:
        /// `["DonorName", "AgencyName"]` names the CRS agency with its donor ("Japan /
        /// Ministry of Foreign Affairs"), `["Year", "DonorCode", "CrsID"]` makes an id.
        public var columns: [String] = []
        public var join = " / "
        /// Keep only the items of the (separated) list whose item at the same position in
        /// `whereColumn` is one of `whereValues`: the IATI Datastore writes each
        /// transaction's value and type as two parallel lists in two cells.
        public var whereColumn: String?
        /// In order of preference: a single field takes the item of the first value found
        /// (`["2", "1"]`: the actual start date, else the planned one).
        public var whereValues: [String] = []
        public var multiplier: Double?
        public var date: DateFormat?
        public var separator: String?
        public var values: [String: String]?
        /// Where the rule is written in the mapping file.
        public var position: SourcePosition
    }

    /// How the export writes amounts: its decimal separator and its digit-grouping
    /// separator (none when nil). An amount written otherwise (`225,26` where the
    /// decimal is a point, `0x10`, `1.234,5` in a file of points) is an error at its
    /// line and column: read another way it would silently become another number.
    public struct NumberFormat: Sendable, Hashable {
        public var decimal: Character
        public var grouping: Character?

        public static let standard = NumberFormat(decimal: ".", grouping: nil)
        static let decimals: [Character] = [".", ","]
        static let groupings: [Character] = [",", ".", " ", "'", "\u{00A0}", "\u{202F}"]

        public init(decimal: Character, grouping: Character?) {
            self.decimal = decimal
            self.grouping = grouping
        }

        /// `1234.5` (decimal point), `1,234.5` (grouping `,`), `-3.2E3`.
        public var example: String {
            let g = grouping.map { "1\($0)234\($0)567\(decimal)5" }
            return "1234567\(decimal)5" + (g.map { " or \($0)" } ?? "")
        }

        /// The value of `text`, or nil when it is not a number in this format: an
        /// optional sign, digits (grouped by threes when the format groups; grouping is
        /// optional), an optional decimal part and an optional exponent.
        public func parse(_ text: String) -> Double? {
            var digits = ""
            var chars = Array(text)
            var k = 0
            if k < chars.count, chars[k] == "-" || chars[k] == "+" { if chars[k] == "-" { digits.append("-") }; k += 1 }
            // The integer part, with its groups.
            var groupLengths: [Int] = [0]
            while k < chars.count {
                let c = chars[k]
                if c.isASCII && c.isNumber { digits.append(c); groupLengths[groupLengths.count - 1] += 1; k += 1; continue }
                if let grouping, c == grouping, c != decimal { groupLengths.append(0); k += 1; continue }
                break
            }
            guard groupLengths[0] > 0 else { return nil }
            if groupLengths.count > 1 {
                guard groupLengths[0] <= 3, groupLengths.dropFirst().allSatisfy({ $0 == 3 }) else { return nil }
            }
            if k < chars.count, chars[k] == decimal {
                k += 1
                var n = 0
                digits.append(".")
                while k < chars.count, chars[k].isASCII, chars[k].isNumber { digits.append(chars[k]); k += 1; n += 1 }
                guard n > 0 else { return nil }
            }
            if k < chars.count, chars[k] == "e" || chars[k] == "E" {
                digits.append("e"); k += 1
                if k < chars.count, chars[k] == "-" || chars[k] == "+" { digits.append(chars[k]); k += 1 }
                var n = 0
                while k < chars.count, chars[k].isASCII, chars[k].isNumber { digits.append(chars[k]); k += 1; n += 1 }
                guard n > 0 else { return nil }
            }
            chars = []
            guard k == text.count, let d = Double(digits), d.isFinite else { return nil }
            return d
        }
    }

    /// The mapping file's name (it becomes the activities' `sourceFormat`: `csv:koica.json`).
    public var name: String
    public var idPrefix: String
    /// Language of titles, when the export says it.
    public var language: String?
    public var columns: [Field: ColumnRule]
    public var fixed: [Field: String]
    public var numberFormat = NumberFormat.standard
    /// The field separator (`|` in the OECD's CRS files) and whether `"` quotes fields.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var quoting = true
    /// Rows to keep: those whose `column` holds one of `values` (CRS: RecipientCode 769,
    /// Viet Nam); the others are counted, reported and not read further.
    public var keepRows: RowFilter?
    /// What a repeated id means: an error (default), or rows of one activity to merge
    /// (the CRS has a row per activity, year and purpose: `"repeatedIds": "merge"`).
    public var mergeRepeatedIDs = false
    /// Catalog partners each funder is (folded funder name or ref -> partner ids).
    public var partners: [String: [String]] = [:]

    public struct RowFilter: Sendable, Hashable {
        public var column: String
        public var values: Set<String>
        /// What the kept rows are (`Viet Nam`), for the report.
        public var label: String
        public var position: SourcePosition
    }

    // MARK: Reading a mapping file

    /// Parses and checks a mapping file. Every problem is reported with its line and column.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputErrors) -> EvidenceMapping {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw InputErrors([InputError(file: file, line: error.position.line, column: error.position.column, message: "malformed JSON: \(error.message)")])
        }
        var errors: [InputError] = []
        func fail(_ at: SourcePosition, _ field: String?, _ message: String) {
            errors.append(InputError(file: file, line: at.line, column: at.column, field: field, message: message))
        }
        guard case .object(let members) = root.node else {
            throw InputErrors([InputError(file: file, line: root.position.line, column: root.position.column, message: "expected a JSON object with \"columns\" (and \"fixed\", \"idPrefix\")")])
        }
        let allowedTop = ["columns", "fixed", "idPrefix", "language", "numberFormat", "delimiter", "quoting", "keepRows", "repeatedIds", "partners", "description", "notes", "source"]
        var mapping = EvidenceMapping(name: String(file.split(separator: "/").last ?? Substring(file)), idPrefix: "", language: nil, columns: [:], fixed: [:])
        let fieldNames = Field.allCases.map(\.rawValue).joined(separator: ", ")
        for m in members {
            switch m.key {
            case "idPrefix", "language":
                guard case .string(let s) = m.value.node else { fail(m.value.position, m.key, "expected a string, found \(m.value.kindDescription)"); continue }
                if m.key == "idPrefix" { mapping.idPrefix = s } else { mapping.language = s }
            case "description", "notes", "source":
                break
            case "delimiter":
                guard case .string(let d) = m.value.node, d.utf8.count == 1, let b = d.utf8.first, [",", ";", "\t", "|"].contains(d) else {
                    fail(m.value.position, "delimiter", "expected one of \",\", \";\", \"\\t\" or \"|\""); continue
                }
                mapping.delimiter = b
            case "quoting":
                guard case .bool(let q) = m.value.node else { fail(m.value.position, "quoting", "expected true (fields may be in double quotes) or false (a quote is a character)"); continue }
                mapping.quoting = q
            case "repeatedIds":
                guard case .string(let r) = m.value.node, r == "error" || r == "merge" else { fail(m.value.position, "repeatedIds", "expected \"error\" or \"merge\""); continue }
                mapping.mergeRepeatedIDs = r == "merge"
            case "keepRows":
                guard case .object(let opts) = m.value.node else { fail(m.value.position, "keepRows", "expected {\"column\": ..., \"values\": [...], \"label\": ...}"); continue }
                var filter = RowFilter(column: "", values: [], label: "", position: m.value.position)
                for o in opts {
                    switch (o.key, o.value.node) {
                    case ("column", .string(let c)): filter.column = c
                    case ("label", .string(let l)): filter.label = l
                    case ("values", .array(let vs)):
                        for v in vs {
                            switch v.node {
                            case .string(let x): filter.values.insert(x)
                            case .number(_, let text): filter.values.insert(text)
                            default: fail(v.position, "keepRows.values", "expected a string or a number")
                            }
                        }
                    default: fail(o.keyPosition, "keepRows.\(o.key)", "unknown option or wrong type; expected column (a string), values (an array) and label (a string)")
                    }
                }
                if filter.column.isEmpty || filter.values.isEmpty { fail(m.value.position, "keepRows", "expected a column and at least one value"); continue }
                if filter.label.isEmpty { filter.label = filter.column + " " + filter.values.sorted().joined(separator: ", ") }
                mapping.keepRows = filter
            case "partners":
                guard case .object(let links) = m.value.node else { fail(m.value.position, "partners", "expected an object of funder name: [partner ids]"); continue }
                for l in links {
                    guard case .array(let ids) = l.value.node, !ids.isEmpty else { fail(l.value.position, "partners.\(l.key)", "expected an array of catalog partner ids"); continue }
                    var list: [String] = []
                    for id in ids {
                        guard case .string(let x) = id.node, !x.isEmpty else { fail(id.position, "partners.\(l.key)", "expected a partner id (a string)"); continue }
                        list.append(x)
                    }
                    let key = TextFolding.fold(l.key)
                    if mapping.partners[key] != nil { fail(l.keyPosition, "partners.\(l.key)", "repeats another funder that folds to the same name; expected each funder once") }
                    mapping.partners[key] = list
                }
            case "numberFormat":
                guard case .object(let opts) = m.value.node else { fail(m.value.position, "numberFormat", "expected an object such as {\"decimal\": \".\", \"grouping\": \",\"}"); continue }
                for o in opts {
                    let p = "numberFormat.\(o.key)"
                    switch (o.key, o.value.node) {
                    case ("decimal", .string(let d)):
                        guard d.count == 1, let c = d.first, NumberFormat.decimals.contains(c) else { fail(o.value.position, p, "\"\(d)\" is not a decimal separator; expected \".\" or \",\""); continue }
                        mapping.numberFormat.decimal = c
                    case ("grouping", .string(let g)):
                        if g.isEmpty { mapping.numberFormat.grouping = nil; continue }
                        guard g.count == 1, let c = g.first, NumberFormat.groupings.contains(c) else { fail(o.value.position, p, "\"\(g)\" is not a digit-grouping separator; expected \",\", \".\", \" \", \"'\" or \"\" (none)"); continue }
                        mapping.numberFormat.grouping = c
                    case ("grouping", .null):
                        mapping.numberFormat.grouping = nil
                    case ("decimal", _), ("grouping", _):
                        fail(o.value.position, p, "expected a string of one character, found \(o.value.kindDescription)")
                    default:
                        fail(o.keyPosition, p, "unknown option; expected decimal or grouping")
                    }
                }
                if mapping.numberFormat.grouping == mapping.numberFormat.decimal {
                    fail(m.value.position, "numberFormat", "the decimal and the grouping separator are both \"\(mapping.numberFormat.decimal)\"; expected two different characters")
                }
            case "fixed":
                guard case .object(let fs) = m.value.node else { fail(m.value.position, "fixed", "expected an object of field: value"); continue }
                for f in fs {
                    guard let field = Field(rawValue: f.key) else {
                        let near = TextFolding.nearest(f.key, among: Field.allCases.map(\.rawValue), limit: 1).first.map { "did you mean \"\($0)\"? " } ?? ""
                        fail(f.keyPosition, "fixed.\(f.key)", "unknown field; \(near)expected one of: \(fieldNames)"); continue
                    }
                    switch f.value.node {
                    case .string(let s): mapping.fixed[field] = s
                    case .number(_, let text): mapping.fixed[field] = text
                    case .null: break
                    default: fail(f.value.position, "fixed.\(f.key)", "expected a string or a number, found \(f.value.kindDescription)")
                    }
                    if field == .instrument, let v = mapping.fixed[field], Instrument(rawValue: v) == nil {
                        fail(f.value.position, "fixed.instrument", "\"\(v)\" is not an instrument; expected one of \(Instrument.acceptedValues)")
                    }
                }
            case "columns":
                guard case .object(let cs) = m.value.node else { fail(m.value.position, "columns", "expected an object of field: column"); continue }
                for c in cs {
                    let path = "columns.\(c.key)"
                    guard let field = Field(rawValue: c.key) else {
                        let near = TextFolding.nearest(c.key, among: Field.allCases.map(\.rawValue), limit: 1).first.map { "did you mean \"\($0)\"? " } ?? ""
                        fail(c.keyPosition, path, "unknown field; \(near)expected one of: \(fieldNames)"); continue
                    }
                    if let rule = parseRule(c.value, field: field, path: path, fail: fail) { mapping.columns[field] = rule }
                }
            default:
                let near = TextFolding.nearest(m.key, among: allowedTop, limit: 1).first.map { "did you mean \"\($0)\"? " } ?? ""
                fail(m.keyPosition, m.key, "unknown key; \(near)expected one of: \(allowedTop.joined(separator: ", "))")
            }
        }
        if errors.isEmpty {
            if mapping.columns[.id] == nil { fail(root.position, "columns.id", "missing; every mapping names the column that identifies a row") }
            if mapping.columns[.funderName] == nil && mapping.columns[.funderRef] == nil && mapping.fixed[.funderName] == nil && mapping.fixed[.funderRef] == nil {
                fail(root.position, "fixed.funderName", "missing; expected the funder as a column (columns.funderName) or a fixed value (fixed.funderName), since evidence is about who funded")
            }
            for (field, _) in mapping.columns where mapping.fixed[field] != nil {
                fail(root.position, field.rawValue, "given both in columns and in fixed; expected one of them")
            }
        }
        if !errors.isEmpty { throw InputErrors(errors.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }) }
        return mapping
    }

    private static func parseRule(_ v: JSONValue, field: Field, path: String, fail: (SourcePosition, String?, String) -> Void) -> ColumnRule? {
        if case .string(let s) = v.node {
            if field == .period { fail(v.position, path, "a period needs a date range format; expected {\"column\": \"\(s)\", \"date\": \"YYYY-MM-DD~YYYY-MM-DD\"}"); return nil }
            return ColumnRule(column: s, position: v.position)
        }
        guard case .object(let opts) = v.node else { fail(v.position, path, "expected a column name or an object with \"column\""); return nil }
        var rule = ColumnRule(column: "", position: v.position)
        var ok = true
        for o in opts {
            let p = "\(path).\(o.key)"
            switch (o.key, o.value.node) {
            case ("column", .string(let s)): rule.column = s
            case ("column", .array(let names)):
                let cs = names.compactMap { n -> String? in if case .string(let x) = n.node, !x.isEmpty { return x }; return nil }
                guard cs.count == names.count, !cs.isEmpty else { fail(o.value.position, p, "expected column names (strings)"); ok = false; continue }
                rule.column = cs[0]
                rule.columns = cs
            case ("join", .string(let j)): rule.join = j
            case ("where", .object(let w)):
                for e in w {
                    switch (e.key, e.value.node) {
                    case ("column", .string(let c)): rule.whereColumn = c
                    case ("values", .array(let vs)):
                        for v in vs {
                            switch v.node {
                            case .string(let x): rule.whereValues.append(x)
                            case .number(_, let text): rule.whereValues.append(text)
                            default: fail(v.position, "\(p).values", "expected a string or a number"); ok = false
                            }
                        }
                    default: fail(e.keyPosition, "\(p).\(e.key)", "expected column (a string) and values (an array)"); ok = false
                    }
                }
                if rule.whereColumn == nil || rule.whereValues.isEmpty { fail(o.value.position, p, "expected {\"column\": ..., \"values\": [...]}"); ok = false }
            case ("multiplier", .number(let d, _)):
                guard field.isAmount, d > 0, d.isFinite else { fail(o.value.position, p, field.isAmount ? "expected a positive number (1000000 for amounts in millions)" : "a multiplier applies to commitment, disbursement or budget only"); ok = false; continue }
                rule.multiplier = d
            case ("date", .string(let s)):
                guard field.isDate else { fail(o.value.position, p, "a date format applies to startDate, endDate, period or year only"); ok = false; continue }
                guard let f = DateFormat(s) else { fail(o.value.position, p, "unknown date format \"\(s)\"; expected \(DateFormat.accepted)"); ok = false; continue }
                if case .range = f, field != .period { fail(o.value.position, p, "a date range applies to period only; expected a single date format"); ok = false; continue }
                if field == .period, case .range = f {} else if field == .period { fail(o.value.position, p, "a period needs a range format such as YYYY-MM-DD~YYYY-MM-DD"); ok = false; continue }
                rule.date = f
            case ("separator", .string(let s)):
                guard !s.isEmpty else { fail(o.value.position, p, "expected a non-empty separator such as \"|\""); ok = false; continue }
                rule.separator = s
            case ("values", .object(let vs)):
                var map: [String: String] = [:]
                for e in vs {
                    switch e.value.node {
                    case .string(let s):
                        if field == .instrument && Instrument(rawValue: s) == nil {
                            fail(e.value.position, "\(p).\(e.key)", "\"\(s)\" is not an instrument; expected one of \(Instrument.acceptedValues)"); ok = false
                        }
                        map[e.key] = s
                    case .null: map[e.key] = ""
                    default: fail(e.value.position, "\(p).\(e.key)", "expected a string (or null to drop the value)"); ok = false
                    }
                }
                rule.values = map
            case ("column", _), ("multiplier", _), ("date", _), ("separator", _), ("values", _), ("join", _), ("where", _):
                fail(o.value.position, p, "wrong type: \(o.value.kindDescription)"); ok = false
            default:
                fail(o.keyPosition, p, "unknown option; expected column, multiplier, date, separator, values, join or where"); ok = false
            }
        }
        if rule.column.isEmpty { fail(v.position, "\(path).column", "missing; expected the CSV column name"); return nil }
        if rule.whereColumn != nil && rule.separator == nil { fail(v.position, "\(path).separator", "missing; where selects items of a list, so the list needs a separator"); return nil }
        if field == .period && rule.date == nil { fail(v.position, "\(path).date", "missing; a period needs a range format such as YYYY-MM-DD~YYYY-MM-DD"); return nil }
        return ok ? rule : nil
    }

    // MARK: Applying a mapping

    /// What reading a CSV with a mapping gave.
    public struct Result: Sendable {
        /// The activities kept, when read with `read(_:file:context:)`; empty when
        /// they were handed to a callback as they were read.
        public var activities: [EvidenceActivity]
        public var warnings: EvidenceWarnings
        public var skippedByCountry: Int
        public var rows: Int
        /// Rows left out by the mapping's `keepRows` (CRS rows of other recipients).
        public var skippedByFilter = 0
    }

    /// Reads every row of `text` (a CSV with a header line) and keeps the activities.
    public func read(_ text: String, file: String, context: EvidenceContext) throws(InputErrors) -> Result {
        var kept: [EvidenceActivity] = []
        var result: Result
        do {
            result = try read(MemoryByteSource(Array(text.utf8)), file: file, context: context) { kept.append($0) }
        } catch let e as InputErrors {
            throw e
        } catch {
            throw InputErrors([InputError(file: file, message: "\(error)")])
        }
        result.activities = kept
        return result
    }

    /// Reads a CSV (a header line, then rows) from a byte source record by record and
    /// hands each activity that passes the country filter to `each`: memory is one
    /// record, whatever the file size.
    ///
    /// A value that does not fit its rule (a date: real exports have typos such as the
    /// year "0196") is left empty and counted in a warning with its line; but when a rule
    /// fails on most of its values the mapping is wrong, and that is an error located at
    /// the first bad line. An amount not written in the mapping's number format, a row
    /// with more or fewer fields than the header, a repeated header column, and the
    /// structural problems (quoting, a missing column, an empty or repeated id) are
    /// errors with their line (and column): the caller, which writes the activities in
    /// one transaction, rolls it back when this throws.
    ///
    /// - Throws: `InputErrors` for the file's problems (at most 50), or what `each` throws.
    public func read<Source: XMLByteSource>(_ source: Source, file: String, context: EvidenceContext, each: (EvidenceActivity) throws -> Void) throws -> Result {
        var reader = CSV.Reader(source: TextDecodingSource(source), separator: delimiter, quoting: quoting)
        func record() throws(InputErrors) -> CSV.Record? {
            do { return try reader.next() } catch {
                throw InputErrors([InputError(file: file, line: error.line, column: error.column, message: error.message)])
            }
        }
        guard let header = try record() else { throw InputErrors([InputError(file: file, line: 1, message: "the file is empty; expected a header line")]) }
        var index: [String: Int] = [:]
        var caseless: [String: Int] = [:]
        var errors: [InputError] = []
        for (i, h) in header.fields.enumerated() {
            let name = h.trimmingCharacters(in: .whitespaces)
            if let first = index[name] {
                errors.append(InputError(file: file, line: header.line, column: header.columns[i], field: name,
                                         message: "column \"\(name)\" repeats column \(first + 1); expected each column name once (which one would the mapping mean?)"))
                continue
            }
            index[name] = i
            if caseless[name.lowercased()] == nil { caseless[name.lowercased()] = i }
        }
        // A column by its name, else by its name in another case (the CRS has written
        // `CrsID` and `CRSid` in different releases).
        func find(_ column: String, _ field: String, _ at: SourcePosition) -> Int? {
            if let i = index[column] ?? caseless[column.lowercased()] { return i }
            errors.append(InputError(file: file, line: 1, field: column,
                                     message: "column named by the mapping \(name) (\(field), at \(at)) is not in the header; columns are: \(header.fields.joined(separator: ", "))"))
            return nil
        }
        var resolved: [(field: Field, rule: ColumnRule, indices: [Int], whereIndex: Int?)] = []
        for (field, rule) in columns.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let names = rule.columns.isEmpty ? [rule.column] : rule.columns
            let indices = names.compactMap { find($0, field.rawValue, rule.position) }
            let w = rule.whereColumn.flatMap { find($0, field.rawValue + ".where", rule.position) }
            guard indices.count == names.count, (rule.whereColumn == nil) == (w == nil) else { continue }
            resolved.append((field, rule, indices, w))
        }
        let keepIndex = keepRows.flatMap { find($0.column, "keepRows", $0.position) }
        if !errors.isEmpty { throw InputErrors(errors) }
        let rules = Dictionary(uniqueKeysWithValues: resolved.map { ($0.field, $0.rule) })
        var result = Result(activities: [], warnings: EvidenceWarnings(), skippedByCountry: 0, rows: 0)
        var seen: [String: Int] = [:]
        var tried: [Field: Int] = [:]
        var failed: [Field: (first: InputError, count: Int)] = [:]
        var places = PlaceMemo()
        // With `repeatedIds: merge`, the kept activities wait for the end of the file
        // (their rows may be anywhere in it): memory grows with the rows kept, not read.
        var held: [EvidenceActivity] = []
        while let record = try record() {
            result.rows += 1
            if record.fields.count != header.fields.count {
                errors.append(InputError(file: file, line: record.line, message: "\(record.fields.count) fields; expected \(header.fields.count) as in the header line (a ragged row: a missing or an extra separator?)"))
                if errors.count >= 50 { break }
                continue
            }
            if let keepRows, let k = keepIndex, !keepRows.values.contains(record.fields[k].trimmedSpacesAndNewlines) {
                result.skippedByFilter += 1
                continue
            }
            var values: [Field: String] = fixed
            var at: [Field: Int] = [:]
            for (field, rule, indices, whereIndex) in resolved {
                var v: String
                if indices.count == 1 {
                    v = record.fields[indices[0]].trimmedSpacesAndNewlines
                } else {
                    v = indices.map { record.fields[$0].trimmedSpacesAndNewlines }.filter { !$0.isEmpty }.joined(separator: rule.join)
                }
                if let w = whereIndex, let separator = rule.separator {
                    let items = v.components(separatedBy: separator)
                    let keys = record.fields[w].trimmedSpacesAndNewlines.components(separatedBy: separator)
                    if !v.isEmpty && items.count != keys.count {
                        errors.append(InputError(file: file, line: record.line, column: record.columns[indices[0]], field: rule.column,
                                                 message: "\(items.count) items, but \(keys.count) in \(rule.whereColumn ?? ""); expected one \(rule.whereColumn ?? "") for each item"))
                        continue
                    }
                    let pairs = zip(items, keys).map { ($0.0.trimmedSpaces, rule.whereValues.firstIndex(of: $0.1.trimmedSpaces)) }
                    let chosen = pairs.filter { $0.1 != nil && !$0.0.isEmpty }
                    // Amounts and lists keep every chosen item; other fields the most preferred.
                    v = field.isAmount || field.isList ? chosen.map(\.0).joined(separator: separator)
                        : (chosen.min { $0.1! < $1.1! }?.0 ?? "")
                }
                else if let separator = rule.separator, !field.isAmount, !field.isList {
                    // A list in a cell of a single field (titles in several languages): the first.
                    v = v.components(separatedBy: separator).first?.trimmedSpaces ?? ""
                }
                if v.isEmpty { continue }
                if let map = rule.values {
                    if let mapped = map[v] { v = mapped } else {
                        result.warnings.add("values not in the value map of \(field.rawValue) (left empty)", example: v)
                        continue
                    }
                    if v.isEmpty { continue }
                }
                values[field] = v
                at[field] = record.columns[indices[0]]
                tried[field, default: 0] += 1
            }
            do {
                var problems: [(Field, InputError)] = []
                var a = try activity(values, rules: rules, columns: at, line: record.line, file: file, taxonomy: context.reference.sectors, problems: &problems)
                for (field, p) in problems {
                    if failed[field] == nil { failed[field] = (p, 1) } else { failed[field]!.count += 1 }
                    result.warnings.add("values that do not fit their rule (left empty)", example: "line \(p.line ?? 0) \(p.field ?? ""): \(p.message.prefix { $0 != ";" })")
                }
                if !partners.isEmpty { link(&a, funderName: values[.funderName], rule: rules[.funderName], warnings: &result.warnings) }
                context.finish(&a, warnings: &result.warnings, places: &places)
                if let previous = seen[a.identifier] {
                    if mergeRepeatedIDs {
                        if previous >= 0 { EvidenceMapping.merge(a, into: &held[previous]) }
                        continue
                    }
                    errors.append(InputError(file: file, line: record.line, column: at[.id], field: columns[.id]?.column, message: "id \"\(a.identifier)\" repeats line \(previous); expected one row per activity"))
                    if errors.count >= 50 { break }
                    continue
                }
                if !context.keeps(a) {
                    // A merged id keeps the first row's verdict (-1: skipped).
                    seen[a.identifier] = mergeRepeatedIDs ? -1 : record.line
                    result.skippedByCountry += 1
                    continue
                }
                if mergeRepeatedIDs {
                    seen[a.identifier] = held.count
                    held.append(a)
                    continue
                }
                seen[a.identifier] = record.line
                // Nothing reaches the caller once the file is known to be bad.
                if errors.isEmpty { try each(a) }
            } catch let e as InputErrors {
                errors += e.errors
                if errors.count >= 50 { break }
            }
        }
        for (field, f) in failed.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where f.count >= 3 && f.count * 2 > (tried[field] ?? 0) {
            var e = f.first
            e.message += " (and \(f.count - 1) more of \(tried[field] ?? 0) values: is the mapping's rule for \(field.rawValue) right?)"
            errors.append(e)
        }
        if !errors.isEmpty { throw InputErrors(Array(errors.prefix(50))) }
        for a in held { try each(a) }
        return result
    }

    /// Gives the funder the catalog partners the mapping's `partners` names for it: by
    /// the whole funder name ("Japan / Japan International Co-operation Agency"), else by
    /// the value of each of its columns in turn ("Japan"). A funder the map does not name
    /// keeps its links by ref and alias only, and is counted in a warning.
    private func link(_ a: inout EvidenceActivity, funderName: String?, rule: ColumnRule?, warnings: inout EvidenceWarnings) {
        guard let name = funderName, let i = a.participants.firstIndex(where: { $0.role == .funding }) else { return }
        var keys = [name]
        if let rule, rule.columns.count > 1 { keys += name.components(separatedBy: rule.join) }
        for k in keys {
            if let ids = partners[TextFolding.fold(k)] {
                a.participants[i].org.partners = ids
                return
            }
        }
        warnings.add("funders not named in the mapping's partners (linked by alias or ref only)", example: name)
    }

    /// Adds a repeated row of one activity to it: its amounts (each row's commitments and
    /// disbursements are of its year), sectors, places, countries and dates it lacked.
    static func merge(_ b: EvidenceActivity, into a: inout EvidenceActivity) {
        a.transactions += b.transactions
        a.budgets += b.budgets
        for s in b.sectors where !a.sectors.contains(where: { $0.code == s.code && $0.vocabulary == s.vocabulary }) {
            a.sectors.append(s)
        }
        // Several purposes in one activity: their shares are not stated (equal parts).
        if a.sectors.count > 1 { for k in a.sectors.indices { a.sectors[k].percentage = nil } }
        for l in b.locations where !a.locations.contains(l) { a.locations.append(l) }
        for c in b.recipientCountries where !a.recipientCountries.contains(where: { $0.code == c.code }) { a.recipientCountries.append(c) }
        for d in b.dates where !a.dates.contains(where: { $0.kind == d.kind }) { a.dates.append(d) }
        if a.titles.isEmpty { a.titles = b.titles }
        if a.statedInstrument == nil { a.statedInstrument = b.statedInstrument }
        if a.defaultFinanceType == nil { a.defaultFinanceType = b.defaultFinanceType }
        if a.defaultAidType == nil { a.defaultAidType = b.defaultAidType }
    }

    private func activity(_ v: [Field: String], rules: [Field: ColumnRule], columns at: [Field: Int], line: Int, file: String, taxonomy: SectorTaxonomy, problems: inout [(Field, InputError)]) throws(InputErrors) -> EvidenceActivity {
        var errors: [(Field, InputError)] = []
        var fatal: [InputError] = []
        func bad(_ field: Field, _ message: String) {
            errors.append((field, InputError(file: file, line: line, column: at[field], field: rules[field]?.column ?? "fixed.\(field.rawValue)", message: message)))
        }
        guard let rawID = v[.id], !rawID.isEmpty else {
            throw InputErrors([InputError(file: file, line: line, column: at[.id], field: rules[.id]?.column, message: "the id is empty; expected every row to have one")])
        }
        var a = EvidenceActivity(identifier: idPrefix + rawID, sourceFormat: "csv:" + name)
        a.projectID = v[.projectID] ?? rawID
        if let t = v[.title] { a.titles = [Narrative(lang: language, text: t)] }
        if v[.funderName] != nil || v[.funderRef] != nil {
            a.participants.append(EvidenceParticipant(org: EvidenceOrg(ref: v[.funderRef], name: v[.funderName]), role: .funding, roleText: "funding"))
        }
        if let i = v[.implementer] { a.participants.append(EvidenceParticipant(org: EvidenceOrg(name: i), role: .implementing, roleText: "implementing")) }
        if let s = v[.status] { a.status = IATICodes.status(code: nil, text: s) }
        func date(_ field: Field, _ text: String) -> String? {
            let format = rules[field]?.date ?? .isoDate
            if let d = format.parse(text) { return d }
            bad(field, "\"\(text)\" is not a date of the form \(describe(format)); expected the format the mapping declares")
            return nil
        }
        if let s = v[.startDate], let d = date(.startDate, s) { a.dates.append(ActivityDate(kind: .startActual, date: d)) }
        if let s = v[.endDate], let d = date(.endDate, s) { a.dates.append(ActivityDate(kind: .endActual, date: d)) }
        if let s = v[.period], case .range(let f1, let f2) = rules[.period]?.date ?? .range(.isoDate, .isoDate) {
            let parts = s.split(separator: "~", omittingEmptySubsequences: false).map { String($0) }
            if parts.count == 2, let d1 = f1.parse(parts[0]), let d2 = f2.parse(parts[1]) {
                if !a.dates.contains(where: { $0.kind == .startActual }) { a.dates.append(ActivityDate(kind: .startActual, date: d1)) }
                if !a.dates.contains(where: { $0.kind == .endActual }) { a.dates.append(ActivityDate(kind: .endActual, date: d2)) }
            } else {
                bad(.period, "\"\(s)\" is not a range of the form \(describe(.range(f1, f2)))")
            }
        }
        if let s = v[.year] {
            let format = rules[.year]?.date ?? .year
            if let d = format.parse(s) {
                // The year places the activity when no start date was given.
                if !a.dates.contains(where: { $0.kind == .startActual }) { a.dates.append(ActivityDate(kind: .startActual, date: String(d.prefix(4)))) }
            } else {
                bad(.year, "\"\(s)\" is not a year of the form \(describe(format))")
            }
        }
        let currency = v[.currency]?.uppercased()
        let when = a.startDate
        for field in [Field.commitment, .disbursement, .budget] {
            guard let text = v[field] else { continue }
            // A list of amounts (a separator, as the IATI Datastore writes transactions)
            // is summed; each must be a number.
            var sum = 0.0
            var bad: String?
            for s in split(text, rules[field]?.separator) {
                if let x = numberFormat.parse(s) { sum += x } else { bad = s; break }
            }
            if let s = bad {
                fatal.append(InputError(file: file, line: line, column: at[field], field: rules[field]?.column ?? "fixed.\(field.rawValue)",
                                        message: "\"\(s)\" is not an amount in the mapping's number format; expected a number such as \(numberFormat.example) (decimal \"\(numberFormat.decimal)\", " + (numberFormat.grouping.map { "digits grouped by \"\($0)\"" } ?? "no digit grouping") + "; change numberFormat in \(name) if the file writes numbers otherwise)"))
                continue
            }
            let m = Money(value: sum * (rules[field]?.multiplier ?? 1), currency: currency, date: when)
            switch field {
            case .commitment: a.transactions.append(EvidenceTransaction(kind: .commitment, typeCode: "2", money: m))
            case .disbursement: a.transactions.append(EvidenceTransaction(kind: .disbursement, typeCode: "3", money: m))
            default: a.budgets.append(m)
            }
        }
        if let s = v[.sector] {
            let codes = split(s, rules[.sector]?.separator)
            for code in codes {
                let vocabulary = code.count == 3 ? "2" : "1"
                a.sectors.append(EvidenceSector.classify(vocabulary: vocabulary, code: code, percentage: codes.count == 1 ? 100 : nil, taxonomy: taxonomy))
            }
        }
        if let s = v[.provinces] { a.locations = split(s, rules[.provinces]?.separator).map { EvidenceLocation(name: $0) } }
        if let s = v[.recipientCountry] {
            let codes = split(s, rules[.recipientCountry]?.separator)
            a.recipientCountries = codes.map { CodeShare(code: $0.uppercased(), percentage: codes.count == 1 ? 100 : nil) }
        }
        if let s = v[.instrument] {
            if let i = Instrument(rawValue: s) { a.statedInstrument = i } else { bad(.instrument, "\"\(s)\" is not an instrument; expected one of \(Instrument.acceptedValues) (or a value map)") }
        }
        a.defaultFinanceType = v[.financeType]
        a.defaultAidType = v[.aidType]
        if !fatal.isEmpty { throw InputErrors(fatal) }
        problems = errors
        return a
    }

    private func split(_ s: String, _ separator: String?) -> [String] {
        guard let separator else { return [s] }
        return s.components(separatedBy: separator).map(\.trimmedSpaces).filter { !$0.isEmpty }
    }

    private func describe(_ f: DateFormat) -> String {
        switch f {
        case .isoDate: return "YYYY-MM-DD"
        case .monthDayYear: return "M/D/YYYY"
        case .dayMonthYear: return "D/M/YYYY"
        case .year: return "YYYY"
        case .range(let a, let b): return describe(a) + "~" + describe(b)
        }
    }
}
