import Testing
@testable import PartnerMatchCore

@Suite struct RecordFileTests {
    let reader = RecordFile(reference: Fixtures.reference)

    func needsJSON(_ records: String) -> [UInt8] { Array("[\n\(records)\n]".utf8) }

    let good = """
      {"id": "n1", "title": {"vi": "Đường"}, "province": "Sơn La", "applicant": "province", "sectors": [{"code": "21020", "share": 100}], "budgetUSD": 1000}
    """

    @Test func readsAndCanonicalises() throws {
        let needs = try reader.needs(from: needsJSON(good), file: "n.json")
        #expect(needs.count == 1)
        #expect(needs[0].province == "son-la")
        #expect(needs[0].instrument == .any)
    }

    func firstError(_ bytes: [UInt8], file: String = "n.json") -> InputError? {
        do { _ = try reader.needs(from: bytes, file: file); return nil } catch { return error.errors.first }
    }

    @Test func unknownSectorSuggestsNearest() {
        let e = firstError(needsJSON(good.replacingOccurrences(of: "21020", with: "21029")))
        #expect(e?.description == "n.json:2:110: need \"n1\", field sectors[0].code: unknown sector code \"21029\"; nearest valid codes: 21020, 14030, 12230")
    }

    @Test func budgetMustBePositive() {
        for bad in ["0", "-5"] {
            let e = firstError(needsJSON(good.replacingOccurrences(of: "\"budgetUSD\": 1000", with: "\"budgetUSD\": \(bad)")))
            #expect(e?.field == "budgetUSD")
            #expect(e?.message.contains("not above 0") == true)
        }
        let e = firstError(needsJSON(good.replacingOccurrences(of: "\"budgetUSD\": 1000", with: "\"budgetUSD\": \"lots\"")))
        #expect(e?.message.contains("expected a number, found a string") == true)
    }

    @Test func sharesMustSumTo100() {
        let e = firstError(needsJSON(good.replacingOccurrences(of: "\"share\": 100", with: "\"share\": 90")))
        #expect(e?.field == "sectors")
        #expect(e?.message.contains("sum to 90") == true)
    }

    @Test func unknownProvinceSuggestsNearest() {
        let e = firstError(needsJSON(good.replacingOccurrences(of: "Sơn La", with: "Son Lah")))
        #expect(e?.message == "unknown province \"Son Lah\"; did you mean \"Sơn La\"?; or \"national\" for a nationwide need")
        #expect(e?.line == 2)
    }

    @Test func duplicateIDsInOneFile() {
        let e = firstError(needsJSON(good + ",\n" + good))
        #expect(e?.line == 3)
        #expect(e?.message.contains("duplicate id") == true)
    }

    @Test func malformedJSONNamesLineAndColumn() {
        let e = firstError(Array("[\n {\"id\": \"n1\",,}\n]".utf8))
        #expect(e?.description == "n.json:2:14: malformed JSON: unexpected ',' in an object; expected a member name in double quotes")
    }

    @Test func everyBadRecordIsReported() {
        let bad = good.replacingOccurrences(of: "\"n1\"", with: "\"n2\"").replacingOccurrences(of: "21020", with: "1")
        do { _ = try reader.needs(from: needsJSON(good + ",\n" + bad + ",\n" + bad.replacingOccurrences(of: "n2", with: "n3")), file: "n.json"); Issue.record("should fail") } catch {
            #expect(error.errors.count == 2)
        }
    }

    @Test func csvNeedsWithVNDBudget() throws {
        let csv = """
        id,title_vi,province,applicant,sectors,budget,currency,themes
        c1,Trạm y tế,"Tỉnh Sơn La",commune,"12230:70;12220:30",2 tỷ,VND,health-access|Ethnic minorities
        """
        let needs = try reader.needs(from: Array(csv.utf8), file: "n.csv")
        #expect(needs[0].budgetUSD == 80_000)
        #expect(needs[0].budgetInput == "VND 2,000,000,000 at 25,000 VND/USD (2025)")
        #expect(needs[0].themes == ["health-access", "ethnic-minorities"])
    }

    /// Vietnamese units mean VND without a currency column, and the rate is that of
    /// the need's date (the nearest year when it has none, saying so).
    @Test func csvBudgetsConvertAtTheRateOfTheNeedsYear() throws {
        let csv = """
        id,title_vi,province,applicant,sectors,budget,currency,date
        c1,Trạm y tế,Sơn La,commune,12230,48 tỷ,,2024-05-01
        c2,Trạm y tế,Sơn La,commune,12230,50 tỷ,,2026-05-01
        c3,Trạm y tế,Sơn La,commune,12230,50 tỷ,,
        c4,Trạm y tế,Sơn La,commune,12230,"2,5 triệu",USD,2024-05-01
        """
        let needs = try reader.needs(from: Array(csv.utf8), file: "n.csv")
        #expect(needs.map(\.budgetUSD) == [2_000_000, 2_000_000, 2_000_000, 2_500_000])
        #expect(needs[0].budgetInput == "VND 48,000,000,000 at 24,000 VND/USD (2024)")
        #expect(needs[1].budgetInput == "VND 50,000,000,000 at 25,000 VND/USD (2025, the latest rate; the need is of 2026)")
        #expect(needs[2].budgetInput == "VND 50,000,000,000 at 25,000 VND/USD (2025)")
        #expect(needs[3].budgetInput == nil)
    }

    @Test func csvAmbiguousBudgetIsAnErrorAtItsColumn() {
        let csv = "id,title_vi,province,applicant,sectors,budget\nc1,T,Sơn La,commune,21020,5.000.000.000\n"
        let e = firstError(Array(csv.utf8), file: "n.csv")
        #expect(e?.location == "n.csv:2:6")
        #expect(e?.message.contains("names no currency") == true)
    }

    /// A nationwide need is `national` in JSON and CSV files, in any of its spellings.
    @Test func nationalNeedsInJSONAndCSV() throws {
        for spelling in ["national", "National", "toàn quốc", "nationwide"] {
            let json = good.replacingOccurrences(of: "\"Sơn La\"", with: "\"\(spelling)\"")
            #expect(try reader.needs(from: needsJSON(json), file: "n.json")[0].province == "national")
        }
        let csv = "id,title_vi,province,applicant,sectors,budget\nc1,T,Toàn quốc,ministry,21020,5M\nc2,T,national,ministry,21020,5M\n"
        #expect(try reader.needs(from: Array(csv.utf8), file: "n.csv").map(\.province) == ["national", "national"])
    }

    @Test func csvErrorsNameLineAndColumn() {
        let csv = "id,title_vi,province,applicant,sectors,budget\nc1,T,Sơn La,commune,21020,-5\nc2,T,Sơn La,mayor,21020,5\n"
        do { _ = try reader.needs(from: Array(csv.utf8), file: "n.csv"); Issue.record("should fail") } catch {
            #expect(error.errors.map(\.location) == ["n.csv:2:6", "n.csv:3:4"])
            #expect(error.errors[1].message.contains("\"mayor\" is not accepted; expected one of ministry, province"))
        }
        let header = "id,title_vi,provnce,applicant,sectors,budget\n"
        #expect(firstError(Array(header.utf8) + Array("c1,T,Sơn La,commune,21020,5\n".utf8), file: "n.csv")?.message.contains("did you mean \"province\"") == true)
    }

    @Test func csvRoundTripIsLossless() throws {
        let needs = try reader.needs(from: Array(Fixtures.bytes("needs/fixture.json")), file: "fixture.json")
        let csv = CSV.write(header: CSVColumns.need, rows: needs.map(\.csvFields), bom: true)
        #expect(try reader.needs(from: Array(csv.utf8), file: "x.csv") == needs)
        let partners = try reader.partners(from: Fixtures.bytes("partners/sfd-loans.json"), file: "sfd.json")
        let pcsv = CSV.write(header: CSVColumns.partner, rows: try partners.map { try $0.csvFields })
        #expect(try reader.partners(from: Array(pcsv.utf8), file: "p.csv") == partners)
    }

    @Test func partnerFiguresNeedSourceOrEstimate() {
        var text = String(decoding: Fixtures.bytes("partners/sfd-loans.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"provenance\": {\"source\": \"s1\"}, \"status\"", with: "\"provenance\": {\"source\": \"s9\"}, \"status\"")
        do { _ = try reader.partners(from: Array(text.utf8), file: "p.json"); Issue.record("should fail") } catch {
            #expect(error.errors[0].field == "instruments[0].provenance.source")
            #expect(error.errors[0].message.contains("not the id of an entry in sources"))
        }
    }
}

@Suite struct CSVTests {
    @Test func quotedFieldsAndLineNumbers() throws {
        let rows = try CSV.parse("\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",\"multi\nline\"\n\nlast,1")
        #expect(rows.map(\.fields) == [["a", "b"], ["x, \"y\"", "multi\nline"], ["last", "1"]])
        #expect(rows.map(\.line) == [1, 2, 5])
    }

    @Test func unclosedQuoteIsAnError() {
        #expect { try CSV.parse("a\n\"open") } throws: { "\($0)".contains("not closed") }
    }

    @Test func writesExcelFriendlyCSV() {
        #expect(CSV.write(header: ["a", "b"], rows: [["x,y", "Sơn La"]], bom: true) == "\u{FEFF}a,b\r\n\"x,y\",Sơn La\r\n")
    }
}

@Suite struct TableTests {
    /// Decomposed (NFD) text is padded by characters, not scalars; a table writes it
    /// composed (NFC), JSON Lines as given. Compared as UTF-8: Swift's `==` holds NFC and
    /// NFD equal, so it could not tell which one came out.
    @Test func alignsVietnameseTextByCharacters() throws {
        let nfd = "Điện Biên".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Điện Biên".unicodeScalars.count)
        let t = Table(columns: [.init("n", "Name"), .init("v", "Value", alignRight: true)],
                      rows: [[.text(nfd), .number(1, "1")], [.text("Ha"), .number(22, "22")]])
        let nfc = "Điện Biên".precomposedStringWithCanonicalMapping
        #expect(Array(try t.render(.table).utf8) == Array("Name       Value\n---------  -----\n\(nfc)      1\nHa            22\n".utf8))
        #expect(Array(try t.render(.jsonl).utf8) == Array("{\"n\":\"\(nfd)\",\"v\":1}\n{\"n\":\"Ha\",\"v\":22}\n".utf8))
        #expect(try t.render(.markdown).hasPrefix("| Name | Value |\n| --- | ---: |\n"))
    }
}
