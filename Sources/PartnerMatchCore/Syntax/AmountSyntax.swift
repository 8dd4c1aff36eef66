/// The one amount syntax used everywhere: `2500000`, `2.5M`, `USD 2.5M`, `850k`,
/// `VND 50 tỷ`, `50 tỷ đồng`. Non-USD amounts are converted at a stated, dated rate.
public enum AmountSyntax {
    public static let expected = "an amount such as 2500000, 2.5M, USD 2.5M, 850k, VND 50 tỷ or 50 tỷ đồng"

    /// The largest amount accepted anywhere (USD 10 trillion, about a tenth of the world's
    /// yearly output): what is above it is a typo or an attack, and every formatter and
    /// feature stays exact below it.
    public static let maximumUSD = 1e13
    /// "at most USD 10,000,000,000,000", for messages.
    public static var maximumText: String { "at most USD \(NumberFormat.grouped(maximumUSD))" }

    /// A parsed amount.
    public struct Amount: Sendable, Hashable {
        public var usd: Double
        /// The currency as written (`USD` when none was).
        public var currency: String
        /// The value in that currency.
        public var value: Double
        /// Units of `currency` per USD used for the conversion, and the rate's year.
        public var rate: Double?
        public var rateYear: Int?

        /// "VND 50 tỷ at 25,400 VND/USD (2025)", or nil for USD amounts.
        public var conversionNote: String? {
            guard currency != "USD", let rate, let rateYear else { return nil }
            return "\(currency) \(NumberFormat.grouped(value)) at \(NumberFormat.grouped(rate)) \(currency)/USD (\(rateYear))"
        }
    }

    private static let multipliers: [(words: [String], factor: Double)] = [
        (["k", "nghin", "ngan", "thousand"], 1e3),
        (["m", "mn", "mil", "million", "millions", "trieu", "tr"], 1e6),
        (["b", "bn", "billion", "billions", "ty"], 1e9),
    ]
    private static let currencyWords: [String: String] = [
        "usd": "USD", "us": "USD", "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
        "vnd": "VND", "dong": "VND", "d": "VND", "vnđ": "VND",
        "eur": "EUR", "€": "EUR", "jpy": "JPY", "¥": "JPY", "krw": "KRW", "aud": "AUD",
        "gbp": "GBP", "£": "GBP", "kwd": "KWD", "sar": "SAR", "chf": "CHF", "cny": "CNY",
    ]

    /// Parses an amount; converts to USD with `rates` when it is in another currency.
    /// - Throws: `SyntaxError` naming what could not be read.
    public static func parse(_ text: String, rates: RateTable?, defaultCurrency: String = "USD") throws(SyntaxError) -> Amount {
        let original = text.trimmingCharacters(in: .whitespaces)
        guard !original.isEmpty else { throw SyntaxError("empty amount", expected: expected) }
        // Split into tokens: runs of number characters, runs of letters, symbols.
        var tokens: [String] = []
        var current = ""
        var currentIsNumber = false
        for ch in original {
            let isNum = ch.isNumber || ch == "." || ch == "," || ch == "-" || ch == "+"
            if ch == " " || ch == "\u{00A0}" {
                if !current.isEmpty { tokens.append(current); current = "" }
                continue
            }
            if ch == "$" || ch == "€" || ch == "£" || ch == "¥" {
                if !current.isEmpty && current != "US" && current != "us" { tokens.append(current); current = "" }
                current.append(ch); tokens.append(current); current = ""
                continue
            }
            if !current.isEmpty && isNum != currentIsNumber { tokens.append(current); current = "" }
            currentIsNumber = isNum
            current.append(ch)
        }
        if !current.isEmpty { tokens.append(current) }

        var currency: String?
        var number: Double?
        var factor: Double = 1
        for token in tokens {
            let folded = TextFolding.fold(token).replacingOccurrences(of: " ", with: "")
            let lowered = token.lowercased()
            if let n = parseNumber(token) {
                guard number == nil else { throw SyntaxError("\"\(original)\" has two numbers", expected: expected) }
                number = n
            } else if let c = currencyWords[lowered] ?? currencyWords[folded] ?? (token.count == 3 && token.allSatisfy(\.isUppercase) ? token : nil) {
                guard currency == nil || currency == c else { throw SyntaxError("\"\(original)\" names two currencies", expected: expected) }
                currency = c
            } else if let m = multipliers.first(where: { $0.words.contains(folded) || $0.words.contains(lowered) }) {
                guard number != nil, factor == 1 else { throw SyntaxError("\"\(token)\" is misplaced in \"\(original)\"", expected: expected) }
                factor = m.factor
            } else if folded == "dong" || folded == "vnd" {
                currency = "VND"
            } else {
                throw SyntaxError("\"\(token)\" in \"\(original)\" is not a number, unit or currency", expected: expected)
            }
        }
        guard let n = number else { throw SyntaxError("\"\(original)\" has no number", expected: expected) }
        let value = n * factor
        guard value.isFinite else { throw SyntaxError("\"\(original)\" is too large", expected: expected) }
        let cur = currency ?? defaultCurrency
        let amount: Amount
        if cur == "USD" {
            amount = Amount(usd: value, currency: "USD", value: value, rate: nil, rateYear: nil)
        } else {
            guard let rates, let r = rates.rate(cur) else {
                throw SyntaxError("no exchange rate for \(cur)", expected: "USD or a currency listed in Data/rates.json")
            }
            amount = Amount(usd: value / r.perUSD, currency: cur, value: value, rate: r.perUSD, rateYear: r.year)
        }
        guard abs(amount.usd) <= maximumUSD else {
            throw SyntaxError("\"\(original)\" is too large", expected: "an amount \(maximumText)")
        }
        return amount
    }

    /// Reads `2500000`, `2,500,000`, `2.5`, `1.234.567` (Vietnamese grouping), `2,5`
    /// (decimal comma), `-3`.
    static func parseNumber(_ token: String) -> Double? {
        guard let first = token.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard token.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-" || $0 == "+") }) else { return nil }
        var s = token
        let dots = s.filter { $0 == "." }.count
        let commas = s.filter { $0 == "," }.count
        if dots > 1 && commas == 0 {
            s = s.replacingOccurrences(of: ".", with: "")           // 1.234.567
        } else if dots > 1 && commas == 1 {
            s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")  // 1.234,5
        } else if commas >= 1 && dots <= 1 {
            let groups = s.split(separator: ",", omittingEmptySubsequences: false)
            let grouping = groups.dropFirst().allSatisfy { $0.prefix { $0.isNumber }.count == 3 }
            if grouping && (dots == 0 || s.lastIndex(of: ".")! > s.lastIndex(of: ",")!) {
                s = s.replacingOccurrences(of: ",", with: "")       // 2,500,000 or 2,500.5
            } else if commas == 1 && dots == 0 {
                s = s.replacingOccurrences(of: ",", with: ".")      // 2,5
            } else if commas == 1 && dots == 1 {
                s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            } else {
                return nil
            }
        }
        guard let v = Double(s), v.isFinite else { return nil }
        return v
    }
}

/// Number formatting shared by every renderer.
public enum NumberFormat {
    /// 2500000 -> "2,500,000" (English) or "2.500.000" (Vietnamese); at most 2 decimals.
    /// Total: any Double gives a string (`nan`, `inf`, and every digit of 1e30).
    public static func grouped(_ v: Double, language: Language = .en, decimals: Int = 0) -> String {
        guard v.isFinite else { return String(v) }
        let sep: Character = language == .vi ? "." : ","
        let dec: Character = language == .vi ? "," : "."
        let negative = v < 0
        let decimals = min(max(decimals, 0), 6)
        let scale = pow10(decimals)
        var rounded = (abs(v) * scale).rounded() / scale
        if !rounded.isFinite { rounded = abs(v).rounded() }  // abs(v) * scale overflowed
        let whole = rounded.rounded(.down)
        var digits = Array(integerDigits(whole))
        var out: [Character] = []
        while digits.count > 3 {
            out.insert(contentsOf: [sep] + digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        out.insert(contentsOf: digits, at: 0)
        var s = String(out)
        if decimals > 0 && whole < 1e15 {
            let frac = Int(((rounded - whole) * scale).rounded())
            if frac > 0 {
                var f = String(frac)
                while f.count < decimals { f = "0" + f }
                while f.hasSuffix("0") { f.removeLast() }
                s += String(dec) + f
            }
        }
        return negative && rounded != 0 ? "-" + s : s
    }

    /// The decimal digits of a finite, integral, non-negative Double, exactly as its
    /// shortest representation says (1e30 -> "1" and 30 zeros), with no integer
    /// conversion that could trap.
    static func integerDigits(_ x: Double) -> String {
        if x < 9e18 { return String(UInt64(x)) }
        // Shortest round-trip form, e.g. "1e+30" or "1.8446744073709552e+19".
        let text = x.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1].replacingOccurrences(of: "+", with: "")) ?? 0 : 0
        let dot = mantissa.firstIndex(of: ".")
        let intDigits = dot.map { String(mantissa[..<$0]) } ?? String(mantissa)
        var fracDigits = dot.map { String(mantissa[mantissa.index(after: $0)...]) } ?? ""
        if fracDigits == "0" { fracDigits = "" }
        let zeros = max(0, exponent - fracDigits.count)
        return intDigits + fracDigits + String(repeating: "0", count: zeros)
    }

    /// 12000000 -> "USD 12M", 850000 -> "USD 850k", 9500000 -> "USD 9.5M".
    public static func compactUSD(_ v: Double, language: Language = .en) -> String {
        let dec: String = language == .vi ? "," : "."
        func trim(_ x: Double) -> String {
            let r = (x * 10).rounded() / 10
            guard r.isFinite, abs(r) < 1e15 else { return grouped(r, language: language) }
            var s = r == r.rounded() ? String(Int(r)) : String(r)
            if dec != "." { s = s.replacingOccurrences(of: ".", with: dec) }
            return s
        }
        let a = abs(v)
        let sign = v < 0 ? "-" : ""
        if a >= 1e9 { return "USD \(sign)\(trim(a / 1e9))B" }
        if a >= 1e6 { return "USD \(sign)\(trim(a / 1e6))M" }
        if a >= 1e3 { return "USD \(sign)\(trim(a / 1e3))k" }
        return "USD \(sign)\(trim(a))"
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<max(0, n) { r *= 10 }
        return r
    }
}
