import Foundation

/// A decoded `application/x-www-form-urlencoded` body: `+` is a space, `%XX` a byte of
/// UTF-8; the first value of a repeated name wins.
struct FormBody: Sendable {
    enum Failure: Error, Equatable {
        /// A `%` escape that is not two hex digits, or bytes that are not UTF-8.
        case malformed(String)
    }

    private(set) var values: [String: String] = [:]

    init(_ body: String) throws(Failure) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try FormBody.decode(parts[0])
            let value = parts.count > 1 ? try FormBody.decode(parts[1]) : ""
            if values[name] == nil { values[name] = value }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The value trimmed, nil when empty.
    func text(_ name: String) -> String? {
        guard let v = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    static func decode(_ s: Substring) throws(Failure) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let c = it.next() {
            switch c {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let h = it.next(), let l = it.next(), let hi = hex(h), let lo = hex(l) else { throw .malformed(String(s.prefix(40))) }
                bytes.append(hi << 4 | lo)
            default: bytes.append(c)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformed(String(s.prefix(40))) }
        return text
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
