import Foundation
import Testing
@testable import PartnerMatchCore

@Suite struct EvidenceMappingTests {
    func mapping(_ json: String) throws(InputErrors) -> EvidenceMapping { try EvidenceMapping.parse(Array(json.utf8), file: "m.json") }

    @Test func readsRowsWithFixedValuesDatesMultipliersListsAndValueMaps() throws {
        let m = try mapping("""
            {"idPrefix": "X-", "fixed": {"funderName": "KOICA", "currency": "USD", "recipientCountry": "VN"},
             "columns": {"id": "id", "title": "name",
               "commitment": {"column": "amount", "multiplier": 1000000},
               "startDate": {"column": "approved", "date": "M/D/YYYY"},
               "period": {"column": "duration", "date": "YYYY-MM-DD~YYYY-MM-DD"},
               "year": {"column": "year", "date": "YYYY"},
               "provinces": {"column": "provinces", "separator": "|"},
               "instrument": {"column": "type", "values": {"Invitation of Trainees": "training", "Other": null}}}}
            """)
        let csv = """
            id,name,amount,approved,duration,year,provinces,type
            1,Road,2.5,12/18/2003,,2003,Son La|Ha Noi City|Vietnam,Invitation of Trainees
            2,School,,,1991-07-01~1991-07-13,1991,,Other
            3,Clinic,1,,,1995,,Unmapped
            """
        let r = try m.read(csv, file: "f.csv", context: EvidenceContext(reference: Fixtures.reference))
        #expect(r.activities.map(\.identifier) == ["X-1", "X-2", "X-3"])
        let a = r.activities[0]
        #expect(a.projectID == "1")
        #expect(a.funders == [EvidenceOrg(name: "KOICA")])
        #expect(a.value == ActivityValue(usd: 2_500_000, basis: .commitments, unconverted: 0))
        #expect(a.startDate == "2003-12-18")
        #expect(a.provinces == ["son-la", "ha-noi"])
        #expect(a.statedInstrument == .training)
        #expect(r.activities[1].dates == [ActivityDate(kind: .startActual, date: "1991-07-01"), ActivityDate(kind: .endActual, date: "1991-07-13")])
        #expect(r.activities[1].statedInstrument == nil)
        #expect(r.activities[2].startDate == "1995")
        #expect(r.warnings.entries.first { $0.kind.hasPrefix("values not in the value map") }?.examples == ["Unmapped"])
    }

    @Test func datesAreWrittenAsZeroPaddedISODates() throws {
        typealias F = EvidenceMapping.DateFormat
        #expect(F.monthDayYear.parse(" 3/7/1996 ") == "1996-03-07")
        #expect(F.dayMonthYear.parse("31/12/2005") == "2005-12-31")
        #expect(F.isoDate.parse("1999-1-5xxxx") == nil)
        #expect(F.isoDate.parse("2001-02-09T00:00:00") == "2001-02-09")
        #expect(F.isoDate.parse("1800-10-1") == nil)
        #expect(F.monthDayYear.parse("13/1/2000") == nil)
        #expect(F.year.parse(" 2200") == "2200")
    }

    @Test func mappingErrorsAreLocated() {
        func errs(_ json: String) -> [String] {
            do { _ = try mapping(json); return [] } catch { return error.errors.map(\.description) }
        }
        #expect(errs("{\"columns\": {\"id\": \"id\", \"titel\": \"x\"}, \"fixed\": {\"funderName\": \"A\"}}") == [
            "m.json:1:26: field columns.titel: unknown field; did you mean \"title\"? expected one of: id, projectID, title, funderName, funderRef, implementer, status, startDate, endDate, period, year, commitment, disbursement, budget, currency, sector, provinces, recipientCountry, instrument, financeType, aidType",
        ])
        #expect(errs("{\"columns\": {\"id\": \"id\"}}").first?.contains("fixed.funderName: missing") == true)
        #expect(errs("{\"fixed\": {\"funderName\": \"A\"},\n \"columns\": {\"id\": \"id\", \"startDate\": {\"column\": \"d\", \"date\": \"DD.MM.YY\"}}}").first.map { $0.hasPrefix("m.json:2:") && $0.contains("field columns.startDate.date: unknown date format \"DD.MM.YY\"") } == true)
        #expect(errs("{\"fixed\": {\"funderName\": \"A\"}, \"columns\": {\"id\": \"id\", \"instrument\": {\"column\": \"t\", \"values\": {\"T\": \"lessons\"}}}}").first?.contains("\"lessons\" is not an instrument") == true)
        #expect(errs("{\"fixed\": {\"funderName\": \"A\"}, \"columns\": {\"id\": \"id\", \"title\": {\"column\": \"t\", \"multiplier\": 2}}}").first?.contains("applies to commitment") == true)
        #expect(errs("{\"columns\": [}").first?.hasPrefix("m.json:1:14: malformed JSON") == true)
    }

    @Test func aRuleThatFailsOnMostRowsIsAnErrorAndAStrayValueAWarning() throws {
        let m = try mapping("{\"fixed\": {\"funderName\": \"A\"}, \"columns\": {\"id\": \"id\", \"startDate\": {\"column\": \"d\", \"date\": \"M/D/YYYY\"}}}")
        let ctx = EvidenceContext(reference: Fixtures.reference)
        let fine = try m.read("id,d\n1,1/2/2003\n2,1/3/2003\n3,0196-07-01\n4,1/5/2003\n", file: "f.csv", context: ctx)
        #expect(fine.activities.count == 4 && fine.activities[2].startDate == nil)
        #expect(fine.warnings.entries.first?.examples == ["line 4 d: \"0196-07-01\" is not a date of the form M/D/YYYY"])
        #expect(throws: InputErrors.self) { try m.read("id,d\n1,2003-01-02\n2,2003-01-03\n3,2003-01-04\n", file: "f.csv", context: ctx) }
        do { _ = try m.read("id,x\n1,2\n", file: "f.csv", context: ctx) } catch { #expect(error.errors[0].description.hasPrefix("f.csv:1: field d: column named by the mapping m.json")) }
        do { _ = try m.read("id,d\n1,\n1,\n", file: "f.csv", context: ctx) } catch { #expect(error.errors[0].description == "f.csv:3:1: field id: id \"1\" repeats line 2; expected one row per activity") }
    }
}

/// Issue 14 item 5: amounts in another number format, repeated header columns and
/// ragged rows are errors with their line (and column), never silently re-read.
@Suite struct EvidenceMappingStrictnessTests {
    let ctx = EvidenceContext(reference: Fixtures.reference)

    func mapping(_ numberFormat: String? = nil) throws -> EvidenceMapping {
        let nf = numberFormat.map { "\"numberFormat\": \($0), " } ?? ""
        return try EvidenceMapping.parse(Array("""
            {\(nf)"fixed": {"funderName": "World Bank", "currency": "USD"},
             "columns": {"id": "id", "commitment": {"column": "amount", "multiplier": 1000000}}}
            """.utf8), file: "m.json")
    }

    func firstError(_ m: EvidenceMapping, _ csv: String) -> InputError? {
        do { _ = try m.read(csv, file: "f.csv", context: ctx); return nil } catch { return error.errors.first }
    }

    @Test(arguments: ["\"225,26\"", "\"1.234,5\"", "0x10", "1e", "12.", "$5", "\"1,2345\"", "inf", "NaN"])
    func amountsNotInTheDeclaredFormatAreErrorsWithLineAndColumn(_ amount: String) throws {
        let e = firstError(try mapping(), "id,amount\n1,7.65\nP2,\(amount)\n")
        #expect(e?.line == 3)
        #expect(e?.column == 4)
        #expect(e?.field == "amount")
        #expect(e?.message.contains("number format") == true)
    }

    @Test func aDecimalCommaFormatReadsDecimalCommas() throws {
        let m = try mapping("{\"decimal\": \",\", \"grouping\": \".\"}")
        let r = try m.read("id,amount\n1,\"225,26\"\n2,\"1.234,5\"\n3,7\n", file: "f.csv", context: ctx)
        #expect(r.activities.map { $0.value?.usd } == [225_260_000, 1_234_500_000, 7_000_000])
        // A point is then grouping, and groups are of three digits.
        #expect(firstError(m, "id,amount\n1,7.65\n")?.line == 2)
    }

    @Test func groupingIsOptionalButGroupsThreeDigits() throws {
        let m = try mapping("{\"decimal\": \".\", \"grouping\": \",\"}")
        let r = try m.read("id,amount\n1,\"1,234,567.5\"\n2,1234567.5\n3,-3.2E1\n", file: "f.csv", context: ctx)
        #expect(r.activities.map { $0.value?.usd } == [1_234_567_500_000, 1_234_567_500_000, -32_000_000])
        #expect(firstError(m, "id,amount\n1,\"225,26\"\n")?.column == 3)
    }

    @Test func aNumberFormatThatIsNotOneIsAnErrorInTheMappingFile() {
        #expect(throws: InputErrors.self) { try mapping("{\"decimal\": \";\"}") }
        #expect(throws: InputErrors.self) { try mapping("{\"decimal\": \",\", \"grouping\": \",\"}") }
        #expect(throws: InputErrors.self) { try mapping("{\"decimals\": \",\"}") }
    }

    @Test func aRepeatedHeaderColumnIsAnError() throws {
        let e = firstError(try mapping(), "id,amount,amount\n1,2,3\n")
        #expect(e?.line == 1)
        #expect(e?.column == 11)
        #expect(e?.message.contains("repeats column 2") == true)
    }

    @Test func raggedRowsAreErrorsWithTheirLine() throws {
        let m = try mapping()
        #expect(firstError(m, "id,amount\n1,2\n2,3,4\n3,5\n")?.line == 3)
        #expect(firstError(m, "id,amount\n1,2\n2\n")?.line == 3)
    }

    @Test func nothingReachesTheCallerFromAFileWithAnError() throws {
        var handed = 0
        #expect(throws: InputErrors.self) {
            _ = try mapping().read(MemoryByteSource(Array("id,amount\n1,2\n2,x\n3,4\n".utf8)), file: "f.csv", context: ctx) { _ in handed += 1 }
        }
        // The first row was handed over before the bad one was seen: the caller's
        // transaction is what drops it; rows after an error are not handed over.
        #expect(handed == 1)
    }
}
