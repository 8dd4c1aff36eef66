/// The one amount syntax used everywhere: `2500000`, `2.5M`, `USD 2.5M`, `850k`,
/// `VND 50 tỷ`, `50 tỷ đồng`, `100 triệu`, `5.000.000.000 đ`, `2,5 triệu USD`. Non-USD
/// amounts are converted at a stated, dated rate.
///
/// How a number is read depends on the words around it, and what stays ambiguous is an
/// error that says how to write it, never a guess:
/// - Vietnamese units and currency words (`tỷ`/`tỉ`, `triệu`/`tr`, `nghìn`, `ngàn`,
///   `đồng`, `VNĐ`, `đ`, with or without diacritics) mean VND unless another currency is
///   written (`2,5 triệu USD` is USD 2,500,000), and numbers follow Vietnamese style: dots
///   group thousands (`1.500 tỷ` is 1,500 tỷ), a comma is the decimal mark (`2,5 triệu`).
///   `1,500 tỷ` is ambiguous (1.5 or 1,500 tỷ) and refused.
/// - English units (`k`, `M`, `bn`, `million`...) follow English style: `2.5M`, `1,500k`;
///   without a currency the amount is USD.
/// - A bare number is USD (or the `defaultCurrency`, such as a CSV `currency` column):
///   `1,234` and `2,500,000` are English grouping, `2.5` and `2,5` decimals; `1.234` could
///   be either and is refused unless the currency is VND (a đồng has no fractions), and
///   dots grouping thousands (`5.000.000.000`) are Vietnamese style, refused when no
///   currency is written, since the writer most likely meant VND.
public enum AmountSyntax {
    public static let expected = "an amount such as 2500000, 2.5M, USD 2.5M, 850k, VND 50 tỷ, 50 tỷ đồng or 100 triệu"

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
        /// The year whose rate was asked for (the need's year), nil when none was given.
        public var requestedYear: Int?
        /// Why the currency was inferred when none was written ("no currency written;
        /// USD is the default"); nil when it was written or given.
        public var currencyInferred: String?
        /// `currencyInferred` in Vietnamese ("không ghi đơn vị tiền; mặc định là USD").
        public var currencyInferredVI: String?

        public init(usd: Double, currency: String, value: Double, rate: Double? = nil, rateYear: Int? = nil, requestedYear: Int? = nil,
                    currencyInferred: String? = nil, currencyInferredVI: String? = nil) {
            self.usd = usd
            self.currency = currency
            self.value = value
            self.rate = rate
            self.rateYear = rateYear
            self.requestedYear = requestedYear
            self.currencyInferred = currencyInferred
            self.currencyInferredVI = currencyInferredVI
        }

        /// "VND 50,000,000,000 at 24,900 VND/USD (2025)", or nil for USD amounts. When the
        /// need's year has no rate, the year used says so: "(2025, the latest rate; the
        /// need is of 2026)".
        public var conversionNote: String? {
            guard currency != "USD", let rate, let rateYear else { return nil }
            return "\(currency) \(NumberFormat.grouped(value)) at \(NumberFormat.grouped(rate, decimals: 3)) \(currency)/USD (\(rateYearNote ?? String(rateYear)))"
        }

        /// `conversionNote` in `language`: "VND 50.000.000.000 theo tỷ giá 25.000 VND/USD
        /// (2025)" under Vietnamese.
        public func conversionNote(_ language: Language) -> String? {
            guard language == .vi else { return conversionNote }
            guard currency != "USD", let rate, let rateYear else { return nil }
            var year = String(rateYear)
            if let requestedYear, requestedYear != rateYear {
                year += ", tỷ giá \(rateYear < requestedYear ? "gần nhất" : "sớm nhất"); nhu cầu năm \(requestedYear)"
            }
            return "\(currency) \(NumberFormat.grouped(value, language: .vi)) theo tỷ giá \(NumberFormat.grouped(rate, language: .vi, decimals: 3)) \(currency)/USD (\(year))"
        }

        /// "2025, the latest rate; the need is of 2026" when the rate is not of the
        /// requested year; nil when it is, or when no year was requested.
        public var rateYearNote: String? {
            guard currency != "USD", let rateYear, let requestedYear, requestedYear != rateYear else { return nil }
            let which = rateYear < requestedYear ? "the latest rate" : "the earliest rate"
            return "\(rateYear), \(which); the need is of \(requestedYear)"
        }
    }

    private static let vietnameseUnits: [String: Double] = ["nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "tr": 1e6, "ty": 1e9, "ti": 1e9]
    private static let englishUnits: [String: Double] = [
        "k": 1e3, "thousand": 1e3,
        "m": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6, "millions": 1e6,
        "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    ]
    /// Currency words; the Vietnamese ones (`đồng`, `VNĐ`, `đ`) also make the number
    /// Vietnamese style. Keys are folded (no diacritics, lower case) except symbols.
    private static let currencyWords: [String: String] = [
        "usd": "USD", "us": "USD", "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
        "vnd": "VND", "dong": "VND", "d": "VND",
        "eur": "EUR", "€": "EUR", "jpy": "JPY", "¥": "JPY", "krw": "KRW", "aud": "AUD",
        "gbp": "GBP", "£": "GBP", "kwd": "KWD", "sar": "SAR", "chf": "CHF", "cny": "CNY",
    ]
    private static let vietnameseCurrencyWords: Set<String> = ["dong", "d"]

    /// Parses an amount; converts to USD with `rates` when it is in another currency.
    /// - Parameters:
    ///   - defaultCurrency: the currency of an amount that writes none (a CSV `currency`
    ///     column); nil for none given: then Vietnamese units mean VND, else USD.
    ///   - year: the year whose rate converts the amount (the need's year); the nearest
    ///     year with a rate when it has none (the latest for recent years), the latest
    ///     when nil.
    /// - Throws: `SyntaxError` naming what could not be read, or what is ambiguous.
    public static func parse(_ text: String, rates: RateTable?, defaultCurrency: String? = nil, year: Int? = nil) throws(SyntaxError) -> Amount {
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
        var numberToken: String?
        var factor: Double = 1
        var vietnameseWord: String?
        var englishUnit = false
        for token in tokens {
            let folded = TextFolding.fold(token).replacingOccurrences(of: " ", with: "")
            let lowered = token.lowercased()
            if looksLikeNumber(token) {
                guard numberToken == nil else { throw SyntaxError("\"\(original)\" has two numbers", expected: expected) }
                numberToken = token
            } else if let c = currencyWords[lowered] ?? currencyWords[folded] ?? (token.count == 3 && token.allSatisfy(\.isUppercase) ? token : nil) {
                guard currency == nil || currency == c else { throw SyntaxError("\"\(original)\" names two currencies", expected: expected) }
                currency = c
                if vietnameseCurrencyWords.contains(folded) || lowered == "vnđ" { vietnameseWord = vietnameseWord ?? token }
            } else if let m = vietnameseUnits[folded] ?? englishUnits[lowered] {
                guard numberToken != nil, factor == 1 else { throw SyntaxError("\"\(token)\" is misplaced in \"\(original)\"", expected: expected) }
                factor = m
                if vietnameseUnits[folded] != nil { vietnameseWord = token } else { englishUnit = true }
            } else {
                throw SyntaxError("\"\(token)\" in \"\(original)\" is not a number, unit or currency", expected: expected)
            }
        }
        guard let numberToken else { throw SyntaxError("\"\(original)\" has no number", expected: expected) }
        let stated = currency ?? defaultCurrency?.uppercased()
        let style: NumberStyle = vietnameseWord != nil ? .vietnamese : englishUnit ? .english : .neutral
        let n = try readNumber(numberToken, style: style, currency: stated, hasUnit: factor != 1, original: original)
        let value = n * factor
        guard value.isFinite else { throw SyntaxError("\"\(original)\" is too large", expected: expected) }
        let cur: String
        var inferred: String?
        var inferredVI: String?
        if let stated { cur = stated } else if let vietnameseWord {
            cur = "VND"
            inferred = "no currency written; \"\(vietnameseWord)\" is a Vietnamese unit, so VND"
            inferredVI = "không ghi đơn vị tiền; \"\(vietnameseWord)\" là đơn vị tiếng Việt nên là VND"
        } else {
            cur = "USD"
            inferred = "no currency written; USD is the default"
            inferredVI = "không ghi đơn vị tiền; mặc định là USD"
        }
        let amount: Amount
        if cur == "USD" {
            amount = Amount(usd: value, currency: "USD", value: value, requestedYear: year, currencyInferred: inferred, currencyInferredVI: inferredVI)
        } else {
            guard let rates, let r = rates.rate(cur, year: year) else {
                throw SyntaxError("no exchange rate for \(cur)", expected: "USD or a currency listed in Data/rates.json")
            }
            amount = Amount(usd: value / r.perUSD, currency: cur, value: value, rate: r.perUSD, rateYear: r.year, requestedYear: year,
                            currencyInferred: inferred, currencyInferredVI: inferredVI)
        }
        guard abs(amount.usd) <= maximumUSD else {
            throw SyntaxError("\"\(original)\" is too large", expected: "an amount \(maximumText)")
        }
        return amount
    }

    /// The amount of a conversion note ("VND 50,000,000,000 at 24,900 VND/USD (2025)")
    /// converted again at the rate of `year`: for a need whose date changes. Nil when the
    /// note is not one that `conversionNote` writes.
    public static func reconvert(note: String, rates: RateTable?, year: Int?) -> Amount? {
        guard let at = note.range(of: " at ") else { return nil }
        guard let a = try? parse(String(note[..<at.lowerBound]), rates: rates, year: year), a.currency != "USD", a.currencyInferred == nil else { return nil }
        return a
    }

    /// The year of a date (`2026-03-20`, `20/3/2026`), the year whose rate converts a
    /// need's amounts; nil for no date or one `DateSyntax` does not read.
    public static func year(ofDate date: String?) -> Int? {
        guard let date, let iso = DateSyntax.parse(date) else { return nil }
        return Int(iso.prefix(4))
    }

    /// Which convention the words around a number call for.
    enum NumberStyle {
        /// Vietnamese units or currency words: dots group thousands, a comma is decimal.
        case vietnamese
        /// English units: commas group thousands, a dot is decimal.
        case english
        /// Neither: only what is unambiguous is read.
        case neutral
    }

    static func looksLikeNumber(_ token: String) -> Bool {
        guard let first = token.first, first.isNumber || first == "-" || first == "+" || first == "." || first == "," else { return false }
        return token.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-" || $0 == "+") }
    }

    /// Reads a number token under `style`; `currency` is the one written or given,
    /// `hasUnit` whether a unit (`tỷ`, `M`) multiplies it.
    /// - Throws: `SyntaxError` when the token is not a number or its separators are
    ///   ambiguous, saying how to write it.
    static func readNumber(_ token: String, style: NumberStyle, currency: String?, hasUnit: Bool, original: String) throws(SyntaxError) -> Double {
        var body = Substring(token)
        var sign = 1.0
        if body.first == "-" || body.first == "+" { sign = body.first == "-" ? -1 : 1; body = body.dropFirst() }
        func notANumber() -> SyntaxError { SyntaxError("\"\(token)\" in \"\(original)\" is not a number", expected: expected) }
        guard !body.isEmpty, body.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }) else { throw notANumber() }
        let dots = body.filter { $0 == "." }.count
        let commas = body.filter { $0 == "," }.count
        // 1.234.567: a first group of 1-3 digits not starting with 0, then groups of 3.
        func isGrouping(_ s: Substring, _ sep: Character) -> Bool {
            let groups = s.split(separator: sep, omittingEmptySubsequences: false)
            guard groups.count > 1, let first = groups.first, (1...3).contains(first.count), first.first != "0" else { return false }
            return groups.dropFirst().allSatisfy { $0.count == 3 }
        }
        func double(_ digits: String) throws(SyntaxError) -> Double {
            guard let v = Double(digits), v.isFinite else { throw notANumber() }
            return sign * v
        }
        let dotGroupingAllowed = style == .vietnamese || currency != nil
        func dotGroupingRefused() -> SyntaxError {
            SyntaxError("\"\(original)\" groups thousands with dots, as Vietnamese does, but names no currency",
                        expected: "the currency written: VND \(token) or \(token) đồng (or USD \(token) if it is dollars)")
        }
        switch (dots, commas) {
        case (0, 0):
            return try double(String(body))
        case (_, 0) where dots > 1, (_, _) where dots > 1 && commas == 1 && body.lastIndex(of: ",")! > body.lastIndex(of: ".")!:
            // 1.234.567 or 1.234.567,5: dots group thousands.
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard isGrouping(parts[0], ".") else { throw notANumber() }
            guard dotGroupingAllowed else { throw dotGroupingRefused() }
            return try double(parts[0].replacingOccurrences(of: ".", with: "") + (parts.count > 1 ? "." + parts[1] : ""))
        case (0, _) where commas > 1, (_, _) where commas > 1 && dots == 1 && body.lastIndex(of: ".")! > body.lastIndex(of: ",")!:
            // 1,234,567 or 1,234,567.5: commas group thousands.
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            guard isGrouping(parts[0], ",") else { throw notANumber() }
            return try double(parts[0].replacingOccurrences(of: ",", with: "") + (parts.count > 1 ? "." + parts[1] : ""))
        case (1, 1):
            // 1.234,5 (Vietnamese) or 1,234.5 (English): the last mark is the decimal one.
            let dotFirst = body.firstIndex(of: ".")! < body.firstIndex(of: ",")!
            let parts = body.split(separator: dotFirst ? "," : ".", omittingEmptySubsequences: false)
            guard isGrouping(parts[0], dotFirst ? "." : ",") else { throw notANumber() }
            if dotFirst && !dotGroupingAllowed { throw dotGroupingRefused() }
            return try double(parts[0].replacingOccurrences(of: dotFirst ? "." : ",", with: "") + "." + parts[1])
        case (1, 0), (0, 1):
            let sep: Character = dots == 1 ? "." : ","
            let parts = body.split(separator: sep, omittingEmptySubsequences: false)
            guard !parts[1].isEmpty, !(parts[0].isEmpty && sep == ",") else { throw notANumber() }
            let decimal = { () throws(SyntaxError) -> Double in try double((parts[0].isEmpty ? "0" : String(parts[0])) + "." + parts[1]) }
            let grouped = { () throws(SyntaxError) -> Double in try double(String(parts[0]) + parts[1]) }
            // 2.5, 2,5, 12345.125: not a grouping of thousands, so a decimal mark.
            guard isGrouping(body, sep) else { return try decimal() }
            // 1.234, 1,500: a grouping of thousands or a decimal with three places.
            switch (style, sep) {
            case (.vietnamese, "."): return try grouped()
            case (.vietnamese, _):
                // There are no fractions of a đồng: "1,500 đồng" can only group.
                if currency == "VND" && !hasUnit { return try grouped() }
                let whole = "\(parts[0])\(parts[1])"
                let fraction = String(parts[1].reversed().drop { $0 == "0" }.reversed())
                let decimalText = fraction.isEmpty ? String(parts[0]) : "\(parts[0]),\(fraction)"
                throw SyntaxError("\"\(original)\" is ambiguous: in Vietnamese the comma is a decimal mark (\(decimalText)), in English it groups thousands (\(whole))",
                                  expected: "\(parts[0]).\(parts[1]) (Vietnamese grouping) for \(whole), or \(decimalText) for the decimal")
            case (.english, ","), (.neutral, ","): return try grouped()
            case (.english, _): return try decimal()
            case (.neutral, _):
                // There are no fractions of a đồng: with VND a dot can only group.
                if currency == "VND" { return try grouped() }
                throw SyntaxError("\"\(original)\" is ambiguous: \(parts[0])\(parts[1]) with a dot grouping thousands (Vietnamese), or \(parts[0]) and \(parts[1]) thousandths with a decimal point (English)",
                                  expected: "\(parts[0])\(parts[1]) or \(parts[0]),\(parts[1]) for \(parts[0])\(parts[1]), VND \(token) for đồng, or a unit such as \(token)M")
            }
        default:
            throw notANumber()
        }
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
            if dec != "." { s = String(decoding: s.utf8.map { $0 == 0x2E ? 0x2C : $0 }, as: UTF8.self) }  // "," (no Foundation: a hot path)
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
