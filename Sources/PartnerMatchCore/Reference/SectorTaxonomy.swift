/// The OECD DAC sector taxonomy: 5-digit purpose codes, 3-digit categories, and groups.
///
/// Built from `Data/sectors.json`. Retired codes are kept (older records use them),
/// marked, and mapped to their category.
public struct SectorTaxonomy: Sendable, Codable {
    public struct Group: Sendable, Codable, Hashable {
        public var code: String
        public var en: String
        public var vi: String?
    }

    public struct Category: Sendable, Codable, Hashable {
        public var code: String
        public var group: String
        public var en: String
        public var vi: String?
        public var retired: Bool?
    }

    public struct Code: Sendable, Codable, Hashable {
        public var code: String
        public var category: String
        public var en: String
        public var vi: String?
        public var retired: Bool?
    }

    /// What a sector string names.
    public enum Level: Int, Sendable, Hashable, Comparable {
        case group = 1, category = 2, code = 3
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// A resolved sector string.
    public struct Resolved: Sendable, Hashable {
        public var level: Level
        public var code: String
        public var category: String?
        public var group: String
    }

    public let groups: [Group]
    public let categories: [Category]
    public let codes: [Code]
    private let groupIndex: [String: Int]
    private let categoryIndex: [String: Int]
    private let codeIndex: [String: Int]

    public init(groups: [Group], categories: [Category], codes: [Code]) {
        self.groups = groups
        self.categories = categories
        self.codes = codes
        groupIndex = Dictionary(groups.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        categoryIndex = Dictionary(categories.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        codeIndex = Dictionary(codes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    enum CodingKeys: String, CodingKey { case groups, categories, codes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            groups: try c.decode([Group].self, forKey: .groups),
            categories: try c.decode([Category].self, forKey: .categories),
            codes: try c.decode([Code].self, forKey: .codes))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(groups, forKey: .groups)
        try c.encode(categories, forKey: .categories)
        try c.encode(codes, forKey: .codes)
    }

    /// Resolves a 5-digit code, a 3-digit category or a group (`100`...`900`).
    /// A 3-digit string is a category when one exists, else a group.
    public func resolve(_ sector: String) -> Resolved? {
        let s = sector.trimmingCharacters(in: .whitespaces)
        if let i = codeIndex[s] {
            let cat = codes[i].category
            return Resolved(level: .code, code: s, category: cat, group: groupCode(ofCategory: cat))
        }
        if let i = categoryIndex[s] {
            return Resolved(level: .category, code: s, category: s, group: categories[i].group)
        }
        if groupIndex[s] != nil {
            return Resolved(level: .group, code: s, category: nil, group: s)
        }
        return nil
    }

    public func code(_ code: String) -> Code? { codeIndex[code].map { codes[$0] } }
    public func category(_ code: String) -> Category? { categoryIndex[code].map { categories[$0] } }
    public func group(_ code: String) -> Group? { groupIndex[code].map { groups[$0] } }

    /// The group a category belongs to (its first digit x 100 when it is not listed).
    public func groupCode(ofCategory category: String) -> String {
        if let i = categoryIndex[category] { return categories[i].group }
        return String(category.prefix(1)) + "00"
    }

    /// The name of any sector string in the language asked, falling back to English.
    public func name(of sector: String, language: Language = .en) -> String? {
        guard let r = resolve(sector) else { return nil }
        switch r.level {
        case .code: let c = code(r.code)!; return language == .vi ? (c.vi ?? c.en) : c.en
        case .category: let c = category(r.code)!; return language == .vi ? (c.vi ?? c.en) : c.en
        case .group: let g = group(r.code)!; return language == .vi ? (g.vi ?? g.en) : g.en
        }
    }

    /// Valid 5-digit codes nearest to an unknown one, for error messages.
    public func suggestions(for unknown: String, limit: Int = 3) -> [String] {
        let digits = unknown.filter(\.isNumber)
        guard !digits.isEmpty else { return [] }
        // Prefer codes sharing the longest prefix, then the nearest number.
        let target = Int(digits) ?? 0
        let pool = codes.filter { $0.retired != true }
        var ranked: [(code: String, common: Int, distance: Int)] = []
        for c in pool {
            let common = zip(c.code, digits).prefix { $0 == $1 }.count
            let distance = abs((Int(c.code) ?? 0) - target)
            ranked.append((c.code, common, distance))
        }
        ranked.sort { a, b in
            if a.common != b.common { return a.common > b.common }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.code < b.code
        }
        return ranked.prefix(limit).map { $0.code }
    }
}
