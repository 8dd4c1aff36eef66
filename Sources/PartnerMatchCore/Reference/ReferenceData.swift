/// The reference data every command shares: sectors, provinces, themes and currency
/// rates. Read from the bundled `Data/` folder by the store layer.
public struct ReferenceData: Sendable {
    public var sectors: SectorTaxonomy
    public var provinces: Gazetteer
    public var themes: ThemeVocabulary
    public var rates: RateTable

    public init(sectors: SectorTaxonomy, provinces: Gazetteer, themes: ThemeVocabulary, rates: RateTable) {
        self.sectors = sectors
        self.provinces = provinces
        self.themes = themes
        self.rates = rates
    }
}

/// Dated yearly exchange rates: units of a currency per US dollar.
public struct RateTable: Sendable, Codable {
    public struct Rate: Sendable, Codable, Hashable {
        public var currency: String
        public var year: Int
        public var perUSD: Double
        public var source: String?
        public var estimate: Bool?
    }

    public let rates: [Rate]
    private let index: [String: [Int: Double]]

    public init(rates: [Rate]) {
        self.rates = rates
        var idx: [String: [Int: Double]] = [:]
        for r in rates { idx[r.currency.uppercased(), default: [:]][r.year] = r.perUSD }
        index = idx
    }

    enum CodingKeys: String, CodingKey { case rates }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rates: try c.decode([Rate].self, forKey: .rates))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rates, forKey: .rates)
    }

    /// The rate for a currency in a year; the nearest year when that one is missing,
    /// the latest when `year` is nil. Returns the year actually used.
    public func rate(_ currency: String, year: Int? = nil) -> (perUSD: Double, year: Int)? {
        let cur = currency.uppercased()
        if cur == "USD" { return (1, year ?? 0) }
        guard let byYear = index[cur], !byYear.isEmpty else { return nil }
        guard let y = year else {
            let latest = byYear.keys.max()!
            return (byYear[latest]!, latest)
        }
        if let r = byYear[y] { return (r, y) }
        let nearest = byYear.keys.min { abs($0 - y) != abs($1 - y) ? abs($0 - y) < abs($1 - y) : $0 > $1 }!
        return (byYear[nearest]!, nearest)
    }
}
