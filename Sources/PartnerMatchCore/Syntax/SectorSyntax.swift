/// The one sector syntax used everywhere: `31120:60;32161:40` (percent shares, which
/// must sum to 100); a lone code is 100%.
public enum SectorSyntax {
    public static let expected = "DAC codes with percent shares summing to 100, e.g. \"31120:60;32161:40\" (a lone code is 100%)"

    /// Parses the syntax. Codes are checked for shape here and against the taxonomy by
    /// `Validator`.
    public static func parse(_ text: String) throws(SyntaxError) -> [SectorShare] {
        let parts = text.split(whereSeparator: { $0 == ";" || $0 == "|" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw SyntaxError("no sector given", expected: expected) }
        var shares: [SectorShare] = []
        for part in parts {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let code = pieces[0]
            guard !code.isEmpty, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber), code.count == 5 || code.count == 3 else {
                throw SyntaxError("\"\(code)\" is not a sector code", expected: expected)
            }
            let share: Double
            switch pieces.count {
            case 1:
                guard parts.count == 1 else {
                    throw SyntaxError("\"\(code)\" has no share while several sectors are given", expected: expected)
                }
                share = 100
            case 2:
                // "70", "70%", "70 %", and "12,5%" with a decimal comma as written here.
                var raw = pieces[1].hasSuffix("%") ? String(pieces[1].dropLast()).trimmingCharacters(in: .whitespaces) : pieces[1]
                if raw.filter({ $0 == "," }).count == 1 && !raw.contains(".") { raw = raw.replacingOccurrences(of: ",", with: ".") }
                guard let v = Double(raw), v.isFinite else {
                    throw SyntaxError("share \"\(pieces[1])\" of \(code) is not a number", expected: expected)
                }
                guard v > 0, v <= 100 else {
                    throw SyntaxError("share \(format(v)) of \(code) is out of range", expected: "a share above 0 and at most 100")
                }
                share = v
            default:
                throw SyntaxError("\"\(part)\" has more than one ':'", expected: expected)
            }
            if shares.contains(where: { $0.code == code }) {
                throw SyntaxError("sector \(code) is listed twice", expected: expected)
            }
            shares.append(SectorShare(code: code, share: share))
        }
        try checkSum(shares)
        return shares
    }

    /// Shares must sum to 100 (within 0.01).
    public static func checkSum(_ shares: [SectorShare]) throws(SyntaxError) {
        let total = shares.reduce(0) { $0 + $1.share }
        if abs(total - 100) > 0.01 {
            throw SyntaxError("sector shares sum to \(format(total)), not 100", expected: expected)
        }
    }

    /// Writes shares back in the syntax.
    public static func format(_ shares: [SectorShare]) -> String {
        if shares.count == 1 && shares[0].share == 100 { return shares[0].code }
        return shares.map { "\($0.code):\(format($0.share))" }.joined(separator: ";")
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
