import Foundation
import Testing
import PartnerMatchCore
import PartnerMatchStore
@testable import PartnerMatchService

/// Issue 14, items 3 and 4: no record of a CSV or JSON-array batch is lost without a
/// word.
@Suite struct ProposalFramingTests {
    static let header = "id,title_vi,province,applicant,sectors,budget,currency\n"
    static func row(_ id: String, title: String = "T") -> String { "\(id),\(title),Sơn La,commune,21020,5k,\n" }

    /// One stray quote swallowed the 12 records after it ("1 of 1 records failed" for 13).
    @Test func aStrayQuoteFailsItsRecordOnly() throws {
        var text = Self.header + Self.row("c0") + Self.row("c1", title: "Cầu 5\" dài")
        for i in 2..<13 { text += Self.row("c\(i)") }
        let path = writeTemp("p.csv", text)
        let got = summary(try readAll(path))
        #expect(got.count == 13)
        #expect(got[1] == "1@3: \(path):3:9: malformed CSV: a '\"' inside an unquoted field; expected the whole field in double quotes, with each '\"' doubled")
        #expect(got.filter { $0.contains(": ok c") }.count == 12, "\(got)")
        #expect(got.last == "12@14: ok c12")
    }

    @Test func quotedFieldsStillSpanLinesAndDoubleQuotes() throws {
        let text = Self.header + "c1,\"Cầu \"\"Mới\"\"\nhai dòng\",Sơn La,commune,21020,5k,\n" + Self.row("c2") + "c3,\"x\"y,Sơn La,commune,21020,5k,\n" + Self.row("c4")
        let path = writeTemp("p.csv", text)
        let recs = try readAll(path)
        #expect(summary(recs) == ["0@2: ok c1", "1@4: ok c2",
                                  "2@5: \(path):5:7: malformed CSV: unexpected text after the closing '\"' of a quoted field; expected ',' or the end of the line",
                                  "3@6: ok c4"])
        if case .success(let n) = recs[0].result { #expect(n.title.vi == "Cầu \"Mới\"\nhai dòng") }
        // An unclosed quote is reported where it opened.
        let open = writeTemp("p.csv", Self.header + Self.row("c1") + "c2,\"never closed,Sơn La\n" + Self.row("c3"))
        #expect(summary(try readAll(open)).last == "1@3: \(open):3:4: malformed CSV: the quoted field opened at line 3, column 4 is not closed before the end of the input; expected a closing '\"'")
    }

    /// Bare-CR line ends: the whole file was read as the header, exit 0.
    @Test func bareCRLineEndsAreLineEnds() throws {
        let lf = Self.header + Self.row("c1") + Self.row("c2") + "c3,T,Sơn La,commune,99999,5k,\n"
        let cr = writeTemp("p.csv", lf.replacingOccurrences(of: "\n", with: "\r"))
        let crlf = writeTemp("p.csv", lf.replacingOccurrences(of: "\n", with: "\r\n"))
        let expected = ["0@2: ok c1", "1@3: ok c2"]
        for path in [cr, crlf] {
            let got = summary(try readAll(path))
            #expect(Array(got.prefix(2)) == expected, "\(got)")
            #expect(got.count == 3 && got[2].hasPrefix("2@4: \(path):4:5: proposal \"c3\", field sectors[0].code"), "\(got)")
        }
        // A CR inside quotes is data, and a mix of endings keeps line numbers.
        let mixed = writeTemp("p.csv", Self.header + "c1,\"a\rb\",Sơn La,commune,21020,5k,\r" + Self.row("c2") + "c3,T,Sơn La,commune,99999,5k,\n")
        let recs = try readAll(mixed)
        #expect(summary(recs).prefix(2) == ["0@2: ok c1", "1@3: ok c2"])
        #expect(recs.count == 3 && recs[2].line == 4)
    }

    static let need = #"{"id":"p1","title":{"vi":"Đường"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000}"#
    static func need(_ id: String) -> String { need.replacingOccurrences(of: "\"p1\"", with: "\"\(id)\"") }

    /// Text after ']' dropped every element on that line and the error (0 of 4 scored, exit 0).
    @Test func textAfterTheArrayIsAnErrorAfterTheElements() throws {
        let path = writeTemp("p.json", "[\(Self.need("a")), \(Self.need("b")), \(Self.need("c")), \(Self.need("d"))] trailing\n")
        let got = summary(try readAll(path))
        #expect(got.count == 5)
        #expect(got.prefix(4).allSatisfy { $0.contains(": ok ") }, "\(got)")
        #expect(got.last?.hasPrefix("4@1: \(path):1:") == true && got.last?.hasSuffix("malformed JSON: unexpected text after the end of the array; expected nothing after ']'") == true, "\(got)")
    }

    @Test(arguments: [
        ("[\(need("a")) \(need("b"))]", "1:\(need("a").count + 3): malformed JSON: unexpected '{' after an array element; expected ',' or ']'"),
        ("[\n\(need("a"))\n\(need("b"))\n]", "3:1: malformed JSON: unexpected '{' after an array element; expected ',' or ']'"),
        ("[,,\(need("a"))]", "1:2: malformed JSON: unexpected ','; expected an element"),
        ("[\(need("a")),,\(need("b"))]", "1:\(need("a").count + 3): malformed JSON: unexpected ','; expected an element"),
        ("[\(need("a")),]", "1:\(need("a").count + 3): malformed JSON: unexpected ']' after ','; expected another element (no trailing comma)"),
        ("[\(need("a")),\n]", "2:1: malformed JSON: unexpected ']' after ','; expected another element (no trailing comma)"),
        ("[1 2]", "1:4: malformed JSON: unexpected '2' after an array element; expected ',' or ']'"),
    ])
    func punctuationErrorsAreLocated(_ text: String, _ expected: String) throws {
        let path = writeTemp("p.json", text + "\n")
        let got = summary(try readAll(path))
        #expect(got.last?.hasSuffix("\(path):\(expected)") == true, "\(got)")
    }

    @Test func wellFormedArraysStillRead() throws {
        for text in ["[]", "[ ]", "[\n]", "[\(Self.need("a"))]", "[\(Self.need("a")) ,\n \(Self.need("b")) ]", "[\n  \(Self.need("a")),\n  \(Self.need("b"))\n]\n"] {
            let got = summary(try readAll(writeTemp("p.json", text)))
            #expect(got.allSatisfy { $0.contains(": ok ") }, "\(text): \(got)")
        }
        let scalars = summary(try readAll(writeTemp("p.json", "[1, \"x\" ,true]")))
        #expect(scalars.count == 3 && scalars.allSatisfy { $0.contains("expected an object") }, "\(scalars)")
    }

    @Test func aDirectoryIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(throws: StoreError.self) { _ = try ProposalReader(path: dir, format: nil, reference: serviceReference) }
        do { _ = try ProposalReader(path: dir, format: nil, reference: serviceReference) } catch {
            #expect(error.description == "\(dir): cannot read: it is a directory; expected a file of proposals")
        }
    }
}
