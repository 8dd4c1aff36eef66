/// Finding codes without knowing them: DAC sectors, themes and places by any words of
/// their English or Vietnamese names, with or without diacritics ("giao thông",
/// "giao thong", "transport").
public struct ReferenceSearch: Sendable {
    public let reference: ReferenceData

    public init(reference: ReferenceData) {
        self.reference = reference
    }

    /// True when every word of the query occurs in one of the texts (folded), or the
    /// query is a prefix of the code.
    static func matches(_ query: String, code: String?, _ texts: [String?]) -> Bool {
        let q = TextFolding.fold(query)
        if q.isEmpty { return true }
        if let code, code.hasPrefix(query.trimmingCharacters(in: .whitespaces)) { return true }
        let words = q.split(separator: " ")
        return texts.contains { t in
            guard let t else { return false }
            let f = " " + TextFolding.fold(t) + " "
            return words.allSatisfy { f.contains(" " + $0) }
        }
    }

    /// Sectors (groups, categories and codes, retired ones left out) whose code starts
    /// with the query or whose names hold all of its words (each from a word start).
    public func sectors(_ query: String, language: Language) -> Table {
        var t = Table(columns: [.init("code", "Code"), .init("level", "Level"), .init("name", "Name"), .init("other_name", language == .vi ? "English" : "Tiếng Việt")])
        let s = reference.sectors
        func row(_ code: String, _ level: String, _ en: String, _ vi: String?) -> [Table.Cell] {
            let (main, other) = language == .vi ? (vi ?? en, en) : (en, vi ?? "")
            return [.text(code), .text(level), .text(main), .text(other)]
        }
        for g in s.groups where Self.matches(query, code: g.code, [g.en, g.vi]) { t.rows.append(row(g.code, "group", g.en, g.vi)) }
        for c in s.categories where c.retired != true && Self.matches(query, code: c.code, [c.en, c.vi]) { t.rows.append(row(c.code, "category", c.en, c.vi)) }
        for c in s.codes where c.retired != true && Self.matches(query, code: c.code, [c.en, c.vi]) { t.rows.append(row(c.code, "code", c.en, c.vi)) }
        return t
    }

    /// Themes whose id or names hold the query (all themes for an empty one).
    public func themes(_ query: String = "", language: Language) -> Table {
        var t = Table(columns: [.init("id", "Id"), .init("name", "Name"), .init("other_name", language == .vi ? "English" : "Tiếng Việt"), .init("description", "Description", maxWidth: 60)])
        for th in reference.themes.themes where Self.matches(query, code: th.id, [th.en, th.vi, th.id.replacingOccurrences(of: "-", with: " ")]) {
            t.rows.append([.text(th.id), .text(language == .vi ? th.vi : th.en), .text(language == .vi ? th.en : th.vi), .text(th.description ?? "")])
        }
        return t
    }

    /// Provincial units, former provinces and listed places below the province whose
    /// names hold the query, each with the current unit it is now part of.
    public func places(_ query: String) -> Table {
        var t = Table(columns: [.init("name", "Name"), .init("kind", "Kind"), .init("province_id", "Province id"), .init("province", "Province now")])
        let g = reference.provinces
        func name(_ id: String) -> String { g.unit(id: id)?.name ?? id }
        for u in g.units where Self.matches(query, code: nil, [u.name, u.id.replacingOccurrences(of: "-", with: " ")]) {
            t.rows.append([.text(u.name), .text(u.kind), .text(u.id), .text(u.name)])
        }
        for f in g.former where f.mergedInto != f.id && Self.matches(query, code: nil, [f.name]) {
            t.rows.append([.text(f.name), .text("former \(f.kind) (merged 1 July 2025)"), .text(f.mergedInto), .text(name(f.mergedInto))])
        }
        for l in g.localities {
            var kind = l.kind == "former-district" ? "former district" : l.kind
            if let fp = l.formerProvince { kind += " of \(g.former.first { $0.id == fp }?.name ?? fp)" }
            for n in l.names where Self.matches(query, code: nil, [n]) {
                t.rows.append([.text(n), .text(kind), .text(l.province), .text(name(l.province))])
            }
        }
        return t
    }
}
