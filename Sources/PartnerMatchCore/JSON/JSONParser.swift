/// A strict RFC 8259 JSON parser over UTF-8 bytes that keeps the position of every value.
///
/// Errors say where and what was expected: `3:17: expected ',' or '}' after a member,
/// found '"'`. Invalid UTF-8, control characters in strings, trailing commas, comments,
/// NaN and leading zeros are refused. Nesting is limited so hostile input cannot
/// exhaust the stack.
public struct JSONParser {
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var position: SourcePosition
        /// The member name when the error is a repeated member name: the text is
        /// valid JSON (RFC 8259 only says names SHOULD be unique), refused by choice.
        public var duplicateMember: String? = nil
        public var description: String { "\(position): \(message)" }
    }

    /// What to do with a member name that appears twice in one object.
    public enum DuplicateMembers: Sendable {
        /// An error at the second occurrence (the default: a repeated field is a mistake).
        case reject
        /// Keep both: only to check that the rest of the text is JSON.
        case allow
    }

    public static let maxDepth = 512

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private let base: SourcePosition
    private var duplicates = DuplicateMembers.reject
    private var cacheLineStart = -1
    private var cacheIndex = 0
    private var cacheColumn = 1

    /// Parses one whole document.
    public static func parse(_ bytes: [UInt8], startingAt base: SourcePosition = SourcePosition(line: 1, column: 1, offset: 0),
                             duplicateMembers: DuplicateMembers = .reject) throws(Error) -> JSONValue {
        var p = JSONParser(bytes: bytes, base: base)
        p.duplicates = duplicateMembers
        p.skipBOM()
        p.skipWhitespace()
        let v = try p.parseValue(depth: 0)
        p.skipWhitespace()
        if p.i < p.bytes.count {
            throw p.error("unexpected \(p.describeCurrent()) after the end of the JSON value", expected: nil)
        }
        return v
    }

    public static func parse(_ text: String) throws(Error) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private init(bytes: [UInt8], base: SourcePosition) {
        self.bytes = bytes
        self.base = base
    }

    private mutating func skipBOM() {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3; lineStart = 3 }
    }

    /// The position of byte `at`, counting columns in characters (UTF-8 lead bytes).
    private mutating func position(_ at: Int) -> SourcePosition {
        // Columns are counted from a cached point on the current line, so that long
        // single-line documents stay linear.
        if cacheLineStart != lineStart || cacheIndex > at { cacheLineStart = lineStart; cacheIndex = lineStart; cacheColumn = 1 }
        var col = cacheColumn
        var k = cacheIndex
        while k < at && k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        cacheIndex = k
        cacheColumn = col
        if line == 1 {
            return SourcePosition(line: base.line, column: base.column + col - 1, offset: base.offset + at)
        }
        return SourcePosition(line: base.line + line - 1, column: col, offset: base.offset + at)
    }

    private mutating func error(_ message: String, expected: String?, at: Int? = nil) -> Error {
        let msg = expected.map { "\(message); expected \($0)" } ?? message
        return Error(message: msg, position: position(at ?? i))
    }

    private func describeCurrent() -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(Error) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth) levels", expected: nil) }
        guard i < bytes.count else { throw error("unexpected end of input", expected: "a JSON value") }
        let start = position(i)
        switch bytes[i] {
        case UInt8(ascii: "{"): return JSONValue(try parseObject(depth: depth), at: start)
        case UInt8(ascii: "["): return JSONValue(try parseArray(depth: depth), at: start)
        case UInt8(ascii: "\""): return JSONValue(.string(try parseString()), at: start)
        case UInt8(ascii: "t"): try literal("true"); return JSONValue(.bool(true), at: start)
        case UInt8(ascii: "f"): try literal("false"); return JSONValue(.bool(false), at: start)
        case UInt8(ascii: "n"): try literal("null"); return JSONValue(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONValue(try parseNumber(), at: start)
        default:
            throw error("unexpected \(describeCurrent())", expected: "a JSON value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: String) throws(Error) {
        let w = Array(word.utf8)
        let n = w.count
        let ok = i + n <= bytes.count && (0..<n).allSatisfy { bytes[i + $0] == w[$0] }
        guard ok else { throw error("invalid literal", expected: "\(word)") }
        i += n
    }

    private mutating func parseObject(depth: Int) throws(Error) -> JSONValue.Node {
        i += 1
        var members: [JSONValue.Member] = []
        // Names seen so far, once the object is large enough for a linear scan to cost
        // more than hashing: the check stays O(n) for an object of 65,000 members.
        var seen: Set<String> = []
        skipWhitespace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()) in an object", expected: "a member name in double quotes")
            }
            let keyPos = position(i)
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()) after member name \"\(key)\"", expected: "':'")
            }
            i += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            let repeated: Bool
            if members.count < 16 {
                repeated = members.contains { $0.key == key }
            } else {
                if seen.isEmpty { seen = Set(members.map(\.key)) }
                repeated = !seen.insert(key).inserted
            }
            if repeated && duplicates == .reject {
                throw Error(message: "member \"\(key)\" appears twice in one object", position: keyPos, duplicateMember: key)
            }
            members.append(JSONValue.Member(key: key, keyPosition: keyPos, value: value))
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input in an object", expected: "',' or '}'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            throw error("unexpected \(describeCurrent()) after a member", expected: "',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws(Error) -> JSONValue.Node {
        i += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input in an array", expected: "',' or ']'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw error("unexpected \(describeCurrent()) after an array element", expected: "',' or ']'")
        }
    }

    private mutating func parseString() throws(Error) -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw error("unterminated string", expected: "a closing '\"'", at: open) }
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string", expected: "UTF-8 text", at: open)
                }
                return s
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { throw error("unterminated escape", expected: "an escape such as \\n or \\u00E9") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw error("lone high surrogate \\u\(String(scalar, radix: 16, uppercase: true))", expected: "a low surrogate after it")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair", expected: "a low surrogate (\\uDC00-\\uDFFF)") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw error("lone low surrogate", expected: "a high surrogate before it")
                    }
                    out.append(contentsOf: Array(String(UnicodeScalar(scalar)!).utf8))
                default:
                    throw error("invalid escape '\\\(Character(UnicodeScalar(e)))'", expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: i - 2)
                }
            case 0x00..<0x20:
                throw error("control character (0x\(String(b, radix: 16, uppercase: true))) inside a string", expected: "it escaped, e.g. \\n")
            default:
                out.append(b)
                i += 1
            }
        }
    }

    private mutating func hex4() throws(Error) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("truncated \\u escape", expected: "4 hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape", expected: "4 hex digits")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    private mutating func parseNumber() throws(Error) -> JSONValue.Node {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.i]) { p.i += 1 }
            return p.i - s
        }
        guard i < bytes.count else { throw error("'-' without digits", expected: "a number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                throw error("leading zero in a number", expected: "a number without leading zeros", at: start)
            }
        } else if digits(&self) == 0 {
            throw error("invalid number", expected: "digits", at: start)
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits(&self) == 0 { throw error("invalid number: no digits after '.'", expected: "digits after the decimal point") }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            if digits(&self) == 0 { throw error("invalid number: no digits in the exponent", expected: "digits after 'e'") }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let v = Double(text) else { throw error("invalid number \(text)", expected: "a number", at: start) }
        // A number too large for a Double is kept (as infinity, with its text): JSON allows
        // it, and the decoder refuses it with the field's name.
        return .number(v, text)
    }
}

import Foundation  // String(format:)
