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
        ("US$ 1,200,000", 1_200_000), ("$12M", 12_000_000), ("1.5 bn", 1_500_000_000),
        // English grouping and decimals, with or without an English unit.
        ("1,234", 1_234), ("2,500,000", 2_500_000), ("2,500,000.50", 2_500_000.5), ("1,500k", 1_500_000),
        ("1.500M", 1_500_000), ("2.5", 2.5), ("12345.125", 12_345.125), ("0.125M", 125_000),
        // Dots grouping thousands, or a decimal comma, when the currency is written.
        ("USD 5.000.000", 5_000_000), ("1.234.567,5 USD", 1_234_567.5), ("2,5 USD", 2.5),
        // A Vietnamese unit with the currency written: 2,5 triệu USD is USD 2.5M.
        ("2,5 triệu USD", 2_500_000), ("2,5 trieu USD", 2_500_000), ("1.500 tỷ USD", 1_500_000_000_000),
        ("USD 3 triệu", 3_000_000), ("2.5 triệu USD", 2_500_000),
    ])
    func parsesUSD(_ text: String, _ usd: Double) throws {
        let a = try AmountSyntax.parse(text, rates: rates)
        #expect(a.usd == usd)
        #expect(a.currency == "USD")
        #expect(a.conversionNote == nil)
    }

    /// Vietnamese number words and currency words mean VND, with or without diacritics.
    @Test(arguments: [
        ("50 tỷ", 50_000_000_000.0), ("50 ty", 50_000_000_000), ("50 tỉ", 50_000_000_000), ("50tỷ", 50_000_000_000),
        ("100 triệu", 100_000_000), ("100 trieu", 100_000_000), ("100tr", 100_000_000), ("2,5 triệu", 2_500_000),
        ("500 nghìn", 500_000), ("500 ngàn", 500_000), ("500 nghin đồng", 500_000),
        ("50 tỷ đồng", 50_000_000_000), ("50 ty dong", 50_000_000_000), ("VND 50 tỷ", 50_000_000_000),
        ("5.000.000.000 đồng", 5_000_000_000), ("5.000.000.000đ", 5_000_000_000), ("5.000.000.000 VNĐ", 5_000_000_000),
        ("5.000.000.000 vnđ", 5_000_000_000), ("VND 5.000.000.000", 5_000_000_000), ("1.500 tỷ", 1_500_000_000_000),
        ("1.234,5 triệu", 1_234_500_000), ("VND 1.234", 1_234), ("VND 1,234", 1_234), ("1,500 đồng", 1_500),
        ("2.5 tỷ", 2_500_000_000), ("2,75 tỷ đồng", 2_750_000_000),
    ])
    func vietnameseWordsMeanVND(_ text: String, _ vnd: Double) throws {
        let a = try AmountSyntax.parse(text, rates: rates)
        #expect(a.currency == "VND")
        #expect(a.value == vnd)
        #expect(a.usd == vnd / 25_000)
    }

    @Test func fiftyTyIsVNDNotUSDFiftyBillion() throws {
        let a = try AmountSyntax.parse("50 tỷ", rates: rates)
        #expect(a.usd == 2_000_000)
        #expect(a.conversionNote == "VND 50,000,000,000 at 25,000 VND/USD (2025)")
        #expect(a.currencyInferred == "no currency written; \"tỷ\" is a Vietnamese unit, so VND")
        #expect(try AmountSyntax.parse("100 triệu", rates: rates).usd == 4_000)
        #expect(try AmountSyntax.parse("5.000.000.000 đ", rates: rates).usd == 200_000)
    }

    @Test func convertsVNDAtStatedRate() throws {
        let a = try AmountSyntax.parse("VND 50 tỷ", rates: rates)
        #expect(a.usd == 2_000_000)
        #expect(a.conversionNote == "VND 50,000,000,000 at 25,000 VND/USD (2025)")
        #expect(a.currencyInferred == nil)
        #expect(try AmountSyntax.parse("500000000", rates: rates, defaultCurrency: "VND").usd == 20_000)
        // A currency given for amounts that write none (a CSV column) wins over the
        // VND that a Vietnamese unit implies, and allows dots grouping thousands.
        #expect(try AmountSyntax.parse("2,5 triệu", rates: rates, defaultCurrency: "USD").usd == 2_500_000)
        #expect(try AmountSyntax.parse("5.000.000.000", rates: rates, defaultCurrency: "VND").usd == 200_000)
        #expect(try AmountSyntax.parse("2.5M", rates: rates).currencyInferred == "no currency written; USD is the default")
    }

    /// The rate is that of the need's year; a year without a rate takes the nearest
    /// (the latest for recent years) and says so.
    @Test func convertsAtTheRateOfTheNeedsYear() throws {
        let y2024 = try AmountSyntax.parse("48 tỷ", rates: rates, year: 2024)
        #expect(y2024.usd == 2_000_000)
        #expect(y2024.rateYear == 2024)
        #expect(y2024.conversionNote == "VND 48,000,000,000 at 24,000 VND/USD (2024)")
        let y2026 = try AmountSyntax.parse("50 tỷ", rates: rates, year: 2026)
        #expect(y2026.usd == 2_000_000)
        #expect(y2026.rateYear == 2025)
        #expect(y2026.conversionNote == "VND 50,000,000,000 at 25,000 VND/USD (2025, the latest rate; the need is of 2026)")
        let old = try AmountSyntax.parse("EUR 9M", rates: rates, year: 2010)
        #expect(old.rateYear == 2025)
        #expect(old.rateYearNote == "2025, the earliest rate; the need is of 2010")
        #expect(AmountSyntax.year(ofDate: "2024-03-20") == 2024)
        #expect(AmountSyntax.year(ofDate: "2024-13-20") == nil)
        #expect(AmountSyntax.year(ofDate: nil) == nil)
    }

    @Test func reconvertsANoteAtAnotherYearsRate() throws {
        let note = try #require(try AmountSyntax.parse("50 tỷ", rates: rates).conversionNote)
        let a = try #require(AmountSyntax.reconvert(note: note, rates: rates, year: 2024))
        #expect(a.value == 50_000_000_000)
        #expect(a.conversionNote == "VND 50,000,000,000 at 24,000 VND/USD (2024)")
        #expect(AmountSyntax.reconvert(note: "as written by hand", rates: rates, year: 2024) == nil)
    }

    @Test(arguments: ["", "abc", "2.5 apples", "USD", "1 2", "EUR 5 USD", "XYZ 5", "1..5", "1,2,3", "5.", "--5", "1.23.45", "tỷ 50"])
    func rejects(_ text: String) {
        #expect(throws: SyntaxError.self) { try AmountSyntax.parse(text, rates: rates) }
    }

    /// What could be read two ways is refused with a message that says how to write it.
    @Test(arguments: [
        ("1.234", "ambiguous"), ("USD 1.234", "ambiguous"), ("12.500", "ambiguous"),
        ("5.000.000.000", "names no currency"), ("1.234.567", "names no currency"), ("1.234,5", "names no currency"),
        ("1,500 tỷ", "ambiguous"), ("2,500 triệu", "ambiguous"),
    ])
    func refusesAmbiguous(_ text: String, _ fragment: String) {
        #expect { try AmountSyntax.parse(text, rates: rates) } throws: { error in
            let d = "\(error)"
            return d.contains(fragment) && d.contains("expected")
        }
    }

    @Test func ambiguousMessagesSayHowToWriteIt() {
        #expect { try AmountSyntax.parse("5.000.000.000", rates: rates) } throws: { error in
            "\(error)".contains("VND 5.000.000.000 or 5.000.000.000 đồng")
        }
        #expect { try AmountSyntax.parse("1,500 tỷ", rates: rates) } throws: { error in
            "\(error)".contains("1.500 (Vietnamese grouping) for 1500, or 1,5 for the decimal")
        }
        #expect { try AmountSyntax.parse("1.234", rates: rates) } throws: { error in
            "\(error)".contains("1234 or 1,234 for 1234, VND 1.234 for đồng")
        }
    }

    @Test func numberFormats() {
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(1_234_567, language: .vi) == "1.234.567")
        #expect(NumberFormat.grouped(0.75, language: .vi, decimals: 2) == "0,75")
        #expect(NumberFormat.compactUSD(9_500_000) == "USD 9.5M")
        #expect(NumberFormat.compactUSD(850_000) == "USD 850k")
    }

    /// Under --lang vi, what an amount assumed reads in Vietnamese too (issue 18, item 7).
    @Test func inferredCurrencyNoteInVietnamese() throws {
        let rates = RateTable(rates: [.init(currency: "VND", year: 2025, perUSD: 25_000)])
        let vnd = try AmountSyntax.parse("50 tỷ", rates: rates)
        let usd = try AmountSyntax.parse("2.5M", rates: rates)
        #expect(vnd.currencyInferredVI == "không ghi đơn vị tiền; \"tỷ\" là đơn vị tiếng Việt nên là VND")
        #expect(usd.currencyInferredVI == "không ghi đơn vị tiền; mặc định là USD")
        #expect(try AmountSyntax.parse("USD 2.5M", rates: rates).currencyInferredVI == nil)
        let line = AssumedDefault.line(AssumedDefault.of(vnd, field: "budget") + AssumedDefault.of(usd, field: "counterpart"), .vi) ?? ""
        #expect(line == "giả định: ngân sách: đơn vị tiền VND (không ghi đơn vị tiền; \"tỷ\" là đơn vị tiếng Việt nên là VND); ngân sách: năm tỷ giá 2025 (nhu cầu không có ngày; dùng 25.000 VND/USD, tỷ giá gần nhất); vốn đối ứng: đơn vị tiền USD (không ghi đơn vị tiền; mặc định là USD)")
        #expect(!line.contains("no currency written"))
        // English stays as it was.
        #expect(AssumedDefault.line(AssumedDefault.of(vnd, field: "budget"))?.contains("no currency written; \"tỷ\" is a Vietnamese unit, so VND") == true)
        #expect(vnd.conversionNote(.vi) == "VND 50.000.000.000 theo tỷ giá 25.000 VND/USD (2025)")
        #expect(vnd.conversionNote(.en) == vnd.conversionNote)
    }
}
