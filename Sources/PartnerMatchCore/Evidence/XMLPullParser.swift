/// Where an XML parser reads its bytes from: a file read in chunks, or memory in tests.
public protocol XMLByteSource {
    /// Fills `buffer` from the start with up to `buffer.count` bytes; 0 at the end.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int
}

/// Bytes already in memory.
public struct MemoryByteSource: XMLByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    /// `chunk` limits each read, so that tests can exercise token boundaries.
    private let chunk: Int
    public init(_ bytes: [UInt8], chunk: Int = 1 << 20) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }
    public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, chunk)
        for k in 0..<n { buffer[k] = bytes[offset + k] }
        offset += n
        return n
    }
}

/// A malformed or refused document, located at 1-based line and column (in characters).
public struct XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): \(message)" }
}

/// What the parser reports, in document order.
public enum XMLEvent: Sendable, Hashable {
    /// An element opens; `<a/>` gives `start` then `end`.
    case start(name: String, attributes: [XMLAttribute])
    case end(name: String)
    /// Character data (entities decoded, CDATA included) that is not only whitespace.
    case text(String)
}

public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A streaming (pull) XML parser over a byte source: memory stays at one buffer
/// (1 MiB, grown only for a single token longer than that) whatever the file size.
///
/// It checks what an import needs to trust the file: well-formedness (one root,
/// balanced tags, quoted attributes, no duplicate attributes), UTF-8 (a declared other
/// encoding, a UTF-16 byte-order mark or an invalid byte is an error, never mangled),
/// the five predefined entities and numeric character references. A DOCTYPE that
/// declares entities (the "billion laughs" expansion bomb) or points at an external
/// DTD, and any undeclared entity, are refused: IATI files need neither.
///
///     var p = XMLPullParser(source: MemoryByteSource(Array("<a x='1'>hi</a>".utf8)))
///     while let e = try p.next() { print(e) }   // start a [x=1], text "hi", end a
public struct XMLPullParser<Source: XMLByteSource> {
    public static var maxTokenBytes: Int { XMLScanner.maxTokenBytes }
    public static var maxDepth: Int { XMLScanner.maxDepth }

    /// The parser itself is not generic: a generic struct's methods, called from another
    /// module, run unspecialised (field offsets and metadata looked up at run time), which
    /// cost a third of an import. The source is called once per chunk, through an existential.
    var scanner: XMLScanner

    public init(source: Source, chunkSize: Int = 1 << 20) {
        scanner = XMLScanner(source: source, chunkSize: chunkSize)
    }

    /// The version attribute of the root element, once read.
    public var rootAttributes: [XMLAttribute] { scanner.rootAttributes }
    /// Bytes consumed so far (for progress and throughput).
    public var bytesRead: Int { scanner.bytesRead }
    /// The current depth of open elements.
    public var depth: Int { scanner.depth }

    /// The next event, or nil at the end of a well-formed document.
    public mutating func next() throws(XMLError) -> XMLEvent? { try scanner.next() }
}

/// The pull parser's state and logic (see `XMLPullParser`).
struct XMLScanner {
    static var maxTokenBytes: Int { 64 << 20 }
    static var maxDepth: Int { 1024 }

    private var source: any XMLByteSource
    private var buf: [UInt8]
    private var pos = 0
    private var end = 0
    private var eof = false
    private let chunkSize: Int
    // Position of buf[0] in the document.
    private var lineAtStart = 1
    private var columnAtStart = 1
    private var discarded = 0

    private var stack: [String] = []
    private var pendingEnd: String?
    private var sawRoot = false
    private var rootClosed = false
    private var sawAnything = false
    private var started = false

    /// The version attribute of the root element, once read.
    private(set) var rootAttributes: [XMLAttribute] = []

    init(source: any XMLByteSource, chunkSize: Int = 1 << 20) {
        self.source = source
        self.chunkSize = max(16, chunkSize)
        buf = [UInt8](repeating: 0, count: self.chunkSize)
    }

    /// Bytes consumed so far (for progress and throughput).
    var bytesRead: Int { discarded + pos }

    /// The current depth of open elements.
    var depth: Int { stack.count }

    // MARK: Buffer

    /// Reads more bytes, keeping `buf[pos...]` (moved to the front, so `pos` becomes 0:
    /// callers keep offsets relative to `pos`). Returns false at the end of input.
    private mutating func refill() throws(XMLError) -> Bool {
        if eof { return false }
        let keepFrom = pos
        if keepFrom > 0 {
            advancePosition(over: 0..<keepFrom)
            let keep = end - keepFrom
            if keep > 0 { buf.withUnsafeMutableBufferPointer { b in b.baseAddress!.update(from: b.baseAddress! + keepFrom, count: keep) } }
            discarded += keepFrom
            pos -= keepFrom
            end = keep
        }
        if end + chunkSize > buf.count {
            if end > Self.maxTokenBytes { throw errorAt(0, "a single tag or text is longer than \(Self.maxTokenBytes >> 20) MiB; expected an IATI file") }
            buf.append(contentsOf: [UInt8](repeating: 0, count: end + chunkSize - buf.count))
        }
        let n: Int
        do {
            let start = end, size = chunkSize
            n = try buf.withUnsafeMutableBufferPointer { b in
                try source.read(into: UnsafeMutableBufferPointer(rebasing: b[start..<(start + size)]))
            }
        } catch {
            throw errorAt(end, "cannot read: \(error)")
        }
        if n == 0 { eof = true; return false }
        end += n
        return true
    }

    private mutating func advancePosition(over range: Range<Int>) {
        var line = lineAtStart, col = columnAtStart
        buf.withUnsafeBufferPointer { p in
            for k in range {
                let b = p[k]
                if b == 0x0A { line += 1; col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
            }
        }
        lineAtStart = line
        columnAtStart = col
    }

    /// Line and column of `buf[index]`.
    private func location(_ index: Int) -> (Int, Int) {
        var line = lineAtStart, col = columnAtStart
        for k in 0..<min(index, end) {
            let b = buf[k]
            if b == 0x0A { line += 1; col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
        }
        return (line, col)
    }

    private func errorAt(_ index: Int, _ message: String) -> XMLError {
        let (l, c) = location(index)
        return XMLError(line: l, column: c, message: message)
    }

    // MARK: Events

    /// The next event, or nil at the end of a well-formed document.
    mutating func next() throws(XMLError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            return try closed(name)
        }
        if !started { try start() }
        while true {
            if pos >= end {
                if try !refill() { return try finish() }
                continue
            }
            if buf[pos] == UInt8(ascii: "<") {
                if let e = try markup() { return e }
            } else {
                if let e = try text() { return e }
            }
        }
    }

    private mutating func finish() throws(XMLError) -> XMLEvent? {
        if let open = stack.last {
            throw errorAt(end, "unexpected end of file: <\(open)> is not closed; the file is truncated or malformed")
        }
        if !sawRoot { throw errorAt(end, sawAnything ? "no root element; expected an <iati-activities> document" : "the file is empty; expected an XML document") }
        return nil
    }

    private mutating func closed(_ name: String) throws(XMLError) -> XMLEvent {
        stack.removeLast()
        if stack.isEmpty { rootClosed = true }
        return .end(name: name)
    }

    /// Byte-order marks and the XML declaration.
    private mutating func start() throws(XMLError) {
        started = true
        while end < 4 && !eof { _ = try refill() }
        if end >= 2 && ((buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF)) {
            throw XMLError(line: 1, column: 1, message: "the file is UTF-16 (byte-order mark); expected UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8")
        }
        if end >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF {
            pos = 3
            _ = try refill()
            columnAtStart = 1
        }
        if end - pos >= 2 && buf[pos] == 0 || (end - pos >= 2 && buf[pos + 1] == 0) {
            throw errorAt(pos, "the file holds NUL bytes (UTF-16 or UTF-32 without a byte-order mark?); expected UTF-8")
        }
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// Character data up to the next `<`.
    private mutating func text() throws(XMLError) -> XMLEvent? {
        var k = pos
        var hasEntity = false
        var allSpace = true
        while true {
            // Scanned through a pointer (no bounds check per byte); a control character
            // stops the scan and is reported below.
            var control = -1
            let stop = end
            buf.withUnsafeBufferPointer { p in
                while k < stop {
                    let b = p[k]
                    if b == UInt8(ascii: "<") { break }
                    if b == UInt8(ascii: "&") { hasEntity = true; allSpace = false } else if b < 0x20 {
                        if b != 0x0A && b != 0x09 && b != 0x0D { control = k; break }
                    } else if b != 0x20 { allSpace = false }
                    k += 1
                }
            }
            if control >= 0 { throw errorAt(control, String(format: "control character 0x%02X in text; expected text", buf[control])) }
            if k < end || eof { break }
            let rel = k - pos
            let more = try refill()
            k = pos + rel
            if !more { break }
        }
        return try emitText(from: pos, to: k, hasEntity: hasEntity, allSpace: allSpace)
    }

    private mutating func emitText(from a: Int, to b: Int, hasEntity: Bool, allSpace: Bool) throws(XMLError) -> XMLEvent? {
        pos = b
        if allSpace { return nil }
        sawAnything = true
        if stack.isEmpty {
            throw errorAt(a, rootClosed ? "text after the end of the root element; expected the end of the file" : "text before the root element; expected '<'")
        }
        let s = hasEntity ? try decode(a, b) : try string(a, b)
        return .text(s)
    }

    /// Markup starting at `<`: a tag, a comment, CDATA, a processing instruction or a DOCTYPE.
    private mutating func markup() throws(XMLError) -> XMLEvent? {
        // Make sure a few bytes are there to tell the kind.
        while end - pos < 9 && !eof { _ = try refill() }
        let p = pos
        if end - p >= 2 && buf[p + 1] == UInt8(ascii: "/") { return try endTag() }
        if end - p >= 4 && buf[p + 1] == UInt8(ascii: "!") && buf[p + 2] == UInt8(ascii: "-") && buf[p + 3] == UInt8(ascii: "-") {
            let close = try find([0x2D, 0x2D, 0x3E], from: p + 4, what: "comment", opened: p)  // -->
            try validateUTF8(pos, close)
            pos = close + 3
            sawAnything = true
            return nil
        }
        if end - p >= 9 && matches(p + 1, "![CDATA[") {
            let close = try find([0x5D, 0x5D, 0x3E], from: pos + 9, what: "CDATA section", opened: pos)  // ]]>
            let a = pos + 9
            if stack.isEmpty { throw errorAt(pos, "CDATA outside the root element") }
            let s = try string(a, close)
            pos = close + 3
            return s.allSatisfy(\.isWhitespace) ? nil : .text(s)
        }
        if end - p >= 9 && matches(p + 1, "!DOCTYPE") { try doctype(); return nil }
        if end - p >= 2 && buf[p + 1] == UInt8(ascii: "?") {
            let close = try find([0x3F, 0x3E], from: p + 2, what: "processing instruction", opened: p)  // ?>
            try processingInstruction(pos + 2, close)
            pos = close + 2
            return nil
        }
        if end - p >= 2 && buf[p + 1] == UInt8(ascii: "!") {
            throw errorAt(p, "unexpected '<!'; expected a comment, CDATA or an element")
        }
        return try startTag()
    }

    private func matches(_ at: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard at + n <= end else { return false }
        let p = s.utf8Start
        for k in 0..<n where buf[at + k] != p[k] { return false }
        return true
    }

    /// The index of `needle` at or after `from`, refilling as needed.
    private mutating func find(_ needle: [UInt8], from: Int, what: String, opened: Int) throws(XMLError) -> Int {
        var k = from
        while true {
            while k + needle.count <= end {
                if buf[k] == needle[0] {
                    var ok = true
                    for j in 1..<needle.count where buf[k + j] != needle[j] { ok = false; break }
                    if ok { return k }
                }
                k += 1
            }
            let rel = k - pos, relOpened = opened - pos
            if try !refill() {
                throw errorAt(pos + relOpened, "unexpected end of file inside a \(what); the file is truncated or malformed")
            }
            k = pos + rel
        }
    }

    private mutating func processingInstruction(_ a: Int, _ b: Int) throws(XMLError) {
        try validateUTF8(a, b)
        let body = String(decoding: buf[a..<b], as: UTF8.self)
        let target = body.prefix { !$0.isWhitespace }
        if target.lowercased() == "xml" {
            if discarded + pos != 0 && !(discarded + pos == 3 && lineAtStart == 1) {
                throw errorAt(pos, "the XML declaration must come first in the file")
            }
            if let enc = pseudoAttribute("encoding", in: body) {
                let e = enc.uppercased().replacingOccurrences(of: "_", with: "-")
                if !["UTF-8", "UTF8", "US-ASCII", "ASCII"].contains(e) {
                    throw errorAt(pos, "the file declares encoding \"\(enc)\"; expected UTF-8 (convert it, e.g. iconv -f \(enc) -t UTF-8, and change the declaration)")
                }
            }
        }
        sawAnything = true
    }

    private func pseudoAttribute(_ name: String, in body: String) -> String? {
        guard let r = body.range(of: name) else { return nil }
        let rest = body[r.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let q = rest.first, q == "\"" || q == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != q })
    }

    /// A DOCTYPE: accepted only bare (`<!DOCTYPE iati-activities>`).
    private mutating func doctype() throws(XMLError) {
        let opened = pos
        var k = pos + 9
        var bracket = 0
        var quote: UInt8 = 0
        while true {
            while k < end {
                let b = buf[k]
                if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == UInt8(ascii: "[") { bracket += 1 } else if b == UInt8(ascii: "]") { bracket -= 1 } else if b == UInt8(ascii: ">") && bracket <= 0 { break }
                k += 1
            }
            if k < end { break }
            let rel = k - pos, relOpened = opened - pos
            if try !refill() { throw errorAt(pos + relOpened, "unexpected end of file inside the DOCTYPE") }
            k = pos + rel
        }
        try validateUTF8(pos, k)
        let body = String(decoding: buf[(pos + 9)..<k], as: UTF8.self)
        if body.contains("<!ENTITY") {
            throw errorAt(pos, "the DOCTYPE declares entities; refused (entity expansion and external entities are a known attack); expected an IATI file without a DOCTYPE")
        }
        let head = body.split(separator: "[", maxSplits: 1).first.map(String.init) ?? body
        if head.contains("SYSTEM") || head.contains("PUBLIC") {
            throw errorAt(pos, "the DOCTYPE refers to an external DTD; refused (external entities are not loaded); expected an IATI file without a DOCTYPE")
        }
        if body.contains("[") && body.contains("<!") {
            throw errorAt(pos, "the DOCTYPE has an internal subset with declarations; refused; expected an IATI file without a DOCTYPE")
        }
        if sawRoot { throw errorAt(pos, "a DOCTYPE after the root element") }
        pos = k + 1
        sawAnything = true
    }

    private func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E || b >= 0x80
    }

    private func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b == 0x3A || b >= 0x80
    }

    /// Scans to the `>` that ends a tag (quotes respected), refilling as needed.
    /// Returns the index of `>`; `pos` may move when the buffer is compacted.
    private mutating func tagEnd() throws(XMLError) -> Int {
        var k = pos + 1
        var quote: UInt8 = 0
        while true {
            // 1: found '>' at k; 2: '<' at k; 0: scanned to the end.
            var found = 0
            let stop = end
            buf.withUnsafeBufferPointer { p in
                while k < stop {
                    let b = p[k]
                    if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == UInt8(ascii: ">") { found = 1; return } else if b == UInt8(ascii: "<") {
                        found = 2; return
                    }
                    k += 1
                }
            }
            if found == 1 { return k }
            if found == 2 { throw errorAt(k, "'<' inside a tag; expected '>' to close the tag") }
            let rel = k - pos
            if try !refill() { throw errorAt(pos, "unexpected end of file inside a tag; the file is truncated or malformed") }
            k = pos + rel
        }
    }

    private mutating func startTag() throws(XMLError) -> XMLEvent? {
        let close = try tagEnd()
        let p = pos
        var k = p + 1
        guard k < close, isNameStart(buf[k]) else { throw errorAt(k, "expected an element name after '<'") }
        while k < close && isNameByte(buf[k]) { k += 1 }
        let name = try string(p + 1, k)
        var attributes: [XMLAttribute] = []
        var selfClosing = false
        while true {
            let beforeSpace = k
            while k < close && isSpace(buf[k]) { k += 1 }
            if k == close { break }
            if buf[k] == UInt8(ascii: "/") {
                guard k + 1 == close else { throw errorAt(k, "unexpected '/' in a tag; expected '/>' or an attribute") }
                selfClosing = true
                break
            }
            guard k > beforeSpace, isNameStart(buf[k]) else { throw errorAt(k, "expected whitespace and an attribute name in <\(name)>") }
            let na = k
            while k < close && isNameByte(buf[k]) { k += 1 }
            let attrName = try string(na, k)
            while k < close && isSpace(buf[k]) { k += 1 }
            guard k < close, buf[k] == UInt8(ascii: "=") else { throw errorAt(k, "expected '=' after attribute \(attrName)") }
            k += 1
            while k < close && isSpace(buf[k]) { k += 1 }
            guard k < close, buf[k] == 0x22 || buf[k] == 0x27 else { throw errorAt(k, "expected a quoted value for attribute \(attrName)") }
            let q = buf[k]
            k += 1
            let va = k
            var hasEntity = false
            while k < close && buf[k] != q {
                if buf[k] == UInt8(ascii: "&") { hasEntity = true }
                k += 1
            }
            guard k < close else { throw errorAt(va, "attribute \(attrName): the quote is not closed") }
            let value = hasEntity ? try decode(va, k) : try string(va, k)
            k += 1
            if attributes.contains(where: { $0.name == attrName }) { throw errorAt(na, "attribute \(attrName) given twice in <\(name)>") }
            attributes.append(XMLAttribute(name: attrName, value: value))
        }
        if rootClosed { throw errorAt(p, "a second root element <\(name)>; expected one root element") }
        if stack.count >= Self.maxDepth { throw errorAt(p, "elements nested deeper than \(Self.maxDepth)") }
        if stack.isEmpty { sawRoot = true; rootAttributes = attributes }
        sawAnything = true
        stack.append(name)
        pos = close + 1
        if selfClosing { pendingEnd = name }
        return .start(name: name, attributes: attributes)
    }

    private mutating func endTag() throws(XMLError) -> XMLEvent? {
        let close = try tagEnd()
        let p = pos
        var k = p + 2
        while k < close && isNameByte(buf[k]) { k += 1 }
        let nameEnd = k
        while k < close && isSpace(buf[k]) { k += 1 }
        guard k == close, nameEnd > p + 2 else { throw errorAt(p, "malformed end tag; expected </name>") }
        let name = try string(p + 2, nameEnd)
        guard let open = stack.last else { throw errorAt(p, "end tag </\(name)> without a start tag") }
        guard open == name else { throw errorAt(p, "end tag </\(name)> does not match <\(open)>; expected </\(open)>") }
        pos = close + 1
        return try closed(name)
    }

    // MARK: Strings

    /// The bytes `a..<b` as a string; invalid UTF-8 is an error located at the bad byte.
    private func string(_ a: Int, _ b: Int) throws(XMLError) -> String {
        // ASCII (most names and values) needs no validation; else our own check, which
        // locates the bad byte. `String(decoding:)` over a buffer pointer is the fast path.
        let ascii = buf.withUnsafeBufferPointer { p in
            var k = a
            while k < b { if p[k] >= 0x80 { return false }; k += 1 }
            return true
        }
        if !ascii { try validateUTF8(a, b) }
        return buf.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
    }

    private func validateUTF8(_ a: Int, _ b: Int) throws(XMLError) {
        var k = a
        while k < b {
            let c = buf[k]
            if c < 0x80 { k += 1; continue }
            let n: Int
            var minimum: UInt32
            if c & 0xE0 == 0xC0 { n = 1; minimum = 0x80 } else if c & 0xF0 == 0xE0 { n = 2; minimum = 0x800 } else if c & 0xF8 == 0xF0 { n = 3; minimum = 0x10000 } else {
                throw invalidByte(k)
            }
            guard k + n < b else { throw invalidByte(k) }
            var v = UInt32(c) & (0x3F >> UInt32(n))
            for j in 1...n {
                let d = buf[k + j]
                guard d & 0xC0 == 0x80 else { throw invalidByte(k) }
                v = v << 6 | UInt32(d & 0x3F)
            }
            if v < minimum || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { throw invalidByte(k) }
            _ = minimum
            minimum = 0
            k += n + 1
        }
    }

    private func invalidByte(_ k: Int) -> XMLError {
        errorAt(k, String(format: "invalid UTF-8 byte 0x%02X; expected a UTF-8 file (was it saved as Latin-1 or Windows-1252? convert it with iconv -t UTF-8)", buf[k]))
    }

    /// Decodes `&lt; &gt; &amp; &quot; &apos;` and `&#N; &#xH;`; any other entity is refused.
    private func decode(_ a: Int, _ b: Int) throws(XMLError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b - a)
        var k = a
        while k < b {
            let c = buf[k]
            if c != UInt8(ascii: "&") { out.append(c); k += 1; continue }
            var semi = k + 1
            while semi < b && semi - k < 12 && buf[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < b, buf[semi] == UInt8(ascii: ";") else { throw errorAt(k, "'&' not starting an entity; expected &amp; for a literal '&'") }
            let name = String(decoding: buf[(k + 1)..<semi], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                var scalar: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16) } else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst(), radix: 10) } else {
                    throw errorAt(k, "undeclared entity &\(name);; expected one of &lt; &gt; &amp; &quot; &apos; or a character reference")
                }
                guard let v = scalar, let u = Unicode.Scalar(v), v == 0x9 || v == 0xA || v == 0xD || v >= 0x20 else {
                    throw errorAt(k, "invalid character reference &\(name);")
                }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            }
            k = semi + 1
        }
        if let s = String(validating: out, as: UTF8.self) { return s }
        try validateUTF8(a, b)
        return String(decoding: out, as: UTF8.self)
    }
}
