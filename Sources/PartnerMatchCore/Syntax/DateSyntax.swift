/// Dates as people in Viet Nam write them: day first (`20/3/2017`, `20-03-2017`,
/// `20.3.2017`), or ISO (`2017-03-20`). Stored and printed as ISO.
public enum DateSyntax {
    public static let expected = "a date such as 2017-03-20, 20/3/2017 or 20-03-2017 (day first)"

    /// The ISO form (`YYYY-MM-DD`) of a date in any accepted writing; nil when the text
    /// is not a real date (31/4, 29/2 of a common year, a month above 12).
    public static func parse(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "/" || $0 == ".") }) else { return nil }
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        // Mixed separators (20/03-2017) are a typo, not a date.
        let separators = Set(t.filter { !$0.isNumber })
        guard parts.count == 3, separators.count == 1, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let y: Int, m: Int, d: Int
        if parts[0].count == 4 {
            // ISO: year first, month and day of two digits.
            guard parts[1].count == 2, parts[2].count == 2, let yy = Int(parts[0]), let mm = Int(parts[1]), let dd = Int(parts[2]) else { return nil }
            (y, m, d) = (yy, mm, dd)
        } else {
            guard parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                  let dd = Int(parts[0]), let mm = Int(parts[1]), let yy = Int(parts[2]) else { return nil }
            (y, m, d) = (yy, mm, dd)
        }
        guard (1000...9999).contains(y), (1...12).contains(m) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d >= 1, d <= days[m - 1] else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
