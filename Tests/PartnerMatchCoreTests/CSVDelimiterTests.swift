import Testing
@testable import PartnerMatchCore

@Suite struct CSVDelimiterTests {
    @Test func theHeaderLineTellsTheSeparator() {
        #expect(CSV.detectDelimiter(headerOf: "id;title_vi;budget\n1,5;x;y") == .semicolon)
        #expect(CSV.detectDelimiter(headerOf: "\u{FEFF}id\ttitle\tbudget\r\na,b,c,d") == .tab)
        #expect(CSV.detectDelimiter(headerOf: "id,title,budget\na;b;c;d;e") == .comma)
        #expect(CSV.detectDelimiter(headerOf: "\"a;b;c\",d") == .comma)
        #expect(CSV.detectDelimiter(headerOf: "id") == .comma)
    }

    @Test func aHeaderSplitWithTheWrongSeparatorSaysWhichToUse() throws {
        #expect(throws: InputError.self) { try CSVColumns.checkNeedHeader(["id;title_vi;province"], file: "f.csv") }
        do { try CSVColumns.checkNeedHeader(["id;title_vi;province"], file: "f.csv") } catch {
            #expect(error.message.contains("--delimiter semicolon"))
        }
    }
}
