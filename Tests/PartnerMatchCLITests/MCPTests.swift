import Foundation
import Testing

/// `partnermatch mcp` driven over stdin, as an MCP client would (docs/mcp.md).
@Suite struct MCPTests {
    /// The answers to `lines`, by id, from one `partnermatch mcp` process; every stdout
    /// line must be one JSON object.
    static func exchange(_ cli: CLI, _ lines: [String], command: [String] = ["mcp"]) throws -> (byID: [Int: [String: Any]], lineCount: Int, stderr: String) {
        let r = cli.run(command, stdin: lines.joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        var byID: [Int: [String: Any]] = [:]
        let outLines = r.stdout.split(separator: "\n")
        for line in outLines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            #expect(object["jsonrpc"] as? String == "2.0")
            let id = try #require(object["id"] as? Int, "no numeric id: \(line)")
            byID[id] = object
        }
        return (byID, outLines.count, r.stderr)
    }

    static func request(_ id: Int, _ method: String, _ params: Any? = nil) -> String {
        var object: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method]
        if let params { object["params"] = params }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func call(_ id: Int, _ tool: String, _ arguments: [String: Any]) -> String {
        request(id, "tools/call", ["name": tool, "arguments": arguments])
    }

    static let initialize = request(0, "initialize", ["protocolVersion": "2025-06-18", "capabilities": [:] as [String: Any], "clientInfo": ["name": "swift-test", "version": "1"]])
    static let initialized = #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#

    /// A tool call's result: its text, its structured content and whether it is an error.
    static func result(_ answer: [String: Any]?) throws -> (text: String, structured: [String: Any]?, isError: Bool) {
        let result = try #require(answer?["result"] as? [String: Any], "no result: \(String(describing: answer))")
        let content = try #require(result["content"] as? [[String: Any]])
        #expect(content.count == 1)
        #expect(content.first?["type"] as? String == "text")
        return (content.first?["text"] as? String ?? "", result["structuredContent"] as? [String: Any], result["isError"] as? Bool ?? false)
    }

    /// The same method's result from `serve`, to compare with a tool's structured content.
    static func serve(_ cli: CLI, _ method: String, _ params: [String: Any]) throws -> Any {
        let answers = try exchange(cli, [request(1, method, params)], command: ["serve"])
        return try #require(answers.byID[1]?["result"])
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        let ja = try? JSONSerialization.data(withJSONObject: a, options: [.sortedKeys, .fragmentsAllowed])
        let jb = try? JSONSerialization.data(withJSONObject: b, options: [.sortedKeys, .fragmentsAllowed])
        return ja != nil && ja == jb
    }

    @Test func lifecycleNegotiatesTheVersionAndAnswersPing() throws {
        let cli = CLI()
        let a = try Self.exchange(cli, [
            Self.request(1, "initialize", ["protocolVersion": "2024-11-05", "capabilities": [:] as [String: Any], "clientInfo": ["name": "t", "version": "1"]]),
            Self.initialized,
            Self.request(2, "ping"),
            Self.request(3, "initialize", ["protocolVersion": "1999-01-01", "capabilities": [:] as [String: Any], "clientInfo": ["name": "t", "version": "1"]]),
            Self.request(4, "initialize", ["capabilities": [:] as [String: Any]]),
        ])
        // The notification is not answered: four answers for four requests.
        #expect(a.lineCount == 4)
        let first = try #require(a.byID[1]?["result"] as? [String: Any])
        #expect(first["protocolVersion"] as? String == "2024-11-05")
        #expect(Self.same(first["capabilities"], ["tools": [:] as [String: Any]]))
        let info = try #require(first["serverInfo"] as? [String: Any])
        #expect(info["name"] as? String == "partnermatch")
        #expect((info["version"] as? String)?.isEmpty == false)
        #expect(Self.same(a.byID[2]?["result"], [:] as [String: Any]))
        // A version this server does not speak: it offers its newest.
        #expect((a.byID[3]?["result"] as? [String: Any])?["protocolVersion"] as? String == "2025-11-25")
        let error = try #require(a.byID[4]?["error"] as? [String: Any])
        #expect(error["code"] as? Int == -32602)
        #expect((error["message"] as? String)?.contains("params.protocolVersion") == true)
        #expect(a.stderr.contains("serving MCP"))
    }

    @Test func toolsListGivesEachToolAnObjectSchema() throws {
        let a = try Self.exchange(CLI(), [Self.initialize, Self.initialized, Self.request(1, "tools/list")])
        let tools = try #require((a.byID[1]?["result"] as? [String: Any])?["tools"] as? [[String: Any]])
        #expect(tools.compactMap { $0["name"] as? String } == ["rank_need", "explain_pair", "search_partners", "list_needs", "score_batch", "write_brief"])
        for tool in tools {
            let name = tool["name"] as? String ?? "?"
            #expect((tool["description"] as? String)?.count ?? 0 > 40, "\(name)")
            let schema = try #require(tool["inputSchema"] as? [String: Any], "\(name)")
            #expect(schema["type"] as? String == "object", "\(name)")
            #expect(schema["additionalProperties"] as? Bool == false, "\(name)")
            let properties = try #require(schema["properties"] as? [String: Any], "\(name)")
            let required = try #require(schema["required"] as? [String], "\(name)")
            #expect(Set(required).isSubset(of: properties.keys), "\(name): \(required)")
        }
        let rank = try #require(tools.first { $0["name"] as? String == "rank_need" }?["inputSchema"] as? [String: Any])
        #expect(Set((rank["properties"] as? [String: Any])?.keys ?? [:].keys) == ["need", "sectors", "budget", "budgetUSD", "instrument", "province", "applicant", "themes", "date", "top"])
    }

    @Test func eachToolAnswersWithTextAndTheServeMethodsJSON() throws {
        let cli = CLI()
        let described: [String: Any] = ["sectors": [["code": "12230", "share": 100]], "budget": "80k", "instrument": "grant", "province": "Sơn La", "applicant": "commune", "top": 2]
        let a = try Self.exchange(cli, [
            Self.initialize, Self.initialized,
            Self.call(1, "rank_need", ["need": "sla-road-01", "top": 2]),
            Self.call(2, "rank_need", described),
            Self.call(3, "explain_pair", ["need": "sla-road-01", "partner": "sfd-loans"]),
            Self.call(4, "search_partners", ["text": "koica"]),
            Self.call(5, "list_needs", [:]),
            Self.call(6, "list_needs", ["province": "son la"]),
            Self.call(7, "score_batch", ["needs": ["sla-road-01", ["sectors": [["code": "12230", "share": 100]], "budgetUSD": 80000]], "top": 1]),
            Self.call(8, "write_brief", ["need": "sla-road-01", "language": "en", "top": 2]),
        ])

        let rank = try Self.result(a.byID[1])
        #expect(!rank.isError)
        #expect(Self.same(rank.structured, try Self.serve(cli, "rank", ["need": "sla-road-01", "top": 2])))
        #expect(rank.text.hasPrefix("Need sla-road-01 (rule default"))
        #expect(rank.text.contains("1. ") && rank.text.contains("[sfd-loans]"))

        let adhoc = try Self.result(a.byID[2])
        #expect(!adhoc.isError)
        var params = described
        params["top"] = nil
        #expect(Self.same(adhoc.structured, try Self.serve(cli, "rank", ["need": params, "top": 2])))
        #expect((adhoc.structured?["entries"] as? [[String: Any]])?.first?["partner"] as? String == "japan-grassroots")

        let explain = try Self.result(a.byID[3])
        #expect(Self.same(explain.structured, try Self.serve(cli, "explain", ["need": "sla-road-01", "partner": "sfd-loans"])))
        #expect(explain.text.contains("Partner sfd-loans for need sla-road-01"))
        #expect(explain.text.contains("Filters:") && explain.text.contains("sectorFit"))

        let search = try Self.result(a.byID[4])
        #expect(Self.same(search.structured?["partners"], try Self.serve(cli, "partners.search", ["text": "koica"])))
        #expect(search.text.hasPrefix("1 partner match \"koica\":\n- koica-grants:"))

        let needs = try Self.result(a.byID[5])
        #expect((needs.structured?["needs"] as? [Any])?.count == 3)
        #expect(needs.text.hasPrefix("3 stored needs:") && needs.text.contains("- sla-tea-03:"))
        #expect(Self.same(try Self.result(a.byID[6]).structured?["needs"], try Self.serve(cli, "needs.list", ["province": "son la"])))

        let batch = try Self.result(a.byID[7])
        let rankings = try #require(batch.structured?["rankings"] as? [[String: Any]])
        #expect(rankings.map { $0["need"] as? String } == ["sla-road-01", "ad-hoc"])
        #expect(batch.text.hasPrefix("2 needs ranked."))

        let brief = try Self.result(a.byID[8])
        let file = cli.dir + "/brief.md"
        let r = cli.run(["brief", "sla-road-01", "--lang", "en", "--top", "2", "--out", file])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try String(contentsOfFile: file, encoding: .utf8)
        #expect(brief.text == expected)
        #expect(brief.structured?["markdown"] as? String == expected)
        #expect(brief.structured?["language"] as? String == "en")
    }

    @Test func badArgumentsAreToolErrorsNamingTheArgument() throws {
        let a = try Self.exchange(CLI(), [
            Self.initialize, Self.initialized,
            Self.call(1, "rank_need", ["need": "sla-road-01", "top": 0]),
            Self.call(2, "rank_need", ["need": "sla-road-1"]),
            Self.call(3, "rank_need", ["need": "sla-road-01", "colour": "red"]),
            Self.call(4, "rank_need", ["need": "sla-road-01", "province": "Sơn La"]),
            Self.call(5, "rank_need", ["sectors": [["code": "99999", "share": 100]], "budgetUSD": 1000]),
            Self.call(6, "explain_pair", ["need": "sla-road-01"]),
            Self.call(7, "score_batch", ["needs": Array(repeating: "sla-road-01", count: 101)]),
            Self.call(8, "write_brief", ["need": "sla-road-01", "language": "fr"]),
            Self.call(9, "list_needs", ["province": "Atlantis"]),
            Self.call(10, "explain_pair", ["need": "sla-road-01", "partner": "sfd-loan"]),
            Self.request(11, "tools/call", ["name": "list_needs", "arguments": [1]]),
            Self.call(12, "rank_need", ["need": "sla-road-01", "top": "3"]),
            Self.call(13, "rank_need", [:]),
            Self.call(14, "rank_need", ["sectors": [["code": "14030", "share": 100]]]),
            Self.call(15, "write_brief", ["need": "sla-road-01", "top": 11]),
        ])
        let expected: [Int: String] = [
            1: "Invalid arguments: arguments.top: 0 is out of range; expected a whole number from 1 to 1000",
            2: "Unknown need \"sla-road-1\"; did you mean: sla-road-01",
            3: "Invalid arguments: arguments.colour: unknown argument",
            4: "Invalid arguments: arguments.province: given with need \"sla-road-01\"",
            5: "Invalid need: arguments.sectors[0].code",
            6: "Invalid arguments: arguments.partner: missing; expected a partner id",
            7: "Invalid arguments: arguments.needs: 101 needs; expected 1 to 100",
            8: "Invalid arguments: arguments.language: \"fr\"; expected vi or en",
            9: "Invalid arguments: arguments.province:",
            10: "Unknown partner \"sfd-loan\"; did you mean: sfd-loans?",
            11: "Invalid arguments: arguments: found an array; expected an object of named arguments",
            12: "Invalid arguments: arguments.top: expected a whole number, found a string",
            13: "Invalid arguments: expected need (a stored need id) or a described need",
            14: "Invalid need: arguments.budgetUSD: missing; expected budgetUSD (a number) or budget",
            15: "Invalid arguments: arguments.top: 11; expected a whole number from 1 to 10",
        ]
        for (id, prefix) in expected.sorted(by: { $0.key < $1.key }) {
            let r = try Self.result(a.byID[id])
            #expect(r.isError, "\(id)")
            #expect(r.structured == nil, "\(id)")
            #expect(r.text.hasPrefix(prefix), "\(id): \(r.text)")
        }
    }

    @Test func anUnknownToolIsAProtocolError() throws {
        let a = try Self.exchange(CLI(), [
            Self.initialize, Self.initialized,
            Self.call(1, "rank_needs", [:]),
            Self.request(2, "tools/call", ["arguments": [:] as [String: Any]]),
            Self.request(3, "resources/list"),
        ])
        let unknown = try #require(a.byID[1]?["error"] as? [String: Any])
        #expect(unknown["code"] as? Int == -32602)
        #expect(unknown["message"] as? String == "Unknown tool \"rank_needs\"; did you mean \"rank_need\"?; tools: rank_need, explain_pair, search_partners, list_needs, score_batch, write_brief")
        #expect((a.byID[2]?["error"] as? [String: Any])?["code"] as? Int == -32602)
        #expect((a.byID[3]?["error"] as? [String: Any])?["code"] as? Int == -32601)
    }
}
