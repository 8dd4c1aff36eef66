/// Why a rule file was refused: where, which field, and what was expected.
///
/// Printed as `4:38: features.scaleFit.width: -1 is out of range; expected a number
/// above 0`, the shape every PartnerMatch diagnostic has.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the file, when the rule came from a file.
    public var position: SourcePosition?
    /// The field path (`features.scaleFit.width`); empty for the document itself.
    public var path: String
    public var message: String

    public init(position: SourcePosition? = nil, path: String, message: String) {
        self.position = position
        self.path = path
        self.message = message
    }

    public var description: String {
        let location = position.map { "\($0): " } ?? ""
        return path.isEmpty ? "\(location)\(message)" : "\(location)\(path): \(message)"
    }
}
