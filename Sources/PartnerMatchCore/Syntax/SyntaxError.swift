/// A value written in one of the shared syntaxes that could not be read.
/// `message` says what is wrong, `expected` what would have been accepted.
public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var expected: String

    public init(_ message: String, expected: String) {
        self.message = message
        self.expected = expected
    }

    public var description: String { "\(message); expected \(expected)" }
}
