import Foundation

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

extension LocalizedText {
    /// Reads free text (notes, terms) written either as `{"en": ..., "vi": ...}` or, as
    /// files did before both languages were kept, as a plain string read as English.
    static func decodeFreeText<K: CodingKey>(_ c: KeyedDecodingContainer<K>, forKey key: K) throws -> LocalizedText? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        if let plain = try? c.decode(String.self, forKey: key) { return LocalizedText(en: plain) }
        return try c.decode(LocalizedText.self, forKey: key)
    }

    /// True when neither language has any text.
    public var isBlank: Bool {
        (en ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && (vi ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}
