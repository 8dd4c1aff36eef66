/// An error in user input, located in its file: what every command prints as
/// `partnermatch: error: FILE:LINE:COLUMN: what is wrong; what was expected`.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The record the error is in (`need "sla-01"`, `element 3`), when known.
    public var record: String?
    /// The field path, when known.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, record: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.field = field
        self.message = message
    }

    public var location: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s
    }

    public var description: String {
        var parts: [String] = []
        if let record { parts.append(record) }
        if let field, !field.isEmpty { parts.append("field \(field)") }
        let prefix = parts.isEmpty ? "" : parts.joined(separator: ", ") + ": "
        return "\(location): \(prefix)\(message)"
    }
}

/// Several input errors (an import reports every bad record, not just the first).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
