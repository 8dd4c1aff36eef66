/// A text in English and Vietnamese. Either may be missing, not both.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var en: String?
    public var vi: String?

    public init(en: String? = nil, vi: String? = nil) {
        self.en = en
        self.vi = vi
    }

    /// The text in the requested language, falling back to the other one.
    public func text(_ language: Language) -> String {
        switch language {
        case .en: return en ?? vi ?? ""
        case .vi: return vi ?? en ?? ""
        }
    }
}

/// The two languages PartnerMatch writes.
public enum Language: String, Codable, Sendable, CaseIterable {
    case en, vi
}
