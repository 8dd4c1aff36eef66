/// Links the organisations named in evidence to catalog partners, by IATI ref and by
/// name or alias, case-, diacritic- and Unicode-form-insensitively, and by nothing else:
/// an organisation that no ref or alias names stays unlinked (and is listed by
/// `evidence unlinked` so that an alias can be added). Never guessed.
///
/// One funder is often several catalog programmes (ADB has three partner files with the
/// same ref `46004`): an organisation links to every programme that names it, and each
/// programme's profile is the funder's whole record. The evidence rarely says which
/// window paid (the ADB release does not), so choosing one would be a guess.
public struct PartnerLinker: Sendable {
    private var byRef: [String: [String]] = [:]
    private var byName: [String: [String]] = [:]
    private var known: Set<String> = []

    public init(partners: [Partner]) {
        for p in partners {
            known.insert(p.id)
            for r in p.iatiRefs {
                for k in PartnerLinker.refKeys(r) { byRef[k, default: []].append(p.id) }
            }
            for n in [p.name.en, p.name.vi].compactMap({ $0 }) + p.aliases {
                let f = TextFolding.fold(n)
                if !f.isEmpty { byName[f, default: []].append(p.id) }
            }
        }
    }

    /// `XM-DAC-46004` and `46004` name the same organisation (the DAC code inside the
    /// IATI identifier of a multilateral).
    static func refKeys(_ ref: String) -> [String] {
        let r = ref.trimmingCharacters(in: .whitespaces).uppercased()
        if r.isEmpty { return [] }
        if r.hasPrefix("XM-DAC-") { return [r, String(r.dropFirst(7))] }
        return [r]
    }

    /// A link and the reason for it.
    public struct Link: Sendable, Hashable, Codable {
        public var partnerID: String
        /// `ref XM-DAC-46004` or `name "Asia Development Bank"`.
        public var via: String
    }

    /// The partners an organisation links to, sorted by id.
    public func links(for org: EvidenceOrg) -> [Link] {
        var out: [String: String] = [:]
        if let ref = org.ref {
            for k in PartnerLinker.refKeys(ref) { for id in byRef[k] ?? [] where out[id] == nil { out[id] = "ref \(ref)" } }
        }
        if let name = org.name {
            for id in byName[TextFolding.fold(name)] ?? [] where out[id] == nil { out[id] = "name \"\(name)\"" }
        }
        // Links a mapping file stated, to partners the catalog has (a partner removed
        // since the import is not linked).
        for id in org.partners ?? [] where out[id] == nil && known.contains(id) { out[id] = "mapping" }
        return out.keys.sorted().map { Link(partnerID: $0, via: out[$0]!) }
    }

    /// Who paid, as a key that is the same for two sources naming one funder differently
    /// ("Asian Development Bank" and "Asia Development Bank" both link to ADB): the linked
    /// partners, else the organisation's own key.
    public func funderIdentity(_ funders: [EvidenceOrg]) -> String? {
        let linked = Set(funders.flatMap { links(for: $0).map(\.partnerID) })
        if !linked.isEmpty { return "partners:" + linked.sorted().joined(separator: ",") }
        let keys = funders.compactMap(\.key).sorted()
        return keys.isEmpty ? nil : keys.joined(separator: ",")
    }
}

/// Keys that recognise one project published by two sources: the same funder and the
/// same project number, the number being the CSV's project id or the trailing two or
/// three segments of an IATI identifier (`US-501c3-522318905-SG-38196-013` carries ADB
/// project `38196-013`).
public enum EvidenceMatchKeys {
    public static func keys(for a: EvidenceActivity, funder: String) -> [String] {
        var numbers: Set<String> = []
        if let p = a.projectID, !p.isEmpty { numbers.insert(p.uppercased()) } else if let fast = asciiSuffixes(a.identifier) {
            numbers = fast
        } else {
            let parts = a.identifier.uppercased().split(separator: "-", omittingEmptySubsequences: false)
            for n in [2, 3] where parts.count > n {
                let suffix = parts.suffix(n).joined(separator: "-")
                // A project number holds digits; "SG-013" alone is too weak to match on.
                if suffix.contains(where: \.isNumber) && suffix.count >= 5 { numbers.insert(suffix) }
            }
        }
        return numbers.sorted().map { funder + "|" + $0 }
    }

    /// The suffixes above for an ASCII identifier without CR (one byte per Character, and
    /// only `0`-`9` are numbers), found on bytes: the same set, without splitting and
    /// joining Strings. Nil for any other identifier.
    private static func asciiSuffixes(_ identifier: String) -> Set<String>? {
        var id = identifier
        return id.withUTF8 { u -> Set<String>? in
            var dashes: [Int] = []
            for (i, b) in u.enumerated() {
                if b >= 0x80 || b == 0x0D { return nil }
                if b == UInt8(ascii: "-") { dashes.append(i) }
            }
            var out = Set<String>()
            for n in [2, 3] where dashes.count >= n {
                let start = dashes[dashes.count - n] + 1
                let suffix = UnsafeBufferPointer(rebasing: u[start...])
                guard suffix.count >= 5, suffix.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { continue }
                out.insert(String(decoding: suffix.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }, as: UTF8.self))
            }
            return out
        }
    }
}

/// Activities that two sources published once are counted once: the member with the
/// most reliable value stands for the group, filled in with what the others know.
public enum EvidenceMerge {
    public static func counted(_ group: [EvidenceActivity]) -> EvidenceActivity? {
        guard var best = group.max(by: { rank($0) < rank($1) }) else { return nil }
        for other in group where other != best {
            if best.sectors.isEmpty { best.sectors = other.sectors }
            for l in other.locations where !best.locations.contains(l) { best.locations.append(l) }
            if best.titles.isEmpty { best.titles = other.titles }
            if best.statedInstrument == nil && best.instrument == nil { best.statedInstrument = other.instrument }
            if best.startDate == nil { best.dates = other.dates }
        }
        return best
    }

    private static func rank(_ a: EvidenceActivity) -> Int {
        guard let v = a.value else { return 0 }
        switch v.basis {
        case .commitments: return 3
        case .budgets: return 2
        case .disbursements: return 1
        }
    }
}
