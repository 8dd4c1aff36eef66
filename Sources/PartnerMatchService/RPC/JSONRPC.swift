import Foundation
import PartnerMatchCore

/// JSON-RPC 2.0 framing: request ids, error codes, and response text.
public enum JSONRPC {
    /// A request id as written by the client (a string, a number or null), echoed back
    /// byte for byte so that huge or fractional numbers survive.
    public struct ID: Sendable, Hashable {
        public let json: String
        public static let null = ID(json: "null")
    }

    /// The error codes of the protocol. Domain codes are in -32001...-32099 and
    /// documented in docs/serve.md.
    public enum Code: Int, Sendable {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case unknownNeed = -32001
        case unknownPartner = -32002
        case invalidRule = -32003
        case invalidNeed = -32004
        case readOnly = -32005
        case lineTooLong = -32006
        case unknownRule = -32007
        case storeError = -32008
    }

    /// An error answer. `data` carries structured detail (field, position, suggestions).
    public struct Failure: Error, Sendable {
        public var code: Code
        public var message: String
        public var data: [String: String]

        public init(_ code: Code, _ message: String, data: [String: String] = [:]) {
            self.code = code
            self.message = message
            self.data = data
        }

        var json: String {
            var s = "{\"code\":\(code.rawValue),\"message\":\(JSONText.quote(message))"
            if !data.isEmpty {
                s += ",\"data\":{" + data.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(data[$0]!))" }.joined(separator: ",") + "}"
            }
            return s + "}"
        }
    }

    static func response(id: ID, resultJSON: String) -> String {
        "{\"jsonrpc\":\"2.0\",\"id\":\(id.json),\"result\":\(resultJSON)}"
    }

    static func response(id: ID, error: Failure) -> String {
        "{\"jsonrpc\":\"2.0\",\"id\":\(id.json),\"error\":\(error.json)}"
    }

    /// A name or value from a request, cut to 100 characters for a message, so that an
    /// error never echoes a megabyte back.
    static func clip(_ text: String, limit: Int = 100) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    /// Compact JSON of a result, keys sorted.
    /// - Throws: -32603 when the result holds a number JSON cannot carry (never `null`).
    static func encode<T: Encodable>(_ value: T) throws(Failure) -> String {
        do { return try CanonicalJSON.string(value) } catch { throw Failure(.internalError, "Internal error: \(error)") }
    }

    /// `JSONText.number`, failing as -32603.
    static func number(_ d: Double) throws(Failure) -> String {
        do { return try JSONText.number(d) } catch { throw Failure(.internalError, "Internal error: \(error)") }
    }
}
