/// RFC 4180 CSV: reading with line numbers, writing with quoting as Excel expects.
public enum CSV {
    /// One parsed record and the line it starts on (1-based).
    public struct Record: Sendable, Hashable {
        public var fields: [String]
        public var line: Int
    }

    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Parses a whole CSV text. Accepts CRLF or LF line ends, a UTF-8 byte-order mark,
    /// quoted fields with doubled quotes and embedded line breaks; skips blank lines.
    public static func parse(_ text: String, separator: Character = ",") throws(Error) -> [Record] {
        var records: [Record] = []
        var reader = Reader(text: text, separator: separator)
        while let r = try reader.next() { records.append(r) }
        return records
    }

    /// An incremental reader, so that large files can be streamed record by record.
    public struct Reader {
        private var scalars: [Character]
        private var i = 0
        private var line = 1
        private var lineStart = 0
        private let separator: Character

        public init(text: String, separator: Character = ",") {
            var chars = Array(text)
            if chars.first == "\u{FEFF}" { chars.removeFirst() }
            scalars = chars
            self.separator = separator
        }

        public mutating func next() throws(Error) -> Record? {
            while i < scalars.count {
                // Skip blank lines.
                if scalars[i] == "\n" || scalars[i] == "\r\n" || scalars[i] == "\r" { newline(); continue }
                break
            }
            guard i < scalars.count else { return nil }
            let startLine = line
            var fields: [String] = []
            var field = ""
            var quoted = false
            var fieldStarted = false
            while i < scalars.count {
                let c = scalars[i]
                if quoted {
                    if c == "\"" {
                        if i + 1 < scalars.count && scalars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                        quoted = false; i += 1
                        if i < scalars.count && scalars[i] != separator && !isLineEnd(scalars[i]) {
                            throw Error(line: line, column: i - lineStart + 1, message: "unexpected character after a closing quote; expected a separator or the end of the line")
                        }
                        continue
                    }
                    if isLineEnd(c) { field.append("\n"); newline(); continue }
                    field.append(c); i += 1
                    continue
                }
                if c == "\"" && !fieldStarted && field.isEmpty { quoted = true; fieldStarted = true; i += 1; continue }
                if c == separator { fields.append(field); field = ""; fieldStarted = false; i += 1; continue }
                if isLineEnd(c) { newline(); break }
                if c == "\"" {
                    throw Error(line: line, column: i - lineStart + 1, message: "quote inside an unquoted field; expected the whole field in double quotes with inner quotes doubled")
                }
                field.append(c); fieldStarted = true; i += 1
            }
            if quoted { throw Error(line: startLine, column: 1, message: "a quoted field is not closed before the end of the file") }
            fields.append(field)
            return Record(fields: fields, line: startLine)
        }

        private func isLineEnd(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }
        private mutating func newline() { i += 1; line += 1; lineStart = i }
    }

    /// The separators a CSV file may use: `,` (RFC 4180), `;` (what Excel writes under
    /// Vietnamese and most European regional settings, where `,` is the decimal mark)
    /// and tab.
    public enum Delimiter: String, Sendable, CaseIterable {
        case comma, semicolon, tab

        public var character: Character {
            switch self {
            case .comma: ","
            case .semicolon: ";"
            case .tab: "\t"
            }
        }

        /// Accepts the names (`comma`, `semicolon`, `tab`) and the characters themselves
        /// (`,` `;` `\t`, or the two characters `\` `t`).
        public init?(argument: String) {
            switch argument.lowercased() {
            case "comma", ",": self = .comma
            case "semicolon", ";": self = .semicolon
            case "tab", "\t", "\\t": self = .tab
            default: return nil
            }
        }

        public static let expected = "comma (,), semicolon (;) or tab"
    }

    /// The separator of a CSV text, told from its header line: the one of `,` `;` and tab
    /// that occurs most often outside quotes (comma on a tie or when none occurs). A
    /// header names columns, so it holds no decimal commas to mislead the count.
    public static func detectDelimiter<S: StringProtocol>(headerOf text: S) -> Delimiter {
        var counts: [Delimiter: Int] = [:]
        var quoted = false
        var first = true
        for c in text {
            if first { first = false; if c == "\u{FEFF}" { continue } }
            if c == "\"" { quoted.toggle(); continue }
            if !quoted && (c == "\n" || c == "\r\n" || c == "\r") { break }
            if quoted { continue }
            switch c {
            case ",": counts[.comma, default: 0] += 1
            case ";": counts[.semicolon, default: 0] += 1
            case "\t": counts[.tab, default: 0] += 1
            default: break
            }
        }
        var best = Delimiter.comma
        for d in [Delimiter.semicolon, .tab] where counts[d, default: 0] > counts[best, default: 0] { best = d }
        return best
    }

    /// Quotes a field when it holds a separator, a quote, a line break or leading/trailing space.
    public static func escape(_ field: String, separator: Character = ",") -> String {
        if field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r") || field.hasPrefix(" ") || field.hasSuffix(" ") {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// Writes rows as RFC 4180 with CRLF line ends; `bom` prefixes a UTF-8 byte-order
    /// mark so that Excel opens Vietnamese text correctly.
    public static func write(header: [String], rows: [[String]], bom: Bool = false) -> String {
        var out = bom ? "\u{FEFF}" : ""
        out += header.map { escape($0) }.joined(separator: ",") + "\r\n"
        for r in rows { out += r.map { escape($0) }.joined(separator: ",") + "\r\n" }
        return out
    }
}
