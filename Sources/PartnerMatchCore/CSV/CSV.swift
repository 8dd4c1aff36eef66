/// RFC 4180 CSV: reading with line numbers, writing with quoting as Excel expects.
public enum CSV {
    /// One parsed record and the line it starts on (1-based).
    public struct Record: Sendable, Hashable {
        public var fields: [String]
        public var line: Int
        /// The 1-based column (in characters) where each field starts, for errors
        /// about one value.
        public var columns: [Int]
        /// Whether each field was written in double quotes: a quoted field is taken as
        /// written (its leading and trailing spaces are data), an unquoted one may be trimmed.
        public var quoted: [Bool]

        public init(fields: [String], line: Int, columns: [Int]? = nil, quoted: [Bool]? = nil) {
            self.fields = fields
            self.line = line
            self.columns = columns ?? Array(repeating: 1, count: fields.count)
            self.quoted = quoted ?? Array(repeating: false, count: fields.count)
        }
    }

    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Parses a whole CSV text. Accepts CRLF, LF or CR line ends, a UTF-8 byte-order
    /// mark, quoted fields with doubled quotes and embedded line breaks (kept as
    /// written); skips blank lines.
    public static func parse(_ text: String, separator: UInt8 = UInt8(ascii: ",")) throws(Error) -> [Record] {
        var records: [Record] = []
        var reader = Reader(source: MemoryByteSource(Array(text.utf8)), separator: separator)
        while let r = try reader.next() { records.append(r) }
        return records
    }

    /// `parse` with the separator as a character (`,` `;` or tab: one ASCII byte).
    public static func parse(_ text: String, separator: Character) throws(Error) -> [Record] {
        try parse(text, separator: separator.asciiValue ?? UInt8(ascii: ","))
    }

    /// A streaming reader over a byte source (a file read in chunks): memory is one
    /// chunk and the current record, whatever the file size.
    ///
    /// Strict where a lenient reader would lose records without a word: a quote inside
    /// an unquoted field, text after a closing quote, an unclosed quote and bytes that
    /// are not UTF-8 are errors at their line and column.
    public struct Reader<Source: XMLByteSource> {
        private var source: Source
        private var buffer: [UInt8]
        private var count = 0
        private var i = 0
        private var atEnd = false
        private var startedFile = false
        private let separator: UInt8
        /// Whether `"` quotes fields (RFC 4180). The OECD's CRS text files do not quote:
        /// a `"` in a title is a character like any other.
        private let quoting: Bool
        /// Position of the next byte: 1-based line, and column in characters.
        private var line = 1
        private var column = 1
        /// The last byte consumed was a CR: an LF right after it ends the same line.
        private var afterCR = false
        /// A read error of the source (the file cannot be read), rethrown by `next`.
        public private(set) var sourceError: (any Swift.Error)?

        public init(source: Source, separator: UInt8 = UInt8(ascii: ","), quoting: Bool = true, chunkSize: Int = 1 << 16) {
            self.source = source
            self.separator = separator
            self.quoting = quoting
            buffer = [UInt8](repeating: 0, count: max(4, chunkSize))
        }

        /// The next byte without consuming it, or nil at the end of the input.
        private mutating func peek() -> UInt8? {
            if i < count { return buffer[i] }
            if atEnd { return nil }
            do {
                count = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            } catch {
                sourceError = error
                count = 0
            }
            i = 0
            if count == 0 { atEnd = true; return nil }
            return buffer[0]
        }

        /// Consumes one byte, keeping line and column.
        private mutating func advance(_ b: UInt8) {
            i += 1
            if b == 0x0A {
                if !afterCR { line += 1 }
                column = 1
                afterCR = false
            } else if b == 0x0D {
                line += 1
                column = 1
                afterCR = true
            } else {
                afterCR = false
                if b & 0xC0 != 0x80 { column += 1 }
            }
        }

        private func text(_ bytes: [UInt8], line: Int, column: Int) throws(Error) -> String {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw Error(line: line, column: column, message: "the field is not valid UTF-8; expected a UTF-8 file (convert it with iconv -t UTF-8)")
            }
            return s
        }

        public mutating func next() throws(Error) -> Record? {
            if !startedFile {
                startedFile = true
                // A UTF-8 byte-order mark.
                if peek() == 0xEF {
                    var bom: [UInt8] = []
                    while bom.count < 3, let b = peek(), b == [0xEF, 0xBB, 0xBF][bom.count] { bom.append(b); i += 1 }
                    if bom.count != 3 { throw Error(line: 1, column: 1, message: "the file starts with bytes that are not UTF-8; expected a UTF-8 file") }
                }
            }
            // Skip blank lines.
            while let b = peek(), b == 0x0A || b == 0x0D { advance(b) }
            if let e = sourceError { throw Error(line: line, column: column, message: "the file cannot be read: \(e)") }
            guard peek() != nil else { return nil }
            let startLine = line
            var fields: [String] = []
            var columns: [Int] = []
            var quotedFlags: [Bool] = []
            var field: [UInt8] = []
            var fieldLine = line, fieldColumn = column
            var quoted = false
            var wasQuoted = false
            func finishField(_ r: inout Self) throws(Error) {
                fields.append(try r.text(field, line: fieldLine, column: fieldColumn))
                columns.append(fieldColumn)
                quotedFlags.append(wasQuoted)
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            }
            while true {
                guard let b = peek() else {
                    if let e = sourceError { throw Error(line: line, column: column, message: "the file cannot be read: \(e)") }
                    if quoted { throw Error(line: fieldLine, column: fieldColumn, message: "a quoted field is not closed before the end of the file") }
                    break
                }
                if quoted {
                    if b == 0x22 {
                        advance(b)
                        if peek() == 0x22 { field.append(0x22); advance(0x22); continue }
                        quoted = false
                        if let n = peek(), n != separator, n != 0x0A, n != 0x0D {
                            throw Error(line: line, column: column, message: "unexpected character after a closing quote; expected a separator or the end of the line")
                        }
                        continue
                    }
                    field.append(b)
                    advance(b)
                    continue
                }
                if b == separator {
                    try finishField(&self)
                    advance(b)
                    fieldLine = line
                    fieldColumn = column
                    continue
                }
                if b == 0x0A || b == 0x0D {
                    advance(b)
                    if b == 0x0D, peek() == 0x0A { advance(0x0A) }
                    break
                }
                if b == 0x22 && quoting {
                    if field.isEmpty && !wasQuoted { quoted = true; wasQuoted = true; advance(b); continue }
                    throw Error(line: line, column: column, message: "quote inside an unquoted field; expected the whole field in double quotes with inner quotes doubled")
                }
                field.append(b)
                advance(b)
            }
            try finishField(&self)
            return Record(fields: fields, line: startLine, columns: columns, quoted: quotedFlags)
        }
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
