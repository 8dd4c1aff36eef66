import Testing
@testable import PartnerMatchCore

@Suite struct SectorSyntaxTests {
    @Test func parsesSharesAndLoneCode() throws {
        #expect(try SectorSyntax.parse("31120:60;32161:40") == [SectorShare(code: "31120", share: 60), SectorShare(code: "32161", share: 40)])
        #expect(try SectorSyntax.parse("21020") == [SectorShare(code: "21020", share: 100)])
        #expect(try SectorSyntax.parse(" 31120 : 50% ; 32161:50 ") == [SectorShare(code: "31120", share: 50), SectorShare(code: "32161", share: 50)])
    }

    @Test func roundTrips() throws {
        for text in ["31120:60;32161:40", "21020", "11330:33.5;12220:66.5"] {
            #expect(SectorSyntax.format(try SectorSyntax.parse(text)) == text)
        }
    }

    @Test(arguments: [
        ("31120:60;32161:30", "sum to 90"),
        ("31120;32161", "has no share"),
        ("abc", "not a sector code"),
        ("31120:x", "not a number"),
        ("31120:0;32161:100", "out of range"),
        ("31120:50;31120:50", "listed twice"),
        ("", "no sector"),
    ])
    func rejects(_ text: String, _ fragment: String) {
        #expect { try SectorSyntax.parse(text) } throws: { error in
            "\(error)".contains(fragment)
        }
    }
}

@Suite struct AmountSyntaxTests {
    let rates = Fixtures.reference.rates

    @Test(arguments: [
        ("2500000", 2_500_000.0), ("2.5M", 2_500_000), ("USD 2.5M", 2_500_000), ("850k", 850_000),
        ("US$ 1,200,000", 1_200_000), ("$12M", 12_000_000), ("1.234.567", 1_234_567), ("2,5 triệu", 2_500_000),
        ("1.5 bn", 1_500_000_000),
    ])
    func parsesUSD(_ text: String, _ usd: Double) throws {
        let a = try AmountSyntax.parse(text, rates: rates)
        #expect(a.usd == usd)
        #expect(a.currency == "USD")
        #expect(a.conversionNote == nil)
    }

    @Test func convertsVNDAtStatedRate() throws {
        let a = try AmountSyntax.parse("VND 50 tỷ", rates: rates)
        #expect(a.usd == 2_000_000)
        #expect(a.conversionNote == "VND 50,000,000,000 at 25,000 VND/USD (2025)")
        #expect(try AmountSyntax.parse("50 tỷ đồng", rates: rates).usd == 2_000_000)
        #expect(try AmountSyntax.parse("50 ty dong", rates: rates).usd == 2_000_000)
        #expect(try AmountSyntax.parse("500000000", rates: rates, defaultCurrency: "VND").usd == 20_000)
    }

    @Test(arguments: ["", "abc", "2.5 apples", "USD", "1 2", "EUR 5 USD", "XYZ 5"])
    func rejects(_ text: String) {
        #expect(throws: SyntaxError.self) { try AmountSyntax.parse(text, rates: rates) }
    }

    @Test func numberFormats() {
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(1_234_567, language: .vi) == "1.234.567")
        #expect(NumberFormat.grouped(0.75, language: .vi, decimals: 2) == "0,75")
        #expect(NumberFormat.compactUSD(9_500_000) == "USD 9.5M")
        #expect(NumberFormat.compactUSD(850_000) == "USD 850k")
    }
}
