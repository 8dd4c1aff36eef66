/// Where a fact in the catalog comes from.
///
/// A partner lists its sources once (`Partner.sources`); each figure then points at one
/// of them by `id` and says whether it is an estimate and, if so, how it was estimated.
public struct Source: Codable, Sendable, Hashable {
    /// Short key that figures refer to, unique within one partner ("s1", "oecd-crs-2019").
    public var id: String
    /// What the source is: page title or document name.
    public var title: String
    /// A public URL, when there is one.
    public var url: String?
    /// A document reference when there is no URL (report name, decree number, page).
    public var document: String?
    /// The day the source was read, ISO 8601 (`2026-11-30`).
    public var checked: String

    public init(id: String, title: String, url: String? = nil, document: String? = nil, checked: String) {
        self.id = id
        self.title = title
        self.url = url
        self.document = document
        self.checked = checked
    }
}

/// The provenance of one figure: the source it was read from, or that it is an estimate.
public struct Provenance: Codable, Sendable, Hashable {
    /// The `Source.id` this figure was read from (nil only for an estimate with no source).
    public var source: String?
    /// True when the figure could not be confirmed and is an estimate.
    public var estimate: Bool
    /// How the estimate was made, or a remark on the figure.
    public var note: String?

    public init(source: String?, estimate: Bool = false, note: String? = nil) {
        self.source = source
        self.estimate = estimate
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case source, estimate, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        estimate = try c.decodeIfPresent(Bool.self, forKey: .estimate) ?? false
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encode(estimate, forKey: .estimate)
        try c.encodeIfPresent(note, forKey: .note)
    }
}
