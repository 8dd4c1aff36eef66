import Foundation
import Testing
@testable import PartnerMatchCore

/// The real-case benchmark: reading cases, stating them as needs, the one split.
@Suite struct KnownFunderCaseTests {
    static let header = KnownFunderCases.header.joined(separator: ",")

    static func row(_ id: String, partner: String = "sfd-loans", sectors: String = "21020", amount: String = "20000000",
                    currency: String = "USD", year: String = "2019", provinces: String = "Sơn La", applicant: String = "province",
                    instrument: String = "loan") -> String {
        "\(id),\(partner),Saudi Fund,Road,\(sectors),\(amount),\(currency),\(year),\(provinces),\(applicant),\(instrument),,https://example.org/\(id),\"SFD lends USD 20 million for a road in Son La\""
    }

    @Test func readsCasesAndStatesThemAsNeeds() throws {
        // Given a case in euros in a province named by its old spelling
        let text = Self.header + "\n" + Self.row("c1", sectors: "21020:60;31140:40", amount: "1000000", currency: "EUR", year: "2025", provinces: "son la|Điện Biên")
        // When it is read and stated as a need
        let cases = try KnownFunderCases.parse(text, file: "k.csv")
        let need = try KnownFunderCases.need(cases[0], reference: Fixtures.reference, file: "k.csv")
        // Then the need is in the first province, in USD at the case year's rate, dated in that year
        #expect(cases.count == 1 && cases[0].line == 2)
        #expect(need.province == "son-la")
        #expect(need.sectors.map(\.code) == ["21020", "31140"])
        let rate = try #require(Fixtures.reference.rates.rate("EUR", year: 2025))
        #expect(abs(need.budgetUSD - 1_000_000 / rate.perUSD) < 1e-6)
        #expect(need.budgetInput?.hasPrefix("EUR 1,000,000 at") == true)
        #expect(need.date == "2025-01-01")
        #expect(need.instrument == .loan)
    }

    @Test func nationalCasesAreNationwideNeeds() throws {
        let cases = try KnownFunderCases.parse(Self.header + "\n" + Self.row("c1", provinces: "national"), file: "k.csv")
        #expect(try KnownFunderCases.need(cases[0], reference: Fixtures.reference, file: "k.csv").province == Need.national)
    }

    @Test(arguments: [
        ("amount", "x", "k.csv:2: amount:"), ("year", "20x9", "k.csv:2: year:"), ("applicant", "mayor", "k.csv:2: applicant:"),
        ("instrument", "gift", "k.csv:2: instrument:"), ("sectors", "21020:50", "k.csv:2: sectors:"), ("currency", "E1R", "k.csv:2: currency:"),
    ])
    func badFieldsAreLocated(field: String, value: String, prefix: String) {
        var row = Self.row("c1")
        switch field {
        case "amount": row = Self.row("c1", amount: value)
        case "year": row = Self.row("c1", year: value)
        case "applicant": row = Self.row("c1", applicant: value)
        case "instrument": row = Self.row("c1", instrument: value)
        case "sectors": row = Self.row("c1", sectors: value)
        default: row = Self.row("c1", currency: value)
        }
        #expect {
            _ = try KnownFunderCases.parse(Self.header + "\n" + row, file: "k.csv")
        } throws: { ($0 as? KnownFunderCases.Error)?.description.hasPrefix(prefix) == true }
    }

    @Test func refusesAWrongHeaderADuplicateIdAndAnUnknownPlace() throws {
        #expect(throws: KnownFunderCases.Error.self) { try KnownFunderCases.parse("id,partner\nx,y", file: "k.csv") }
        #expect(throws: KnownFunderCases.Error.self) { try KnownFunderCases.parse([Self.header, Self.row("c1"), Self.row("c1")].joined(separator: "\n"), file: "k.csv") }
        let cases = try KnownFunderCases.parse(Self.header + "\n" + Self.row("c1", provinces: "Atlantis"), file: "k.csv")
        #expect(throws: KnownFunderCases.Error.self) { try KnownFunderCases.need(cases[0], reference: Fixtures.reference, file: "k.csv") }
    }

    @Test func theSplitIsStratifiedByFunderAndStable() throws {
        // Given 7 cases of one funder and 4 of another
        let rows = (1...7).map { Self.row("a\($0)", partner: "sfd-loans") } + (1...4).map { Self.row("b\($0)", partner: "koica-grants") }
        let cases = try KnownFunderCases.parse(([Self.header] + rows).joined(separator: "\n"), file: "k.csv")
        // When split twice, once in reverse file order
        let split = KnownFunderCases.split(cases)
        let again = KnownFunderCases.split(cases.reversed())
        // Then each funder's cases divide as evenly as they can, the same way both times
        #expect(split == again)
        for funder in ["sfd-loans", "koica-grants"] {
            let members = cases.filter { $0.partnerID == funder }
            let choose = members.filter { split[$0.id] == .choose }.count
            #expect(abs(2 * choose - members.count) <= 1)
        }
        #expect(KnownFunderCases.select(cases, half: .choose).count + KnownFunderCases.select(cases, half: .report).count == cases.count)
        // And another seed gives another split
        #expect(KnownFunderCases.split(cases, seed: 1) != split)
    }
}
