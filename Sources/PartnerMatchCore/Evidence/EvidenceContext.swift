/// What reading evidence needs besides the file: the reference data (sector taxonomy,
/// gazetteer, rates) and the import options.
public struct EvidenceContext: Sendable {
    public var reference: ReferenceData
    /// Keep only activities with this recipient country (ISO code), when set.
    public var country: String?
    let provinces: ProvinceResolver

    public init(reference: ReferenceData, country: String? = nil) {
        self.reference = reference
        self.country = country?.uppercased()
        provinces = ProvinceResolver(reference.provinces)
    }
}

/// Tells the province of a location name where it can be told: a province (any
/// spelling, former or current), or a locality listed with the unit it lies `within`.
/// Anything else (a country, a region, an unknown place) stays unresolved: never guessed.
struct ProvinceResolver: Sendable {
    let gazetteer: Gazetteer
    private let within: [String: String]

    init(_ gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        var w: [String: String] = [:]
        for n in gazetteer.notProvinces { if let unit = n.within { w[Gazetteer.key(n.text)] = unit } }
        within = w
    }

    func resolve(_ name: String) -> EvidenceLocation {
        switch gazetteer.lookup(name) {
        case .unit(let u, _): return EvidenceLocation(name: name, province: u.id, resolvedBy: "name")
        case .notAProvince:
            if let unit = within[Gazetteer.key(name)], gazetteer.unit(id: unit) != nil {
                return EvidenceLocation(name: name, province: unit, resolvedBy: "within")
            }
            return EvidenceLocation(name: name)
        case .unknown: return EvidenceLocation(name: name)
        }
    }
}

/// Counted warnings of an import: what was kept but could not be fully interpreted.
/// Each kind keeps a few examples.
public struct EvidenceWarnings: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var kind: String
        public var count: Int
        public var examples: [String]
    }

    public private(set) var entries: [Entry] = []

    public init(entries: [Entry] = []) { self.entries = entries }

    public mutating func add(_ kind: String, example: String? = nil) {
        if let i = entries.firstIndex(where: { $0.kind == kind }) {
            entries[i].count += 1
            if let example, entries[i].examples.count < 5, !entries[i].examples.contains(example) { entries[i].examples.append(example) }
        } else {
            entries.append(Entry(kind: kind, count: 1, examples: example.map { [$0] } ?? []))
        }
    }

    public mutating func merge(_ other: EvidenceWarnings) {
        for e in other.entries {
            if let i = entries.firstIndex(where: { $0.kind == e.kind }) {
                entries[i].count += e.count
                for x in e.examples where entries[i].examples.count < 5 && !entries[i].examples.contains(x) { entries[i].examples.append(x) }
            } else {
                entries.append(e)
            }
        }
    }

    public var total: Int { entries.reduce(0) { $0 + $1.count } }
    public var isEmpty: Bool { entries.isEmpty }

    /// `3 unknown sector codes (99999, 12345)`, one per line.
    public var lines: [String] {
        entries.map { e in "\(e.count) \(e.kind)" + (e.examples.isEmpty ? "" : " (\(e.examples.joined(separator: ", ")))") }
    }
}

extension EvidenceContext {
    /// Converts amounts, classifies sectors and resolves locations: the finishing
    /// steps shared by the IATI and the CSV readers. Records warnings.
    func finish(_ a: inout EvidenceActivity, warnings: inout EvidenceWarnings) {
        var places = PlaceMemo()
        finish(&a, warnings: &warnings, places: &places)
    }

    /// `finish`, remembering how location names resolved (a file names the same few
    /// places thousands of times; resolving folds and looks up the name twice).
    func finish(_ a: inout EvidenceActivity, warnings: inout EvidenceWarnings, places: inout PlaceMemo) {
        let fallbackYear = a.year
        func convert(_ m: inout Money) {
            m.convert(reference.rates, fallbackYear: fallbackYear)
            if m.usd == nil {
                if let c = m.currency, !c.isEmpty { warnings.add("amounts in an unknown currency (kept, no USD value)", example: c) } else { warnings.add("amounts without a currency (kept, no USD value)", example: a.identifier) }
            }
        }
        for i in a.budgets.indices { convert(&a.budgets[i]) }
        for i in a.transactions.indices { convert(&a.transactions[i].money) }
        for s in a.sectors {
            switch s.standing {
            case .retired: warnings.add("retired sector codes (kept, mapped to their category)", example: s.code)
            case .unknown: warnings.add(s.category == nil ? "unknown sector codes (kept, no category)" : "unknown sector codes (kept, mapped to their category)", example: s.code)
            case .active, .otherVocabulary: break
            }
        }
        let inVietNam = a.recipientCountries.isEmpty || a.recipientCountries.contains { $0.code.uppercased() == "VN" }
        if inVietNam {
            for i in a.locations.indices where a.locations[i].province == nil {
                let name = a.locations[i].name
                let place: (location: EvidenceLocation, unknown: Bool)
                if let known = places.known[name] {
                    place = known
                } else {
                    let location = provinces.resolve(name)
                    var unknown = false
                    if location.province == nil, case .unknown = reference.provinces.lookup(name) { unknown = true }
                    place = (location, unknown)
                    if places.known.count < PlaceMemo.limit { places.known[name] = place }
                }
                a.locations[i] = place.location
                if place.unknown { warnings.add("location names not recognised as a province or a place in one", example: name) }
            }
        }
    }

    /// Does the activity pass the `--country` filter?
    public func keeps(_ a: EvidenceActivity) -> Bool {
        guard let country else { return true }
        return a.recipientCountries.contains { $0.code.uppercased() == country }
    }
}

/// Location names already resolved during one import (bounded, so memory stays flat).
public struct PlaceMemo {
    static let limit = 100_000
    var known: [String: (location: EvidenceLocation, unknown: Bool)] = [:]
    public init() {}
}
