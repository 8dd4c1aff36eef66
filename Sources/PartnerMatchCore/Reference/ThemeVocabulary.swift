/// The fixed vocabulary of themes (`Data/themes.json`): green growth, high-tech
/// agriculture, ethnic minorities... Partners and needs name themes by id.
public struct ThemeVocabulary: Sendable, Codable {
    public struct Theme: Sendable, Codable, Hashable {
        public var id: String
        public var en: String
        public var vi: String
        public var description: String?
    }

    public let themes: [Theme]
    private let index: [String: Int]

    public init(themes: [Theme]) {
        self.themes = themes
        index = Dictionary(themes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    enum CodingKeys: String, CodingKey { case themes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(themes: try c.decode([Theme].self, forKey: .themes))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(themes, forKey: .themes)
    }

    public func theme(_ id: String) -> Theme? { index[id].map { themes[$0] } }

    /// Position of a theme in the vocabulary (used for bitsets), or nil when unknown.
    public func ordinal(of id: String) -> Int? { index[id] }

    /// Accepts an id or an English or Vietnamese label in any spelling.
    public func resolve(_ text: String) -> Theme? {
        if let t = theme(text) { return t }
        let f = TextFolding.fold(text)
        return themes.first { TextFolding.fold($0.id) == f || TextFolding.fold($0.en) == f || TextFolding.fold($0.vi) == f }
    }

    public func suggestions(for text: String) -> [String] {
        TextFolding.nearest(text, among: themes.map(\.id))
    }
}
