import Foundation
import Testing
@testable import PartnerMatchCore

/// Issue 14, item 1: every number formatter is total, and amounts are bounded where
/// they enter (the amount syntax and validation).
@Suite struct AmountBoundsTests {
    static let extremes: [Double] = [
        .nan, .infinity, -.infinity, 1e30, -1e20, 1.8446744073709552e19, 9.3e18, -9.3e18,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0, 1e15 + 0.5,
    ]

    @Test(arguments: extremes)
    func formattersNeverTrap(_ v: Double) {
        for l in [Language.en, .vi] {
            for d in [0, 1, 2] { #expect(!NumberFormat.grouped(v, language: l, decimals: d).isEmpty) }
            #expect(NumberFormat.compactUSD(v, language: l).hasPrefix("USD "))
        }
        #expect(!String(format1: v).isEmpty)
    }

    @Test func hugeValuesKeepEveryDigit() {
        #expect(NumberFormat.grouped(1e30) == "1,000,000,000,000,000,000,000,000,000,000")
        #expect(NumberFormat.grouped(-1e20, language: .vi) == "-100.000.000.000.000.000.000")
        #expect(NumberFormat.grouped(1.8446744073709552e19) == "18,446,744,073,709,552,000")
        #expect(NumberFormat.grouped(2_500_000.25, decimals: 2) == "2,500,000.25")
        #expect(NumberFormat.grouped(.nan) == "nan")
        #expect(NumberFormat.compactUSD(1e30) == "USD 1,000,000,000,000,000,000,000B")
    }

    @Test(arguments: ["-100000000000000000000", "1e30", "20000 tỷ USD", "VND 300000000 tỷ"])
    func amountSyntaxRefusesAmountsAboveTheMaximum(_ text: String) {
        #expect(throws: SyntaxError.self) { try AmountSyntax.parse(text, rates: Fixtures.reference.rates) }
        do { _ = try AmountSyntax.parse(text, rates: Fixtures.reference.rates) } catch {
            #expect(error.description.contains("at most USD 10,000,000,000,000") || error.description.contains("not a number"), "\(error)")
        }
    }

    @Test func amountSyntaxAcceptsTheMaximum() throws {
        #expect(try AmountSyntax.parse("10000 bn", rates: nil).usd == 1e13)
    }

    @Test func validationRefusesHugeBudgetAndCounterpart() {
        var need = Need(id: "n1", title: LocalizedText(en: "Road"), province: "son-la", applicant: .province,
                        sectors: [SectorShare(code: "21020", share: 100)], budgetUSD: 1e26, instrument: .loan, counterpartUSD: 1e30)
        do {
            _ = try Validator(reference: Fixtures.reference).validate(need)
            Issue.record("accepted a budget of 1e26")
        } catch {
            #expect(error.issues.map(\.field) == ["budgetUSD", "counterpartUSD"])
            #expect(error.description.contains("100,000,000,000,000,000,000,000,000 is too large"))
        }
        need.budgetUSD = -1e20
        need.counterpartUSD = .nan
        do { _ = try Validator(reference: Fixtures.reference).validate(need); Issue.record("accepted") } catch {
            #expect(error.issues.map(\.field) == ["budgetUSD", "counterpartUSD"])
        }
    }
}
