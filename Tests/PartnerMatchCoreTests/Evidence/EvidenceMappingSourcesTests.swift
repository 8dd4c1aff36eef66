import Foundation
import Testing
@testable import PartnerMatchCore

/// What the mapping language gained for the OECD CRS files and the IATI Datastore CSV: the
/// delimiter and quoting, UTF-16, keepRows, merged repeated ids, joined columns, `where` on
/// parallel lists and stated partner links; and the errors of each, located.
@Suite struct EvidenceMappingSourcesTests {
    func mapping(_ json: String) throws(InputErrors) -> EvidenceMapping { try EvidenceMapping.parse(Array(json.utf8), file: "m.json") }
    let context = EvidenceContext(reference: Fixtures.reference)

    static let pipeMap = """
        {"delimiter": "|", "quoting": false, "repeatedIds": "merge",
         "keepRows": {"column": "Recipient", "values": [769], "label": "Viet Nam"},
         "fixed": {"currency": "USD", "recipientCountry": "VN"},
         "columns": {"id": {"column": ["Year", "Donor", "Id"], "join": "-"}, "title": "Title",
                     "funderName": {"column": ["Donor", "Agency"]}, "commitment": {"column": "Amount", "multiplier": 1000000},
                     "sector": "Purpose"},
         "partners": {"Korea / KOICA": ["koica-grants"], "Kuwait": ["kfaed-loans"]}}
        """

    @Test func pipeSeparatedRowsAreFilteredMergedAndLinked() throws {
        let text = """
            Year|Donor|Agency|Id|Recipient|Title|Amount|Purpose
            2015|Korea|KOICA|7|769|Health "posts"|0.4|12220
            2015|Korea|KOICA|7|769|Health "posts"|0.1|12261
            2015|Kuwait|Kuwait Fund|9|769|Roads|12.5|21020
            2015|Japan|JICA|8|745|Bridge|40|21020
            """
        let r = try mapping(Self.pipeMap).read(text, file: "crs.txt", context: context)
        #expect(r.skippedByFilter == 1)
        #expect(r.activities.map(\.identifier) == ["2015-Korea-7", "2015-Kuwait-9"])
        let koica = r.activities[0]
        #expect(koica.title == "Health \"posts\"")
        #expect(koica.value?.usd == 500_000)
        #expect(koica.sectors.map(\.code) == ["12220", "12261"])
        #expect(koica.sectors.allSatisfy { $0.percentage == nil })
        #expect(koica.funders.first?.name == "Korea / KOICA")
        #expect(koica.funders.first?.partners == ["koica-grants"])
        // "Kuwait / Kuwait Fund" is not in the map: its donor's name is
        #expect(r.activities[1].funders.first?.partners == ["kfaed-loans"])
    }

    @Test func utf16LittleAndBigEndianReadAsUTF8() throws {
        let text = "Year|Donor|Agency|Id|Recipient|Title|Amount|Purpose\r\n2015|Korea|KOICA|7|769|Nước sạch 💧|0.4|14030\r\n"
        let m = try mapping(Self.pipeMap)
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for u in text.utf16 { bytes += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
            var titles: [String] = []
            _ = try m.read(MemoryByteSource(bytes, chunk: 3), file: "f.txt", context: context) { titles.append($0.title ?? "") }
            #expect(titles == ["Nước sạch 💧"])
        }
    }

    @Test func whereSelectsItemsOfParallelLists() throws {
        let m = try mapping("""
            {"fixed": {"funderName": "ADB", "currency": "USD"},
             "columns": {"id": "id",
               "commitment": {"column": "value", "separator": "|", "where": {"column": "type", "values": ["2"]}},
               "startDate": {"column": "date", "separator": "|", "date": "YYYY-MM-DD", "where": {"column": "date_type", "values": ["2", "1"]}}}}
            """)
        let r = try m.read("""
            id,value,type,date,date_type
            A,5|7|100,2|3|2,2018-01-01|2018-06-01,1|2
            B,1,2,2019-02-02,1
            """, file: "d.csv", context: context)
        #expect(r.activities.map { $0.value?.usd } == [105, 1])
        #expect(r.activities.map(\.startDate) == ["2018-06-01", "2019-02-02"])   // actual (2) before planned (1)
        // Lists that do not line up are an error at the row and column
        #expect {
            _ = try m.read("id,value,type,date,date_type\nA,5|7,2,2018-01-01,1\n", file: "d.csv", context: context)
        } throws: { e in "\(e)".contains("d.csv:2:3") && "\(e)".contains("2 items, but 1 in type") }
    }

    @Test func mistakesInTheNewKeysAreLocated() {
        func error(_ json: String) -> String {
            do { _ = try mapping(json); return "" } catch { return "\(error)" }
        }
        let base = #""fixed": {"funderName": "X"}, "columns": {"id": "id"}"#
        #expect(error("{\(base), \"delimiter\": \"::\"}").contains("m.json:1:"))
        #expect(error("{\(base), \"delimiter\": \"::\"}").contains("expected one of \",\", \";\""))
        #expect(error("{\(base), \"repeatedIds\": \"sum\"}").contains("expected \"error\" or \"merge\""))
        #expect(error("{\(base), \"keepRows\": {\"column\": \"R\"}}").contains("expected a column and at least one value"))
        #expect(error("{\(base), \"partners\": {\"Kuwait\": []}}").contains("expected an array of catalog partner ids"))
        #expect(error(#"{"fixed": {"funderName": "X"}, "columns": {"id": "id", "commitment": {"column": "v", "where": {"column": "t", "values": ["2"]}}}}"#)
            .contains("columns.commitment.separator: missing"))
    }

    @Test func aMissingKeepRowsColumnIsAnError() throws {
        let m = try mapping(Self.pipeMap)
        #expect {
            _ = try m.read("Year|Donor|Agency|Id|Title|Amount|Purpose\n2015|K|A|1|T|1|12220\n", file: "x.txt", context: context)
        } throws: { e in "\(e)".contains("x.txt:1") && "\(e)".contains("Recipient") && "\(e)".contains("keepRows") }
    }
}
