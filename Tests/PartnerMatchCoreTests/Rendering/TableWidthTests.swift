import Testing
@testable import PartnerMatchCore

/// Tables fit the terminal's width (issue 18, item 6): long text is cut with "…" at a word
/// boundary; without a width (a pipe) rows stay whole.
@Suite struct TableWidthTests {
    static let table = Table(columns: [.init("id", "Id"), .init("budget", "Budget", alignRight: true), .init("title", "Title")], rows: [
        [.text("sla-tea-processing-moc-chau"), .number(2_500_000, "2,500,000"), .text("Tea processing cooperative with cold storage and a solar dryer for the highland communes")],
        [.text("sla-road-01"), .number(40_000_000, "40,000,000"), .text("Provincial road upgrade")],
    ])

    @Test func cutsAtAWordBoundary() {
        #expect(Table.cut("Tea processing cooperative", to: 30) == "Tea processing cooperative")
        #expect(Table.cut("Tea processing cooperative", to: 20) == "Tea processing…")
        #expect(Table.cut("Supercalifragilistic", to: 8) == "Superca…")
        #expect(Table.cut("abc, def ghi", to: 7) == "abc…")
    }

    @Test func fitsTheWidthAndKeepsNumbers() throws {
        let fitted = try Self.table.render(.table, width: 70)
        for line in fitted.split(separator: "\n") { #expect(line.count <= 70, "\(line)") }
        #expect(fitted.contains("40,000,000") && fitted.contains("2,500,000"))
        #expect(fitted.contains("…"))
        #expect(fitted.contains("Provincial road upgrade"))
        // No word is cut: the text before "…" ends a word of the original.
        let cutLine = try #require(fitted.split(separator: "\n").first { $0.contains("…") })
        let kept = String(cutLine.split(separator: "…")[0]).split(separator: " ").last.map(String.init) ?? ""
        #expect(["cold", "storage", "and", "with", "cooperative", "a", "solar", "processing", "dryer"].contains(kept), "\(kept)")
    }

    @Test func noWidthKeepsFullRows() throws {
        let full = try Self.table.render(.table)
        #expect(full.contains("for the highland communes"))
        #expect(!full.contains("…"))
        #expect(try Self.table.render(.table, width: 500) == full)
    }
}
