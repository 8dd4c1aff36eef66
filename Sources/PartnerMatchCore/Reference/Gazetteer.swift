/// Viet Nam's provincial units: the 34 since 1 July 2025 (Resolution 202/2025/QH15) and
/// the 63 former ones, each mapped to its new unit.
///
/// Lookups accept any spelling: with or without diacritics, NFC or NFD, any case, with
/// "Tỉnh"/"Thành phố"/"TP." prefixes, old names and listed aliases.
public struct Gazetteer: Sendable, Codable {
    public struct Unit: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
        public var region: Region
        public var flags: [AreaFlag]
        public var formedFrom: [String]
    }

    public struct FormerUnit: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
        public var mergedInto: String
    }

    public struct Alias: Sendable, Codable, Hashable {
        public var text: String
        public var province: String
        public var note: String?
    }

    public struct NotProvince: Sendable, Codable, Hashable {
        public var text: String
        public var note: String?
        /// The unit a Vietnamese locality (district, town, commune) lies in.
        public var within: String?
    }

    /// Places below the provincial level, listed so that a person who names the place
    /// they know (a former district, a commune or ward since 1 July 2025) reaches its
    /// province: one list per province and kind, each with its source.
    public struct LocalityList: Sendable, Codable, Hashable {
        /// The current unit the places lie in.
        public var province: String
        /// The former province they lay in, when it was merged into another.
        public var formerProvince: String?
        /// `former-district` (districts and towns abolished on 1 July 2025), `commune`
        /// or `ward` (the commune-level units since 1 July 2025).
        public var kind: String
        public var names: [String]
        public var source: LocalitySource
    }

    public struct LocalitySource: Sendable, Codable, Hashable {
        public var title: String
        public var url: String
        public var checked: String
    }

    /// The answer to a lookup.
    public enum Lookup: Sendable, Hashable {
        /// A current unit; `via` says how it was found when not by its own name.
        case unit(Unit, via: String?)
        /// A string known not to name a province (a country, a region, a district).
        case notAProvince(note: String?)
        case unknown(suggestions: [String])
    }

    public let units: [Unit]
    public let former: [FormerUnit]
    public let aliases: [Alias]
    public let notProvinces: [NotProvince]
    public let localities: [LocalityList]
    private let localityByKey: [String: (unit: Int, note: String)]
    private let unitsByID: [String: Int]
    private let byFoldedName: [String: (unit: Int, via: String?)]
    private let notProvinceNames: [String: String?]

    public init(units: [Unit], former: [FormerUnit], aliases: [Alias], notProvinces: [NotProvince], localities: [LocalityList] = []) {
        self.units = units
        self.former = former
        self.aliases = aliases
        self.notProvinces = notProvinces
        self.localities = localities
        var ids: [String: Int] = [:]
        for (i, u) in units.enumerated() { ids[u.id] = i }
        unitsByID = ids
        var names: [String: (Int, String?)] = [:]
        func add(_ text: String, _ unit: Int, _ via: String?) {
            let key = Gazetteer.key(text)
            if names[key] == nil { names[key] = (unit, via) }
        }
        for (i, u) in units.enumerated() {
            add(u.name, i, nil)
            add(u.id, i, nil)
        }
        for f in former {
            guard let i = ids[f.mergedInto] else { continue }
            let via = f.mergedInto == f.id ? nil : "\(f.name) -> \(units[i].name), merged 1 July 2025"
            add(f.name, i, via)
            add(f.id, i, via)
        }
        for a in aliases {
            guard let i = ids[a.province] else { continue }
            add(a.text, i, a.note ?? "alias \(a.text)")
        }
        byFoldedName = names
        // A place name that two provinces share resolves to neither (the user must
        // name the province); one that names a province already stays that province.
        var places: [String: (unit: Int, note: String)] = [:]
        var shared = Set<String>()
        for list in localities {
            guard let i = ids[list.province] else { continue }
            let formerName = list.formerProvince.flatMap { id in former.first { $0.id == id }?.name }
            for name in list.names {
                let key = Gazetteer.localityKey(name)
                guard names[key] == nil, !shared.contains(key) else { continue }
                let what: String
                switch list.kind {
                case "former-district": what = "a former district of \(formerName ?? units[i].name) (abolished 1 July 2025)"
                case "ward": what = "a ward of \(units[i].name)"
                default: what = "a commune of \(formerName ?? units[i].name)"
                }
                let merged = formerName.map { "; \($0) -> \(units[i].name), merged 1 July 2025" } ?? ""
                let note = "\(name) -> \(units[i].name): \(what)\(merged)"
                if let other = places[key], other.unit != i { places[key] = nil; shared.insert(key); continue }
                if places[key] == nil { places[key] = (i, note) }
            }
        }
        localityByKey = places
        notProvinceNames = Dictionary(notProvinces.map { (Gazetteer.key($0.text), $0.note) }, uniquingKeysWith: { a, _ in a })
    }

    enum CodingKeys: String, CodingKey { case units, former, aliases, notProvinces, localities }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            units: try c.decode([Unit].self, forKey: .units),
            former: try c.decodeIfPresent([FormerUnit].self, forKey: .former) ?? [],
            aliases: try c.decodeIfPresent([Alias].self, forKey: .aliases) ?? [],
            notProvinces: try c.decodeIfPresent([NotProvince].self, forKey: .notProvinces) ?? [],
            localities: try c.decodeIfPresent([LocalityList].self, forKey: .localities) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(units, forKey: .units)
        try c.encode(former, forKey: .former)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(notProvinces, forKey: .notProvinces)
        if !localities.isEmpty { try c.encode(localities, forKey: .localities) }
    }

    /// The folded lookup key: prefixes such as "Tỉnh", "Thành phố", "TP", "Province",
    /// "City" removed, hyphens and punctuation as spaces.
    static func key(_ text: String) -> String {
        var words = TextFolding.fold(text).split(separator: " ").map(String.init)
        let leading: [[String]] = [["tinh"], ["thanh", "pho"], ["tp"], ["province", "of"], ["province"], ["city", "of"]]
        var changed = true
        while changed {
            changed = false
            for p in leading where words.count > p.count && Array(words.prefix(p.count)) == p {
                words.removeFirst(p.count); changed = true
            }
            for p in [["province"], ["city"], ["tinh"]] where words.count > p.count && Array(words.suffix(p.count)) == p {
                words.removeLast(p.count); changed = true
            }
        }
        return words.joined()
    }

    /// The key of a place below the province: the province key without the words
    /// that say the kind of place ("huyện", "xã", "phường", "thị xã", "district"...).
    static func localityKey(_ text: String) -> String {
        var words = TextFolding.fold(text).split(separator: " ").map(String.init)
        for p in [["thi", "xa"], ["thi", "tran"], ["huyen"], ["xa"], ["phuong"]] where words.count > p.count && Array(words.prefix(p.count)) == p {
            words.removeFirst(p.count)
            break
        }
        for p in [["district"], ["commune"], ["ward"], ["town"]] where words.count > p.count && Array(words.suffix(p.count)) == p {
            words.removeLast(p.count)
            break
        }
        return Gazetteer.key(words.joined(separator: " "))
    }

    public func unit(id: String) -> Unit? { unitsByID[id].map { units[$0] } }

    /// A spelling resolved to a current unit, with what the user should be told when it
    /// did not name that unit: "Hòa Bình -> Phú Thọ, merged 1 July 2025", "Mộc Châu ->
    /// Sơn La: a former district of Sơn La (abolished 1 July 2025)".
    public struct Resolution: Sendable, Hashable {
        public var unit: Unit
        public var note: String?
    }

    /// Resolves a province, a former province, a listed former district or a current
    /// commune or ward; nil otherwise.
    public func resolveWithNote(_ text: String) -> Resolution? {
        if let hit = byFoldedName[Gazetteer.key(text)] {
            // An alias of the same name (a spelling variant) is not worth a note.
            let note = hit.via.flatMap { $0.contains("->") ? $0 : nil }
            return Resolution(unit: units[hit.unit], note: note)
        }
        if let place = localityByKey[Gazetteer.localityKey(text)] { return Resolution(unit: units[place.unit], note: place.note) }
        return nil
    }

    /// Resolves any province spelling to a current unit.
    public func lookup(_ text: String) -> Lookup {
        let k = Gazetteer.key(text)
        if let hit = byFoldedName[k] { return .unit(units[hit.unit], via: hit.via) }
        if let note = notProvinceNames[k] { return .notAProvince(note: note) }
        let candidates = units.map(\.name) + former.map(\.name) + localities.flatMap(\.names)
        var seen = Set<String>()
        let near = TextFolding.nearest(text, among: candidates, limit: 5).filter { seen.insert($0).inserted }
        // A suggested place below the province names its province: "Mộc Châu (Sơn La)".
        return .unknown(suggestions: near.prefix(3).map { name in
            localityByKey[Gazetteer.localityKey(name)].map { "\(name) (\(units[$0.unit].name))" } ?? name
        })
    }

    /// Why a spelling names no current unit, in the words every command uses.
    public struct Unresolved: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The current unit for a spelling, or an error saying it is not a province (with
    /// the gazetteer's note) or suggesting the nearest names.
    ///
    /// Places below the province (`localities`) resolve here, where a person names the
    /// place (flags, need files, requests), but not in `lookup` and `resolve`, which read
    /// place names of imported records: a commune name may recur in provinces whose
    /// communes are not listed.
    public func require(_ text: String) throws(Unresolved) -> Unit {
        if byFoldedName[Gazetteer.key(text)] == nil, let place = localityByKey[Gazetteer.localityKey(text)] { return units[place.unit] }
        switch lookup(text) {
        case .unit(let u, _): return u
        case .notAProvince(let note):
            throw Unresolved(description: "\"\(text)\" is not a province\(note.map { " (\($0))" } ?? ""); expected one of the 34 provincial units")
        case .unknown(let near):
            throw Unresolved(description: "unknown province \"\(text)\"" + (near.isEmpty ? "" : "; did you mean \(near.map { "\"\($0)\"" }.joined(separator: " or "))?"))
        }
    }

    /// The current unit for a spelling, or nil.
    public func resolve(_ text: String) -> Unit? {
        // No suggestions are made for a miss: callers that only want the unit (the engine
        // compiling every need) should not pay for the fuzzy search.
        byFoldedName[Gazetteer.key(text)].map { units[$0.unit] }
    }
}
