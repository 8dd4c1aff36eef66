/// A JSON document parsed with the position of every value, so that errors found
/// later (a bad field, an unknown sector) can name the line and column.
public struct JSONValue: Sendable, Hashable {
    public indirect enum Node: Sendable, Hashable {
        case null
        case bool(Bool)
        /// The number and its text as written.
        case number(Double, String)
        case string(String)
        case array([JSONValue])
        /// Members in document order.
        case object([Member])
    }

    public struct Member: Sendable, Hashable {
        public var key: String
        public var keyPosition: SourcePosition
        public var value: JSONValue
    }

    public var node: Node
    public var position: SourcePosition

    public init(_ node: Node, at position: SourcePosition) {
        self.node = node
        self.position = position
    }

    /// The member named `key`, for objects.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = node { return members.first { $0.key == key }?.value }
        return nil
    }

    /// What kind of value this is, for messages ("a string", "an object").
    public var kindDescription: String {
        switch node {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Follows a coding path (keys and array indices) and returns the deepest value
    /// reached: the place to point at when decoding along that path failed.
    public func value(at path: [any CodingKey]) -> JSONValue {
        var current = self
        for key in path {
            switch current.node {
            case .object(let members):
                guard let m = members.first(where: { $0.key == key.stringValue }) else { return current }
                current = m.value
            case .array(let items):
                guard let i = key.intValue, items.indices.contains(i) else { return current }
                current = items[i]
            default:
                return current
            }
        }
        return current
    }
}

/// A place in a text file: 1-based line and column (in characters), and byte offset.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }
    public var description: String { "\(line):\(column)" }
}
