import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// One MCP tool: its name, description and the JSON Schema of its input.
struct MCPTool {
    var name: String
    var title: String
    var description: String
    /// The JSON Schema of `arguments`, as JSON text.
    var inputSchema: String
    /// The property names of the schema (what `tools/call` accepts).
    var properties: [String]

    var json: String {
        "{\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false},\"description\":" + JSONText.quote(description)
            + ",\"inputSchema\":" + inputSchema + ",\"name\":" + JSONText.quote(name) + ",\"title\":" + JSONText.quote(title) + "}"
    }
}

enum MCPTools {
    static let maxBatch = 100

    /// The fields of a described need, as JSON Schema properties (without braces).
    static let needFields = """
        "sectors":{"type":"array","minItems":1,"description":"OECD DAC/CRS purpose codes with their shares of the budget (percent, summing to 100), e.g. [{\\"code\\":\\"31120\\",\\"share\\":70},{\\"code\\":\\"32161\\",\\"share\\":30}]","items":{"type":"object","properties":{"code":{"type":"string","description":"a 5-digit DAC/CRS purpose code"},"share":{"type":["number","string"],"description":"percent of the budget (70 or \\"70%\\")"}},"required":["code","share"],"additionalProperties":false}},\
        "budget":{"type":"string","description":"the budget in the amount syntax: \\"50 tỷ\\", \\"2,5 triệu USD\\", \\"2.5M\\" (VND converted at the rate of the year of date)"},\
        "budgetUSD":{"type":"number","exclusiveMinimum":0,"description":"the budget in US dollars (instead of budget)"},\
        "instrument":{"type":"string","enum":["grant","loan","investment","technical-assistance","any"],"description":"the instrument sought (default any)"},\
        "province":{"type":"string","description":"the province, any spelling (\\"Sơn La\\", \\"son la\\"), or \\"national\\" (default national)"},\
        "applicant":{"type":"string","enum":["ministry","province","commune","ngo","enterprise"],"description":"who applies (default province)"},\
        "themes":{"type":"array","items":{"type":"string"},"description":"cross-cutting themes, e.g. green-growth, gender, climate-adaptation"},\
        "date":{"type":"string","description":"the need's date (YYYY-MM-DD): the year of the VND rate"}
        """
    static let needFieldNames = ["sectors", "budget", "budgetUSD", "instrument", "province", "applicant", "themes", "date"]

    static let all: [MCPTool] = [
        MCPTool(
            name: "rank_need", title: "Rank partners for a need",
            description: "Rank the foreign partners and development funds for a Vietnamese project need: a stored need (need: its id, from list_needs) or a need described by its fields (sectors and budget or budgetUSD required; province, applicant and instrument assumed when left out, and said so). Returns the ranked partners with scores, match strength and a verdict when none is a strong match.",
            inputSchema: """
                {"type":"object","properties":{"need":{"type":"string","description":"a stored need id (from list_needs); leave out to describe the need with the fields below"},\(needFields),"top":{"type":"integer","minimum":1,"maximum":1000,"description":"how many partners (default 10)"}},"required":[],"additionalProperties":false}
                """,
            properties: ["need"] + needFieldNames + ["top"]),
        MCPTool(
            name: "explain_pair", title: "Explain a partner's score for a need",
            description: "Explain why a partner scores as it does for a stored need: each eligibility filter (passed or not, and why) and each feature's value, weight, contribution and reason, in English and Vietnamese.",
            inputSchema: """
                {"type":"object","properties":{"need":{"type":"string","description":"a stored need id (from list_needs)"},"partner":{"type":"string","description":"a partner id (from search_partners or rank_need)"}},"required":["need","partner"],"additionalProperties":false}
                """,
            properties: ["need", "partner"]),
        MCPTool(
            name: "search_partners", title: "Search partners",
            description: "Find partners by name, acronym or words (case-, diacritic- and Đ-insensitive, English or Vietnamese). Returns partner summaries: id, name, kind, origin, instruments with ticket sizes in USD.",
            inputSchema: """
                {"type":"object","properties":{"text":{"type":"string","minLength":1,"maxLength":\(CatalogMethods.maximumSearchLength),"description":"words to find, e.g. \\"KOICA\\" or \\"quỹ\\""}},"required":["text"],"additionalProperties":false}
                """,
            properties: ["text"]),
        MCPTool(
            name: "list_needs", title: "List stored needs",
            description: "List the stored project needs, optionally of one province: id, title, province, sectors, budget, instrument.",
            inputSchema: """
                {"type":"object","properties":{"province":{"type":"string","description":"a province, any spelling (\\"Sơn La\\", \\"son-la\\")"}},"required":[],"additionalProperties":false}
                """,
            properties: ["province"]),
        MCPTool(
            name: "score_batch", title: "Rank partners for several needs",
            description: "Rank the partners for up to \(maxBatch) needs at once, each a stored need id or a described need (the fields of rank_need). Returns one ranking per need, in order.",
            inputSchema: """
                {"type":"object","properties":{"needs":{"type":"array","minItems":1,"maxItems":\(maxBatch),"items":{"anyOf":[{"type":"string","description":"a stored need id"},{"type":"object","properties":{"id":{"type":"string","description":"a name for this described need"},\(needFields)},"required":["sectors"],"additionalProperties":false}]}},"top":{"type":"integer","minimum":1,"maximum":1000,"description":"how many partners per need (default 10)"}},"required":["needs"],"additionalProperties":false}
                """,
            properties: ["needs", "top"]),
        MCPTool(
            name: "write_brief", title: "Write a meeting brief",
            description: "Write the one-page meeting brief of a stored need as Markdown: the need's facts, the best partners with their scores, why, past projects, instruments, application windows, contacts and sources.",
            inputSchema: """
                {"type":"object","properties":{"need":{"type":"string","description":"a stored need id (from list_needs)"},"language":{"type":"string","enum":["vi","en"],"description":"the brief's language (default vi)"},"top":{"type":"integer","minimum":1,"maximum":\(MeetingBrief.maxPartners),"description":"how many partners (default 8)"}},"required":["need"],"additionalProperties":false}
                """,
            properties: ["need", "language", "top"]),
    ]
}

extension MCPServer {
    /// A tool's answer: the text for a reader and the structured JSON (an object).
    struct Output {
        var text: String
        var structured: String
    }

    func call(_ tool: MCPTool, _ a: MCPArguments) throws(JSONRPC.Failure) -> Output {
        try a.only(tool.properties)
        switch tool.name {
        case "rank_need":
            var params: [(String, String)] = []
            let described = a.members.filter { MCPTools.needFieldNames.contains($0.key) }
            if let id = try a.string("need", "a stored need id (a string)") {
                if let extra = described.first {
                    throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.\(extra.key): given with need \"\(JSONRPC.clip(id))\"; expected either a stored need id or a described need, not both", data: ["field": "arguments.\(extra.key)"])
                }
                params.append(("need", JSONText.quote(id)))
            } else {
                guard !described.isEmpty else {
                    throw JSONRPC.Failure(.invalidParams, "Invalid arguments: expected need (a stored need id) or a described need (sectors and budget or budgetUSD)", data: ["field": "arguments.need"])
                }
                params.append(("need", "{" + described.map { JSONText.quote($0.key) + ":" + JSONWriter.text($0.value) }.joined(separator: ",") + "}"))
            }
            if let top = a["top"] { params.append(("top", JSONWriter.text(top))) }
            let json = try methods.call("rank", JSONWriter.parse(JSONWriter.object(params)))
            return Output(text: MCPSummary.ranking(try JSONWriter.parse(json)), structured: json)
        case "explain_pair":
            let need = try a.required("need", "a stored need id")
            let partner = try a.required("partner", "a partner id")
            let json = try methods.call("explain", JSONWriter.parse(JSONWriter.object([("need", try idText(need, "need")), ("partner", try idText(partner, "partner"))])))
            return Output(text: MCPSummary.explanation(try JSONWriter.parse(json)), structured: json)
        case "search_partners":
            let text = try a.required("text", "words to find (a string)")
            guard case .string(let s) = text.node, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.text: expected a non-empty string", data: ["field": "arguments.text"])
            }
            let json = try methods.call("partners.search", JSONWriter.parse(JSONWriter.object([("text", JSONWriter.text(text))])))
            return Output(text: MCPSummary.partners(try JSONWriter.parse(json), query: s), structured: "{\"partners\":" + json + "}")
        case "list_needs":
            var params: [(String, String)] = []
            if let p = a["province"], p.node != .null { params.append(("province", JSONWriter.text(p))) }
            let json = try methods.call("needs.list", JSONWriter.parse(JSONWriter.object(params)))
            return Output(text: MCPSummary.needs(try JSONWriter.parse(json)), structured: "{\"needs\":" + json + "}")
        case "score_batch":
            let needs = try a.required("needs", "an array of stored need ids or described needs")
            guard case .array(let items) = needs.node else {
                throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.needs: found \(needs.kindDescription); expected an array of stored need ids or described needs", data: ["field": "arguments.needs"])
            }
            guard (1...MCPTools.maxBatch).contains(items.count) else {
                throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.needs: \(items.count) needs; expected 1 to \(MCPTools.maxBatch) (use partnermatch score for larger batches)", data: ["field": "arguments.needs"])
            }
            var params = [("needs", JSONWriter.text(needs))]
            if let top = a["top"] { params.append(("top", JSONWriter.text(top))) }
            let json = try methods.call("score", JSONWriter.parse(JSONWriter.object(params)))
            let parsed = try JSONWriter.parse(json)
            guard case .array(let rankings) = parsed.node else { throw JSONRPC.Failure(.internalError, "Internal error: score returned \(parsed.kindDescription)") }
            let text = "\(rankings.count) needs ranked.\n\n" + rankings.map(MCPSummary.ranking).joined(separator: "\n\n")
            return Output(text: text, structured: "{\"rankings\":" + json + "}")
        case "write_brief":
            _ = try a.required("need", "a stored need id")
            let id = try a.string("need", "a stored need id (a string)") ?? ""
            var language = Language.vi
            if let l = try a.string("language", "vi or en") {
                guard let parsed = Language(rawValue: l) else {
                    throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.language: \"\(JSONRPC.clip(l))\"; expected vi or en", data: ["field": "arguments.language"])
                }
                language = parsed
            }
            var top = 8
            if let t = a["top"], t.node != .null {
                guard case .number(let d, _) = t.node, d == d.rounded(), (1...Double(MeetingBrief.maxPartners)).contains(d) else {
                    throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.top: \(JSONRPC.clip(JSONWriter.text(t))); expected a whole number from 1 to \(MeetingBrief.maxPartners)", data: ["field": "arguments.top"])
                }
                top = Int(d)
            }
            return try brief(id: id, language: language, top: top)
        default:
            throw JSONRPC.Failure(.invalidParams, "Unknown tool \"\(tool.name)\"")
        }
    }

    /// The JSON text of an id argument, which must be a string.
    private func idText(_ v: JSONValue, _ field: String) throws(JSONRPC.Failure) -> String {
        guard case .string = v.node else {
            throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.\(field): found \(v.kindDescription); expected an id (a string)", data: ["field": "arguments.\(field)"])
        }
        return JSONWriter.text(v)
    }

    /// The brief of `partnermatch brief NEED --out x.md`, with the default rule.
    func brief(id: String, language: Language, top: Int) throws(JSONRPC.Failure) -> Output {
        let need = try session.need(id: id)
        let catalog = try ranking.catalog(nil)
        let r = catalog.rank(need, top: top, explain: true, showExcluded: true)
        let shown = Set(r.entries.map(\.partnerID))
        let activities = try session.storeCall { () throws(StoreError) in try session.store.evidenceActivitiesByPartner(only: shown) }
        let past = PastProject.byPartner(activities, to: need, taxonomy: session.reference.sectors)
        let markdown = MeetingBrief(need: need, ranking: r, catalog: catalog, language: language, pastProjects: past, prepared: DateSyntax.todayUTC()).markdown()
        let structured = JSONWriter.object([
            ("catalogSHA256", JSONText.quote(r.catalogHash)),
            ("language", JSONText.quote(language.rawValue)),
            ("markdown", JSONText.quote(markdown)),
            ("need", JSONText.quote(need.id)),
            ("partners", "[" + r.entries.map { JSONText.quote($0.partnerID) }.joined(separator: ",") + "]"),
            ("rule", "{\"name\":" + JSONText.quote(r.ruleName) + ",\"version\":" + JSONText.quote(r.ruleVersion) + "}"),
        ])
        return Output(text: markdown, structured: structured)
    }
}

/// Short English summaries of the methods' JSON, for the text content of a tool result.
enum MCPSummary {
    static func s(_ v: JSONValue?) -> String? {
        if case .string(let t)? = v?.node { return t }
        return nil
    }

    static func n(_ v: JSONValue?) -> String? {
        if case .number(_, let t)? = v?.node { return t }
        return nil
    }

    static func items(_ v: JSONValue?) -> [JSONValue] {
        if case .array(let a)? = v?.node { return a }
        return []
    }

    /// `{en, vi}` in English, else Vietnamese.
    static func text(_ v: JSONValue?) -> String { s(v?["en"]) ?? s(v?["vi"]) ?? "" }

    static func usd(_ v: JSONValue?) -> String {
        guard case .number(let d, _)? = v?.node else { return "?" }
        if d >= 1e6 { return String(format: "%.2fM USD", d / 1e6) }
        if d >= 1e3 { return String(format: "%.0fk USD", d / 1e3) }
        return String(format: "%.0f USD", d)
    }

    static func ranking(_ v: JSONValue) -> String {
        var out = "Need \(s(v["need"]) ?? "?") (rule \(s(v["rule"]?["name"]) ?? "?") \(s(v["rule"]?["version"]) ?? "")): "
        let entries = items(v["entries"])
        out += "\(entries.count) partners shown of \(n(v["partnerCount"]) ?? "?"), \(n(v["excludedCount"]) ?? "0") excluded by a filter."
        for e in entries {
            out += "\n\(n(e["rank"]) ?? "?"). \(text(e["name"])) [\(s(e["partner"]) ?? "?")]: score \(n(e["score"]) ?? "?"), \(s(e["strength"]) ?? "?") match"
        }
        if let v = v["verdict"] { out += "\n" + text(v) }
        if let w = v["warning"] { out += "\nWarning: " + text(w["message"]) }
        let assumed = items(v["assumed"])
        if !assumed.isEmpty { out += "\nAssumed: " + assumed.map { "\(s($0["field"]) ?? "?") = \(s($0["value"]) ?? "?") (\(s($0["why"]) ?? ""))" }.joined(separator: "; ") }
        return out
    }

    static func explanation(_ v: JSONValue) -> String {
        let eligible = v["eligible"]?.node == .bool(true)
        var out = "Partner \(s(v["partner"]) ?? "?") for need \(s(v["need"]) ?? "?"): " + (eligible ? "eligible, score \(n(v["score"]) ?? "?")" : "not eligible")
        out += "\nFilters:"
        for f in items(v["filters"]) {
            out += "\n- \(f["passed"]?.node == .bool(true) ? "passed" : "FAILED") \(s(f["filter"]) ?? "?"): \(text(f["reason"]))"
        }
        out += "\nFeatures (value × weight = contribution):"
        for f in items(v["features"]) {
            out += "\n- \(s(f["feature"]) ?? "?"): \(n(f["value"]) ?? "?") × \(n(f["weight"]) ?? "?") = \(n(f["contribution"]) ?? "?"): \(text(f["reason"]))"
        }
        return out
    }

    static func partners(_ v: JSONValue, query: String) -> String {
        let list = items(v)
        var out = "\(list.count) partner\(list.count == 1 ? "" : "s") match \"\(query)\"" + (list.isEmpty ? "." : ":")
        for p in list {
            let offers = items(p["instruments"]).map { "\(s($0["instrument"]) ?? "?") \(usd($0["min"]))–\(usd($0["max"]))" }.joined(separator: ", ")
            out += "\n- \(s(p["id"]) ?? "?"): \(text(p["name"])) (\(s(p["kind"]) ?? "?"), \(s(p["origin"]) ?? "?"); \(offers))"
        }
        return out
    }

    static func needs(_ v: JSONValue) -> String {
        let list = items(v)
        var out = "\(list.count) stored need\(list.count == 1 ? "" : "s")" + (list.isEmpty ? "." : ":")
        for need in list {
            let sectors = items(need["sectors"]).map { "\(s($0["code"]) ?? "?") \(n($0["share"]) ?? "?")%" }.joined(separator: ", ")
            out += "\n- \(s(need["id"]) ?? "?"): \(text(need["title"])) (\(s(need["province"]) ?? "?"), \(usd(need["budgetUSD"])), \(s(need["instrument"]) ?? "any"); sectors \(sectors))"
        }
        return out
    }
}
