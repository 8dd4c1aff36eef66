import Testing
@testable import PartnerMatchCore

@Suite struct JSONParserTests {
    @Test func parsesWithPositions() throws {
        let v = try JSONParser.parse("{\n  \"a\": [1, \"Sơn La\", true],\n  \"b\": null\n}")
        #expect(v["a"]?.position == SourcePosition(line: 2, column: 8, offset: 9))
        guard case .array(let items)? = v["a"]?.node else { Issue.record("not an array"); return }
        #expect(items[1].node == .string("Sơn La"))
        #expect(items[2].position.column == 22)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "1:9", "member name"),
        ("[1, 2", "1:6", "end of input"),
        ("{\"a\" 1}", "1:6", "expected ':'"),
        ("\n\n  [01]", "3:4", "leading zero"),
        ("{\"a\": 1, \"a\": 2}", "1:10", "appears twice"),
        ("\"\u{01}\"", "1:2", "control character"),
        ("[1] 2", "1:5", "after the end"),
        ("[NaN]", "1:2", "JSON value"),
        ("\"\\ud800\"", "1:8", "surrogate"),
    ])
    func reportsWhere(_ text: String, _ at: String, _ fragment: String) {
        #expect { try JSONParser.parse(text) } throws: { error in
            let e = error as! JSONParser.Error
            return "\(e.position)" == at && e.message.contains(fragment)
        }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect { try JSONParser.parse(deep) } throws: { "\($0)".contains("nesting") }
    }

    @Test func decodesEscapesAndSurrogates() throws {
        #expect(try JSONParser.parse("\"\\u0110i\\u1ec7n \\ud83d\\ude00\\n\"").node == .string("Điện 😀\n"))
    }
}

@Suite struct JSONValueDecoderTests {
    struct Sample: Codable, Equatable { var name: String; var count: Int; var kind: Instrument? }

    @Test func decodesAndFlagsUnknownKeys() throws {
        let ok = try JSONValueDecoder().decode(Sample.self, from: JSONParser.parse("{\"name\": \"x\", \"count\": 2, \"kind\": \"grant\"}"))
        #expect(ok == Sample(name: "x", count: 2, kind: .grant))
        #expect { try JSONValueDecoder().decode(Sample.self, from: JSONParser.parse("{\"name\": \"x\",\n \"count\": 2, \"knd\": 1}")) } throws: { error in
            let f = error as! JSONValueDecoder.Failure
            return f.position.line == 2 && f.path == "knd" && f.message.contains("did you mean \"kind\"")
        }
    }

    @Test func namesFieldAndExpectedType() {
        #expect { try JSONValueDecoder().decode(Sample.self, from: JSONParser.parse("{\"name\": \"x\",\n  \"count\": \"two\"}")) } throws: { error in
            let f = error as! JSONValueDecoder.Failure
            return "\(f)" == "2:12: field count: expected a whole number, found a string \"two\""
        }
        #expect { try JSONValueDecoder().decode(Sample.self, from: JSONParser.parse("{\"count\": 1}")) } throws: { error in
            "\(error)".contains("field name: missing")
        }
        #expect { try JSONValueDecoder().decode(Sample.self, from: JSONParser.parse("{\"name\": \"x\", \"count\": 1.5}")) } throws: { error in
            "\(error)".contains("whole number")
        }
    }

    @Test func vocabularyErrorsListAcceptedValues() {
        #expect { try JSONValueDecoder().decode(Sample.self, from: JSONParser.parse("{\"name\": \"x\", \"count\": 1, \"kind\": \"gift\"}")) } throws: { error in
            let text = "\(error)"
            return text.contains("field kind") && text.contains("\"gift\" is not accepted; expected one of grant, concessional-loan")
                && !text.contains("Instrument")  // no Swift type names for users
        }
    }
}

/// A required key reported as missing because it was misspelt names the typo.
@Suite struct MisspeltRequiredKeyTests {
    @Test func aMisspeltBudgetIsNamedWithTheKeyItMeant() throws {
        let text = "{\"id\": \"n1\", \"title\": {\"vi\": \"Đường\"}, \"province\": \"Sơn La\", \"applicant\": \"province\",\n \"sectors\": [{\"code\": \"21020\", \"share\": 100}], \"budjet\": 5000}"
        #expect { try JSONValueDecoder().decode(Need.self, from: JSONParser.parse(text)) } throws: { error in
            let f = error as! JSONValueDecoder.Failure
            return f.path == "budgetUSD" && f.message.contains("\"budjet\"") && f.message.contains("did you mean \"budgetUSD\"")
                && f.position.line == 2 && f.position.column == 48
        }
    }

    @Test func aMisspeltWeightInARuleIsNamed() throws {
        let rule = "{\"name\": \"mine\", \"version\": \"1\", \"features\": {\"sectorFit\": {\"weigth\": 30}}}"
        #expect { try Rule.parse(rule) } throws: { error in
            let e = error as! RuleError
            return e.message.contains("\"weigth\"") && e.message.contains("did you mean \"weight\"")
        }
    }

    @Test func aMissingKeyWithNoLookalikeIsStillJustMissing() throws {
        let text = "{\"id\": \"n1\", \"title\": {\"vi\": \"Đường\"}, \"province\": \"Sơn La\", \"applicant\": \"province\", \"sectors\": [], \"zzz\": 1}"
        #expect { try JSONValueDecoder().decode(Need.self, from: JSONParser.parse(text)) } throws: { error in
            let f = error as! JSONValueDecoder.Failure
            return f.path == "budgetUSD" && f.message == "missing; this field is required"
        }
    }
}
