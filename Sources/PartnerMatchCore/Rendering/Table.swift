import Foundation

/// A rectangular result: what list commands print, in any `OutputFormat`.
///
/// Columns have a machine key (JSON, CSV header) and a human title (table, Markdown).
public struct Table: Sendable {
    public struct Column: Sendable {
        public var key: String
        public var title: String
        public var alignRight: Bool
        /// In terminal tables, longer cells are cut with "…" (machine formats keep all).
        public var maxWidth: Int?
        public init(_ key: String, _ title: String, alignRight: Bool = false, maxWidth: Int? = nil) {
            self.key = key
            self.title = title
            self.alignRight = alignRight
            self.maxWidth = maxWidth
        }
    }

    /// A cell: text for people, and a typed value for JSON.
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double, String)
        case null

        public var display: String {
            switch self {
            case .text(let s): return s
            case .number(_, let s): return s
            case .null: return ""
            }
        }
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Renders as text, Markdown or CSV: formats that never fail (numbers are shown as
    /// their display text).
    public func renderPlain(_ format: OutputFormat, bom: Bool = false) -> String {
        switch format {
        case .markdown: return markdown()
        case .csv: return CSV.write(header: columns.map(\.key), rows: rows.map { $0.map(\.display) }, bom: bom)
        default: return text()
        }
    }

    /// Renders in the format asked. `bom` applies to CSV only.
    /// - Throws: `JSONText.NonFiniteNumber` for a NaN or infinite number cell in JSON.
    /// `width` (the terminal's columns) fits a table to that many characters per line by
    /// cutting its longest text columns; nil (a pipe) keeps full rows.
    public func render(_ format: OutputFormat, bom: Bool = false, width: Int? = nil) throws(JSONText.NonFiniteNumber) -> String {
        switch format {
        case .table: return text(width: width)
        case .csv: return CSV.write(header: columns.map(\.key), rows: rows.map { $0.map(\.display) }, bom: bom)
        case .markdown: return markdown()
        case .json:
            var lines: [String] = []
            for r in rows { lines.append("  " + (try jsonObject(r))) }
            return "[" + (rows.isEmpty ? "" : "\n" + lines.joined(separator: ",\n") + "\n") + "]\n"
        case .jsonl:
            var out = ""
            for r in rows { out += try jsonObject(r) + "\n" }
            return out
        }
    }

    /// Display width of a string: characters, counting combining marks as zero.
    static func width(_ s: String) -> Int { s.precomposedStringWithCanonicalMapping.count }

    /// A cell as the terminal shows it: one line, cut to the column's maximum width.
    func shown(_ cell: Cell, _ column: Int) -> String {
        let s = cell.display.replacingOccurrences(of: "\n", with: " ").precomposedStringWithCanonicalMapping
        guard let m = columns[column].maxWidth else { return s }
        return Table.cut(s, to: m)
    }

    /// `s` in at most `m` characters: cut with "…" at the last word boundary that keeps at
    /// least half of the room (mid-word when a single word is that long).
    public static func cut(_ s: String, to m: Int) -> String {
        guard s.count > m else { return s }
        guard m > 1 else { return m == 1 ? "…" : "" }
        var head = String(s.prefix(m - 1))
        if s[s.index(s.startIndex, offsetBy: m - 1)] != " ", let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= (m - 1) / 2 {
            head = String(head[..<space])
        }
        while let last = head.last, last == " " || last == "," || last == ";" || last == ":" { head.removeLast() }
        return head + "…"
    }

    /// Column widths that fit `total` characters (two spaces between columns): the widest
    /// left-aligned column that can still give is narrowed, one character at a time, down
    /// to its title's width or 8; right-aligned columns (numbers) are never cut, and the
    /// first column (the id a user types next) only when the others cannot give more.
    static func fitted(_ widths: [Int], titles: [Int], right: [Bool], total: Int) -> [Int] {
        var w = widths
        let gaps = 2 * max(0, w.count - 1)
        // Passes: spare the first column and keep titles whole; then the first column too;
        // last, titles are cut as well (down to 5 characters) when the line is that narrow.
        for (protectFirst, floor) in [(true, { (i: Int) in max(titles[i], 8) }), (false, { (i: Int) in max(titles[i], 8) }), (false, { (_: Int) in 5 })] {
            while w.reduce(0, +) + gaps > total {
                let candidates = w.indices.filter { !right[$0] && w[$0] > floor($0) && !(protectFirst && $0 == 0) }
                guard let i = candidates.max(by: { w[$0] < w[$1] }) else { break }
                w[i] -= 1
            }
        }
        return w
    }

    func text(width total: Int? = nil) -> String {
        var cells = rows.map { r in r.indices.filter { $0 < columns.count }.map { shown(r[$0], $0) } }
        var widths = columns.map { Table.width($0.title) }
        for r in cells { for (i, c) in r.enumerated() { widths[i] = max(widths[i], Table.width(c)) } }
        if let total {
            let fit = Table.fitted(widths, titles: columns.map { Table.width($0.title) }, right: columns.map(\.alignRight), total: total)
            if fit != widths {
                widths = fit
                cells = cells.map { r in r.enumerated().map { i, c in Table.cut(c, to: widths[i]) } }
            }
        }
        func line(_ cells: [String], right: [Bool]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - Table.width(c)))
                let last = i == cells.count - 1
                parts.append(right[i] ? pad + c : (last ? c : c + pad))
            }
            return parts.joined(separator: "  ")
        }
        let right = columns.map(\.alignRight)
        var out = line(columns.indices.map { Table.cut(columns[$0].title, to: widths[$0]) }, right: right) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }, right: right) + "\n"
        for r in cells { out += line(r, right: right) + "\n" }
        return out
    }

    func markdown() -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "| " + columns.map { esc($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.alignRight ? " ---: |" : " --- |" }.joined() + "\n"
        for r in rows { out += "| " + r.map { esc($0.display) }.joined(separator: " | ") + " |\n" }
        return out
    }

    func jsonObject(_ row: [Cell]) throws(JSONText.NonFiniteNumber) -> String {
        var parts: [String] = []
        for (i, c) in row.enumerated() where i < columns.count {
            let v: String
            switch c {
            case .text(let s): v = JSONText.quote(s)
            case .number(let d, _): v = try JSONText.number(d)
            case .null: v = "null"
            }
            parts.append(JSONText.quote(columns[i].key) + ":" + v)
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

/// Minimal JSON text helpers for hand-written output.
public enum JSONText {
    public static func quote(_ s: String) -> String {
        // Fast path: most strings need no escaping (checked on the UTF-8 bytes).
        var needsEscape = false
        var s = s
        s.withUTF8 { bytes in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C { needsEscape = true; break }
        }
        if !needsEscape { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// A number that JSON cannot hold (NaN or an infinity). Writers refuse it rather
    /// than write `null`, which would read back as "no value" (issue 14, item 11);
    /// validation keeps such numbers out of every score and amount.
    public struct NonFiniteNumber: Error, Sendable, Hashable, CustomStringConvertible {
        public var value: Double
        public init(_ value: Double) { self.value = value }
        public var description: String { "a number that is not finite (\(value)) cannot be written as JSON; this is a bug: please report it with the input" }
    }

    /// A finite number as JSON: integers without a fraction, others as Swift prints them.
    /// - Throws: `NonFiniteNumber` for NaN and the infinities, never `null`.
    public static func number(_ d: Double) throws(NonFiniteNumber) -> String {
        guard d.isFinite else { throw NonFiniteNumber(d) }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
