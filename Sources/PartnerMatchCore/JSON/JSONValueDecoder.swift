/// Decodes `Decodable` values from a positioned `JSONValue`, so that every failure can
/// name the line, column and field path. Optionally refuses members the type does not
/// know (a misspelt "budjet" is an error, not silently ignored).
public struct JSONValueDecoder {
    /// A decoding failure located in the source.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var position: SourcePosition
        /// The field path, `sectors[1].share`; empty for the value itself.
        public var path: String
        public var message: String
        public var description: String { path.isEmpty ? "\(position): \(message)" : "\(position): field \(path): \(message)" }
    }

    public var rejectUnknownKeys: Bool

    public init(rejectUnknownKeys: Bool = true) {
        self.rejectUnknownKeys = rejectUnknownKeys
    }

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(Failure) -> T {
        let state = _DecodingState()
        let decoded: T
        do {
            decoded = try T(from: _JSONValueDecoder(value: value, codingPath: [], state: state))
        } catch let e as Failure {
            throw e
        } catch let e as DecodingError {
            throw JSONValueDecoder.failure(from: e, root: value, state: state)
        } catch let e as SyntaxError {
            throw Failure(position: value.position, path: "", message: e.description)
        } catch {
            throw Failure(position: value.position, path: "", message: "\(error)")
        }
        if rejectUnknownKeys, let unknown = state.firstUnknownKey(in: value) {
            throw unknown
        }
        return decoded
    }

    /// Renders a coding path as `sectors[1].share`.
    public static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let i = key.intValue, key.stringValue == "Index \(i)" || key.stringValue == String(i) {
                out += "[\(i)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    static func failure(from error: DecodingError, root: JSONValue, state: _DecodingState? = nil) -> Failure {
        switch error {
        case .keyNotFound(let key, let ctx):
            let at = root.value(at: ctx.codingPath)
            // A required key is most often "missing" because it was misspelt: name the
            // member that looks like it ("budjet" for "budget...", "weigth" for "weight").
            if case .object(let members) = at.node {
                let used = state?.usedKeys[at.position.offset] ?? []
                if let typo = likelyMisspelling(of: key.stringValue, among: members.filter { !used.contains($0.key) && $0.key != key.stringValue }) {
                    return Failure(position: typo.keyPosition, path: render(ctx.codingPath + [key]),
                                   message: "missing; the unknown field \"\(typo.key)\" is probably it misspelt: did you mean \"\(key.stringValue)\"?")
                }
            }
            return Failure(position: at.position, path: render(ctx.codingPath + [key]), message: "missing; this field is required")
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            let at = root.value(at: ctx.codingPath)
            return Failure(position: at.position, path: render(ctx.codingPath), message: ctx.debugDescription)
        @unknown default:
            return Failure(position: root.position, path: "", message: "\(error)")
        }
    }
}

extension JSONValueDecoder {
    /// The member whose key is closest to `expected`, when close enough to be a typo: an
    /// edit distance within a third of the key (at least 2), compared with the whole key or
    /// with its beginning (`budjet` against `budgetUSD`).
    static func likelyMisspelling(of expected: String, among members: [JSONValue.Member]) -> JSONValue.Member? {
        let e = TextFolding.fold(expected)
        var best: (JSONValue.Member, Int)?
        for m in members {
            let k = TextFolding.fold(m.key)
            guard !k.isEmpty else { continue }
            var d = TextFolding.editDistance(k, e)
            if k.count >= 4 && e.count > k.count { d = min(d, TextFolding.editDistance(k, String(e.prefix(k.count)))) }
            let cutoff = max(2, min(k.count, e.count) / 3)
            if d <= cutoff && (best == nil || d < best!.1) { best = (m, d) }
        }
        return best?.0
    }
}

/// Enums of a closed vocabulary: decoding an unknown value lists the accepted ones.
public protocol VocabularyEnum: RawRepresentable, CaseIterable, Codable where RawValue == String {}

extension VocabularyEnum {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let v = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(raw)\" is not accepted; expected one of \(Self.acceptedValues)")
        }
        self = v
    }

    /// "grant, concessional-loan, ..." for messages.
    public static var acceptedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses a command-line or CSV value, folding case and accepting `_` for `-`.
    public static func parse(_ text: String) -> Self? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        return Self(rawValue: t)
    }
}

extension PartnerKind: VocabularyEnum {}
extension Instrument: VocabularyEnum {}
extension SoughtInstrument: VocabularyEnum {}
extension ApplicantKind: VocabularyEnum {}
extension NeedStage: VocabularyEnum {}
extension AreaFlag: VocabularyEnum {}
extension Region: VocabularyEnum {}
extension ApplicationWindow.Kind: VocabularyEnum {}
extension InstrumentStatus.State: VocabularyEnum {}

/// Which object members were asked for while decoding, to find unknown ones after.
final class _DecodingState {
    var usedKeys: [Int: Set<String>] = [:]

    func firstUnknownKey(in value: JSONValue, path: String = "") -> JSONValueDecoder.Failure? {
        switch value.node {
        case .object(let members):
            if let used = usedKeys[value.position.offset] {
                for m in members where !used.contains(m.key) {
                    let known = used.sorted().joined(separator: ", ")
                    let near = TextFolding.nearest(m.key, among: Array(used), limit: 1).first
                    let hint = near.map { "did you mean \"\($0)\"? " } ?? ""
                    return JSONValueDecoder.Failure(
                        position: m.keyPosition, path: path.isEmpty ? m.key : "\(path).\(m.key)",
                        message: "unknown field; \(hint)expected one of: \(known)")
                }
            }
            for m in members {
                if let f = firstUnknownKey(in: m.value, path: path.isEmpty ? m.key : "\(path).\(m.key)") { return f }
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                if let f = firstUnknownKey(in: item, path: "\(path)[\(i)]") { return f }
            }
        default: break
        }
        return nil
    }
}

struct _IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ i: Int) { stringValue = "Index \(i)"; intValue = i }
    init?(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init?(intValue: Int) { self.init(intValue) }
}

struct _JSONValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let state: _DecodingState
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value.node else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.kindDescription)"))
        }
        if state.usedKeys[value.position.offset] == nil { state.usedKeys[value.position.offset] = [] }
        return KeyedDecodingContainer(_KeyedContainer<Key>(object: value, members: members, codingPath: codingPath, state: state))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value.node else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.kindDescription)"))
        }
        return _UnkeyedContainer(items: items, codingPath: codingPath, state: state)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        _SingleContainer(value: value, codingPath: codingPath, state: state)
    }
}

/// Scalar conversions shared by all three container kinds.
enum _Scalar {
    static func mismatch(_ what: String, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
        DecodingError.typeMismatch(Any.self, .init(codingPath: path, debugDescription: "expected \(what), found \(value.kindDescription)\(preview(value))"))
    }

    static func preview(_ value: JSONValue) -> String {
        switch value.node {
        case .string(let s): return " \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .number(_, let t): return " \(t)"
        case .bool(let b): return " \(b)"
        default: return ""
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey], _ state: _DecodingState) throws -> T {
        switch type {
        case is String.Type:
            guard case .string(let s) = value.node else { throw mismatch("a string", value, path) }
            return s as! T
        case is Bool.Type:
            guard case .bool(let b) = value.node else { throw mismatch("true or false", value, path) }
            return b as! T
        case is Double.Type:
            guard case .number(let d, let text) = value.node else { throw mismatch("a number", value, path) }
            guard d.isFinite else { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number \(text) is out of range; expected a finite number")) }
            return d as! T
        case is Float.Type:
            guard case .number(let d, _) = value.node else { throw mismatch("a number", value, path) }
            return Float(d) as! T
        case is Int.Type:
            return try integer(value, path) as! T
        case is Int64.Type:
            return Int64(try integer(value, path)) as! T
        case is UInt64.Type:
            let i = try integer(value, path)
            guard i >= 0 else { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "expected a non-negative whole number, found \(i)")) }
            return UInt64(i) as! T
        case is Int32.Type:
            let i = try integer(value, path)
            guard let v = Int32(exactly: i) else { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number \(i) is out of range")) }
            return v as! T
        case is JSONValue.Type:
            return value as! T
        default:
            return try T(from: _JSONValueDecoder(value: value, codingPath: path, state: state))
        }
    }

    static func integer(_ value: JSONValue, _ path: [any CodingKey]) throws -> Int {
        guard case .number(let d, let text) = value.node else { throw mismatch("a whole number", value, path) }
        if let i = Int(text) { return i }
        guard d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else {
            if d.isFinite && d == d.rounded() || !d.isFinite {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number \(text) is out of range; expected a whole number of at most 15 digits"))
            }
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "expected a whole number, found \(text)"))
        }
        return Int(d)
    }
}

struct _KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONValue
    let members: [JSONValue.Member]
    let codingPath: [any CodingKey]
    let state: _DecodingState

    var allKeys: [Key] {
        members.compactMap { m in
            state.usedKeys[object.position.offset, default: []].insert(m.key)
            return Key(stringValue: m.key)
        }
    }

    func contains(_ key: Key) -> Bool {
        state.usedKeys[object.position.offset, default: []].insert(key.stringValue)
        return members.contains { $0.key == key.stringValue }
    }

    private func member(_ key: Key) throws -> JSONValue {
        state.usedKeys[object.position.offset, default: []].insert(key.stringValue)
        guard let m = members.first(where: { $0.key == key.stringValue }) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing field \(key.stringValue)"))
        }
        return m.value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        let v = try member(key)
        if case .null = v.node { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let v = try member(key)
        if case .null = v.node, !(T.self is JSONValue.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath + [key], debugDescription: "expected a value, found null"))
        }
        return try _Scalar.decode(type, v, codingPath + [key], state)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        state.usedKeys[object.position.offset, default: []].insert(key.stringValue)
        guard let m = members.first(where: { $0.key == key.stringValue }) else { return nil }
        if case .null = m.value.node { return nil }
        return try _Scalar.decode(type, m.value, codingPath + [key], state)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try _JSONValueDecoder(value: try member(key), codingPath: codingPath + [key], state: state).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try _JSONValueDecoder(value: try member(key), codingPath: codingPath + [key], state: state).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { _JSONValueDecoder(value: object, codingPath: codingPath, state: state) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        _JSONValueDecoder(value: try member(key), codingPath: codingPath + [key], state: state)
    }
}

struct _UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    let state: _DecodingState
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey], state: _DecodingState) {
        self.items = items
        self.codingPath = codingPath
        self.state = state
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the array has too few elements"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [_IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .null = items[currentIndex].node { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, path) = try next()
        if case .null = v.node, !(T.self is JSONValue.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: path, debugDescription: "expected a value, found null"))
        }
        return try _Scalar.decode(type, v, path, state)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, path) = try next()
        return try _JSONValueDecoder(value: v, codingPath: path, state: state).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, path) = try next()
        return try _JSONValueDecoder(value: v, codingPath: path, state: state).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (v, path) = try next()
        return _JSONValueDecoder(value: v, codingPath: path, state: state)
    }
}

struct _SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let state: _DecodingState

    func decodeNil() -> Bool {
        if case .null = value.node { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if case .null = value.node, !(T.self is JSONValue.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "expected a value, found null"))
        }
        return try _Scalar.decode(type, value, codingPath, state)
    }
}
