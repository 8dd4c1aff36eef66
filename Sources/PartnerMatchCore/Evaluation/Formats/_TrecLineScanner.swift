import Foundation

/// Splits a TREC text file into lines of whitespace-separated fields, without building a
/// `String` per line.
///
/// The rules are trec_eval's: fields are separated by any run of ASCII whitespace, a line whose
/// first non-blank byte is `#` is a comment, blank lines are skipped, and a missing final newline
/// is tolerated. Field positions are byte offsets into the buffer, valid until the next call.
struct _TrecLineScanner {
    /// The most fields recorded per line; more are counted but not recorded.
    static let maxRecordedFields = 8

    let base: UnsafePointer<UInt8>
    let count: Int
    private(set) var position = 0
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    private(set) var fieldCount = 0
    /// Start and end offsets of field `i` at `2 * i` and `2 * i + 1`.
    let spans: UnsafeMutablePointer<Int>

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) }
            ?? UnsafePointer(bitPattern: 1)!
        count = bytes.count
        spans = .allocate(capacity: 2 * Self.maxRecordedFields)
    }

    func deallocate() { spans.deallocate() }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }

    /// Moves to the next line with content; false at the end of the buffer.
    @inline(__always) mutating func next() -> Bool {
        let p = base
        var i = position
        let n = count
        while i < n {
            lineNumber += 1
            while i < n && Self.isBlank(p[i]) { i += 1 }
            if i == n { break }
            if p[i] == 0x0A { i += 1; continue }
            if p[i] == 0x23 {  // '#': comment line
                while i < n && p[i] != 0x0A { i += 1 }
                i += 1
                continue
            }
            var fields = 0
            while true {
                let start = i
                while i < n {
                    let b = p[i]
                    if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { break }
                    i += 1
                }
                if fields < Self.maxRecordedFields {
                    spans[2 * fields] = start
                    spans[2 * fields + 1] = i
                }
                fields += 1
                while i < n && Self.isBlank(p[i]) { i += 1 }
                if i == n { break }
                if p[i] == 0x0A { i += 1; break }
            }
            position = i
            fieldCount = fields
            return true
        }
        position = n
        return false
    }

    @inline(__always) func start(_ field: Int) -> Int { spans[2 * field] }
    @inline(__always) func end(_ field: Int) -> Int { spans[2 * field + 1] }
    @inline(__always) func pointer(_ field: Int) -> UnsafePointer<UInt8> { base + spans[2 * field] }
    @inline(__always) func length(_ field: Int) -> Int { spans[2 * field + 1] - spans[2 * field] }

    func string(_ field: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer(field), count: length(field)), as: UTF8.self)
    }

    /// The 1-based line number of the `index`-th content line (0-based), found by rescanning.
    /// Used only to report an error found after the first pass.
    static func lineNumber(ofContentLine index: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var scanner = _TrecLineScanner(bytes)
        defer { scanner.deallocate() }
        var seen = 0
        while scanner.next() {
            if seen == index { return scanner.lineNumber }
            seen += 1
        }
        return scanner.lineNumber
    }
}

enum _TrecNumber {
    /// 10^e for 0 <= e <= 22, all exactly representable as Double.
    @inline(__always) static func exactPower(_ e: Int) -> Double {
        switch e {
        case 0: 1e0; case 1: 1e1; case 2: 1e2; case 3: 1e3; case 4: 1e4; case 5: 1e5
        case 6: 1e6; case 7: 1e7; case 8: 1e8; case 9: 1e9; case 10: 1e10; case 11: 1e11
        case 12: 1e12; case 13: 1e13; case 14: 1e14; case 15: 1e15; case 16: 1e16
        case 17: 1e17; case 18: 1e18; case 19: 1e19; case 20: 1e20; case 21: 1e21
        default: 1e22
        }
    }

    /// Parses a decimal floating-point field exactly as `strtod` would (correctly rounded).
    ///
    /// Plain decimals with at most 19 significant digits, a mantissa below 2^53 and a
    /// power of ten up to 22 are converted with one exact multiplication or division, which
    /// is correctly rounded (Clinger's fast path); everything else goes to `strtod`.
    /// Returns nil when the field is not a number, or is NaN.
    static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var i = 0
        var negative = false
        if i < n && (p[i] == 0x2D || p[i] == 0x2B) { negative = p[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        var simple = true
        while i < n, p[i] &- 0x30 < 10 {
            sawDigit = true
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                if mantissa != 0 { digits += 1 }
            } else {
                simple = false
            }
            i += 1
        }
        if i < n && p[i] == 0x2E {
            i += 1
            while i < n, p[i] &- 0x30 < 10 {
                sawDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                } else {
                    simple = false
                }
                i += 1
            }
        }
        if !sawDigit { return slowParseDouble(p, n) }
        if i < n && (p[i] == 0x65 || p[i] == 0x45) {
            i += 1
            var expNegative = false
            if i < n && (p[i] == 0x2D || p[i] == 0x2B) { expNegative = p[i] == 0x2D; i += 1 }
            var e = 0
            var expDigits = 0
            while i < n, p[i] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return nil }
            exponent += expNegative ? -e : e
        }
        if i != n { return nil }
        if simple && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= exactPower(-exponent) } else { value *= exactPower(exponent) }
            return negative ? -value : value
        }
        return slowParseDouble(p, n)
    }

    static func slowParseDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        if n == 0 || n > 400 { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer in
            for k in 0..<n { buffer[k] = CChar(bitPattern: p[k]) }
            buffer[n] = 0
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &endPointer)
            guard let endPointer, endPointer == buffer.baseAddress! + n, !value.isNaN else { return nil }
            return value
        }
    }

    /// Parses a signed decimal integer that fits in Int32; nil otherwise.
    static func parseInt32(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        var i = 0
        var negative = false
        if i < n && (p[i] == 0x2D || p[i] == 0x2B) { negative = p[i] == 0x2D; i += 1 }
        if i == n { return nil }
        var value: Int64 = 0
        while i < n {
            let d = p[i] &- 0x30
            if d >= 10 { return nil }
            value = value * 10 + Int64(d)
            if value > Int64(Int32.max) + 1 { return nil }
            i += 1
        }
        if negative { value = -value }
        guard let result = Int32(exactly: value) else { return nil }
        return result
    }
}

extension _TrecLineScanner {
    /// 1-based line numbers of the given 0-based content-line indexes, found by rescanning.
    /// Used only to report an error found after the first pass.
    static func lineNumbers(ofContentLines indexes: [Int], in bytes: UnsafeRawBufferPointer) -> [Int] {
        indexes.map { lineNumber(ofContentLine: $0, in: bytes) }
    }
}

extension _TrecLineScanner {
    /// Splits a buffer into at most `maxPieces` ranges of whole lines, each at least
    /// `minPieceBytes` long (except the last).
    static func split(_ bytes: UnsafeRawBufferPointer, maxPieces: Int, minPieceBytes: Int = 4 << 20) -> [Range<Int>] {
        let pieces = max(1, min(maxPieces, bytes.count / max(1, minPieceBytes)))
        var ranges: [Range<Int>] = []
        var start = 0
        for k in 1...pieces {
            var end = k == pieces ? bytes.count : max(start, bytes.count * k / pieces)
            while end < bytes.count && (end == start || bytes[end - 1] != 0x0A) { end += 1 }
            if end > start { ranges.append(start..<end) }
            start = end
        }
        return ranges.isEmpty ? [0..<bytes.count] : ranges
    }

    /// Number of newlines in a buffer: the line offset of the piece that follows it.
    static func lineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
