import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// `partnermatch mcp`: the Model Context Protocol over stdio, layered on the methods of
/// `serve` (docs/mcp.md).
///
/// The framing is `RPCServer`'s (one JSON-RPC message per line); the MCP methods are
/// `initialize`, `notifications/initialized`, `ping`, `tools/list` and `tools/call`.
/// Each tool maps its arguments onto a `serve` method and returns that method's JSON as
/// `structuredContent` (wrapped in an object when it is an array) with a text summary.
/// A tool that fails on its input answers a result with `isError: true`; an unknown tool
/// is a JSON-RPC error -32602, as the specification says.
public final class MCPServer {
    /// The handshake versions this server speaks, newest first: lifecycle, tools/list and
    /// tools/call, the only parts it implements, are the same in each.
    public static let supportedVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

    /// The MCP methods, framed as JSON-RPC.
    public let rpc = RPCServer()
    /// The methods of `serve` the tools call.
    let methods: RPCServer
    let ranking: RankingMethods
    let session: ServiceSession
    let version: String
    /// The version agreed at `initialize` (nil before).
    public private(set) var negotiatedVersion: String?

    public init(session: ServiceSession, version: String) throws(StoreError) {
        self.session = session
        self.version = version
        methods = RPCServer()
        CatalogMethods.register(on: methods, session: session, version: version)
        ranking = try RankingMethods(session: session)
        ranking.register(on: methods)
        registerLifecycle()
        registerTools()
    }

    /// Compiles the default rule now, so that the first tool call is fast.
    public func warmUp() throws(JSONRPC.Failure) { try ranking.warmUp() }

    /// The response line for one input line, or nil for a notification.
    public func handle(line: [UInt8], number: Int) -> String? { rpc.handle(line: line, number: number) }

    private func registerLifecycle() {
        rpc.register("initialize") { params throws(JSONRPC.Failure) in
            guard case .object? = params?.node else {
                throw JSONRPC.Failure(.invalidParams, "Invalid params: expected an object with protocolVersion, capabilities and clientInfo", data: ["field": "params"])
            }
            guard case .string(let asked)? = params?["protocolVersion"]?.node else {
                throw JSONRPC.Failure(.invalidParams, "Invalid params: params.protocolVersion: missing or not a string; expected a date such as \"\(MCPServer.supportedVersions[0])\"", data: ["field": "params.protocolVersion"])
            }
            // The client's version when this server speaks it, else the newest it speaks
            // (the client then decides whether to go on).
            let agreed = MCPServer.supportedVersions.contains(asked) ? asked : MCPServer.supportedVersions[0]
            self.negotiatedVersion = agreed
            let instructions = "PartnerMatch ranks foreign partners and development funds against Vietnamese provincial project needs. Read-only: list_needs and search_partners find ids; rank_need ranks the partners for a stored or described need; explain_pair says why a partner scores as it does; score_batch ranks up to 100 needs; write_brief writes a meeting brief in Markdown."
            return "{\"capabilities\":{\"tools\":{}},\"instructions\":" + JSONText.quote(instructions)
                + ",\"protocolVersion\":" + JSONText.quote(agreed)
                + ",\"serverInfo\":{\"name\":\"partnermatch\",\"title\":\"PartnerMatch\",\"version\":" + JSONText.quote(self.version) + "}}"
        }
        rpc.register("notifications/initialized") { _ throws(JSONRPC.Failure) in "{}" }
        rpc.register("ping") { _ throws(JSONRPC.Failure) in "{}" }
        rpc.register("tools/list") { _ throws(JSONRPC.Failure) in
            "{\"tools\":[" + MCPTools.all.map(\.json).joined(separator: ",") + "]}"
        }
    }

    private func registerTools() {
        rpc.register("tools/call") { params throws(JSONRPC.Failure) in
            guard case .object? = params?.node else {
                throw JSONRPC.Failure(.invalidParams, "Invalid params: expected an object with name and arguments", data: ["field": "params"])
            }
            guard case .string(let name)? = params?["name"]?.node else {
                throw JSONRPC.Failure(.invalidParams, "Invalid params: params.name: missing or not a string; expected a tool name (\(MCPTools.all.map(\.name).joined(separator: ", ")))", data: ["field": "params.name"])
            }
            guard let tool = MCPTools.all.first(where: { $0.name == name }) else {
                let near = TextFolding.nearest(name, among: MCPTools.all.map(\.name), limit: 1).first
                throw JSONRPC.Failure(.invalidParams, "Unknown tool \"\(JSONRPC.clip(name))\"" + (near.map { "; did you mean \"\($0)\"?" } ?? "") + "; tools: \(MCPTools.all.map(\.name).joined(separator: ", "))", data: ["tool": JSONRPC.clip(name)])
            }
            var arguments: [JSONValue.Member] = []
            if let a = params?["arguments"] {
                switch a.node {
                case .object(let members): arguments = members
                case .null: break
                default: return MCPServer.toolError("Invalid arguments: arguments: found \(a.kindDescription); expected an object of named arguments")
                }
            }
            do throws(JSONRPC.Failure) {
                let out = try self.call(tool, MCPArguments(members: arguments))
                return "{\"content\":[{\"type\":\"text\",\"text\":" + JSONText.quote(out.text) + "}],\"isError\":false,\"structuredContent\":" + out.structured + "}"
            } catch {
                if error.code == .internalError { throw error }
                return MCPServer.toolError(MCPServer.message(error))
            }
        }
    }

    /// A tool result that reports a failure the caller (a model) can correct.
    static func toolError(_ message: String) -> String {
        "{\"content\":[{\"type\":\"text\",\"text\":" + JSONText.quote(message) + "}],\"isError\":true}"
    }

    /// A failure's message in the tools' words: fields are `arguments.*`, and the
    /// suggestions of an unknown id are spelled out.
    static func message(_ f: JSONRPC.Failure) -> String {
        var m = f.message
            .replacingOccurrences(of: "Invalid params: ", with: "Invalid arguments: ")
            .replacingOccurrences(of: "params.need.", with: "arguments.")
            .replacingOccurrences(of: "params.", with: "arguments.")
        if let s = f.data["suggestions"], !s.isEmpty { m += "; did you mean: " + s.split(separator: ",").joined(separator: ", ") + "?" }
        return m
    }
}

/// A tool's arguments, checked against its schema's property names.
struct MCPArguments {
    var members: [JSONValue.Member]

    subscript(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// Refuses a name the schema does not list (additionalProperties false).
    func only(_ allowed: [String]) throws(JSONRPC.Failure) {
        for m in members where !allowed.contains(m.key) {
            let near = TextFolding.nearest(m.key, among: allowed, limit: 1).first
            throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.\(JSONRPC.clip(m.key)): unknown argument" + (near.map { "; did you mean \"\($0)\"?" } ?? "") + "; expected \(allowed.joined(separator: ", "))", data: ["field": "arguments.\(m.key)"])
        }
    }

    func required(_ key: String, _ what: String) throws(JSONRPC.Failure) -> JSONValue {
        guard let v = self[key], v.node != .null else {
            throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.\(key): missing; expected \(what)", data: ["field": "arguments.\(key)"])
        }
        return v
    }

    func string(_ key: String, _ what: String) throws(JSONRPC.Failure) -> String? {
        guard let v = self[key], v.node != .null else { return nil }
        guard case .string(let s) = v.node else {
            throw JSONRPC.Failure(.invalidParams, "Invalid arguments: arguments.\(key): found \(v.kindDescription); expected \(what)", data: ["field": "arguments.\(key)"])
        }
        return s
    }
}

/// JSON text of a parsed value (numbers as written), to build the params of a method.
enum JSONWriter {
    static func text(_ v: JSONValue) -> String {
        switch v.node {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let t): return t
        case .string(let s): return JSONText.quote(s)
        case .array(let items): return "[" + items.map(text).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { JSONText.quote($0.key) + ":" + text($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { JSONText.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// Parses JSON text this program wrote (never fails on it; -32603 otherwise).
    static func parse(_ text: String) throws(JSONRPC.Failure) -> JSONValue {
        do { return try JSONParser.parse(text) } catch { throw JSONRPC.Failure(.internalError, "Internal error: \(error)") }
    }
}
