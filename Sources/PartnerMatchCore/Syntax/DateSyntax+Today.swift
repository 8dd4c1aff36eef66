import Foundation

extension DateSyntax {
    /// Today's date in UTC, `YYYY-MM-DD`: the day a brief is prepared when none is given.
    public static func todayUTC() -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year!)-\(two(c.month!))-\(two(c.day!))"
    }
}
