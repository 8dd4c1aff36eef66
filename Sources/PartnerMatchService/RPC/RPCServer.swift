import Foundation
import PartnerMatchCore

/// Answers JSON-RPC 2.0 requests, one line at a time.
///
/// Framing: one request (or batch) per line, one response (or batch) per line. Blank
/// lines are skipped. Notifications (well-formed requests without `id`) are carried out
/// but never answered; a request that is not well-formed is answered with -32600 and
/// `id: null` even without `id`, as the specification says; a batch of notifications
/// gives no output; an empty batch gives one -32600 error. A repeated member name is
/// valid JSON but refused with -32600. A bad line never ends the loop.
public final class RPCServer {
    /// A method: decodes its params and returns the JSON text of its result.
    public typealias Handler = (JSONValue?) throws(JSONRPC.Failure) -> String

    private var handlers: [String: Handler] = [:]
    private var hints: [String: String] = [:]

    public init() {}

    public func register(_ method: String, _ handler: @escaping Handler) {
        handlers[method] = handler
    }

    /// Explains why a known method is absent (e.g. writes on a read-only server).
    public func hint(_ method: String, _ text: String) {
        hints[method] = text
    }

    public var methods: [String] { handlers.keys.sorted() }

    /// Calls a registered method directly (for front ends layered over these methods,
    /// such as the MCP tools): its result's JSON text, or its failure.
    public func call(_ method: String, _ params: JSONValue?) throws(JSONRPC.Failure) -> String {
        guard let handler = handlers[method] else { throw JSONRPC.Failure(.methodNotFound, "Method not found: \"\(JSONRPC.clip(method))\"") }
        return try handler(params)
    }

    /// The response line for one input line, or nil when there is nothing to answer.
    /// `number` is the line's number in the input stream, for parse errors.
    public func handle(line: [UInt8], number: Int = 1) -> String? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            func parseError(_ error: JSONParser.Error) -> String {
                JSONRPC.response(id: .null, error: .init(.parseError, "Parse error at line \(number), column \(error.position.column): \(error.message)", data: ["line": "\(number)", "column": "\(error.position.column)"]))
            }
            guard let name = error.duplicateMember else { return parseError(error) }
            // Valid JSON with a repeated name: an invalid request, unless the rest of
            // the line is not JSON either.
            do { _ = try JSONParser.parse(line, duplicateMembers: .allow) } catch { return parseError(error) }
            return JSONRPC.response(id: .null, error: .init(.invalidRequest, "Invalid Request: member \"\(JSONRPC.clip(name))\" appears twice in one object at line \(number), column \(error.position.column); expected each member name once", data: ["line": "\(number)", "column": "\(error.position.column)"]))
        }
        if case .array(let items) = value.node {
            if items.isEmpty { return JSONRPC.response(id: .null, error: .init(.invalidRequest, "Invalid Request: empty batch; expected at least one request")) }
            let answers = items.compactMap(handle(request:))
            return answers.isEmpty ? nil : "[" + answers.joined(separator: ",") + "]"
        }
        return handle(request: value)
    }

    /// The answer to a line longer than the limit, which was skipped unread.
    public func tooLong(bytes: Int, limit: Int, number: Int) -> String {
        JSONRPC.response(id: .null, error: .init(.lineTooLong, "Request line \(number) of \(bytes) bytes is longer than --max-line-bytes \(limit); it was skipped", data: ["bytes": "\(bytes)", "limit": "\(limit)", "line": "\(number)"]))
    }

    /// One request object: its response, or nil for a notification.
    func handle(request: JSONValue) -> String? {
        guard case .object(let members) = request.node else {
            return JSONRPC.response(id: .null, error: .init(.invalidRequest, "Invalid Request: expected a request object, found \(request.kindDescription)"))
        }
        let idMember = members.first { $0.key == "id" }
        var id = JSONRPC.ID.null
        if let idValue = idMember?.value {
            switch idValue.node {
            case .string(let s): id = JSONRPC.ID(json: JSONText.quote(s))
            case .number(_, let text): id = JSONRPC.ID(json: text)
            case .null: id = .null
            default:
                return JSONRPC.response(id: .null, error: .init(.invalidRequest, "Invalid Request: \"id\" must be a string, a number or null, found \(idValue.kindDescription)"))
            }
        }
        let isNotification = idMember == nil
        // Only a well-formed request without id is a notification: what is not a request
        // is answered, with id null when it has none.
        func invalid(_ message: String) -> String { JSONRPC.response(id: id, error: .init(.invalidRequest, "Invalid Request: " + message)) }
        func fail(_ f: JSONRPC.Failure) -> String? { isNotification ? nil : JSONRPC.response(id: id, error: f) }

        guard case .string("2.0")? = request["jsonrpc"]?.node else { return invalid("\"jsonrpc\" must be \"2.0\"") }
        guard let methodValue = request["method"] else { return invalid("missing \"method\"") }
        guard case .string(let method) = methodValue.node else {
            return invalid("\"method\" must be a string, found \(methodValue.kindDescription)")
        }
        for m in members where !["jsonrpc", "method", "params", "id"].contains(m.key) {
            return invalid("unknown member \"\(JSONRPC.clip(m.key))\"; expected jsonrpc, method, params and id")
        }
        let params = request["params"]
        if let params {
            switch params.node {
            case .object, .array: break
            default: return invalid("\"params\" must be an object or an array, found \(params.kindDescription)")
            }
        }
        guard let handler = handlers[method] else {
            if let hint = hints[method] { return fail(.init(.methodNotFound, "Method not found: \"\(method)\" (\(hint))")) }
            let near = TextFolding.nearest(method, among: methods, limit: 1).first
            return fail(.init(.methodNotFound, "Method not found: \"\(JSONRPC.clip(method))\"" + (near.map { "; did you mean \"\($0)\"?" } ?? "") + "; methods: \(methods.joined(separator: ", "))"))
        }
        do {
            let result = try handler(params)
            return isNotification ? nil : JSONRPC.response(id: id, resultJSON: result)
        } catch {
            return fail(error)
        }
    }
}

/// Decoding of method params, with failures as -32602 naming the field.
public enum RPCParams {
    /// For methods that take no params: absent, `{}` or `[]`; anything else is refused
    /// (a struct without fields would decode from any object without looking at it).
    public static func none(_ params: JSONValue?) throws(JSONRPC.Failure) {
        switch params?.node {
        case .object(let members)? where !members.isEmpty:
            let field = "params.\(JSONRPC.clip(members[0].key))"
            throw JSONRPC.Failure(.invalidParams, "Invalid params: \(field): unknown field; this method takes no params", data: ["field": field])
        case .array(let items)? where !items.isEmpty:
            throw JSONRPC.Failure(.invalidParams, "Invalid params: params: an array of \(items.count); this method takes no params", data: ["field": "params"])
        default:
            return
        }
    }

    /// Decodes named params (an object); an absent params member decodes from `{}`.
    public static func decode<T: Decodable>(_ type: T.Type, _ params: JSONValue?) throws(JSONRPC.Failure) -> T {
        let value = params ?? JSONValue(.object([]), at: SourcePosition(line: 1, column: 1, offset: 0))
        if case .array = value.node {
            throw JSONRPC.Failure(.invalidParams, "Invalid params: expected named params (an object), found an array")
        }
        do {
            return try JSONValueDecoder(rejectUnknownKeys: true).decode(T.self, from: value)
        } catch {
            let field = error.path.isEmpty ? "params" : "params.\(error.path)"
            throw JSONRPC.Failure(.invalidParams, "Invalid params: \(field): \(error.message)", data: ["field": field])
        }
    }
}
