import Foundation

/// The catalog hash stamped on every ranking: SHA-256 over the partners in id order,
/// each as JSON with sorted keys on one line, then the rule's canonical JSON. Loading
/// order, file layout and whitespace do not change it; any change of a figure does.
/// Evidence summaries, when there are any, follow in partner id order, each after its
/// partner id; without evidence the hash is what it was before evidence existed.
enum CatalogHash {
    static func hash(partners sortedByID: [Partner], rule: Rule, evidence: [String: EvidenceSummary] = [:]) -> String {
        finish(partnersState(sortedByID), rule: rule, evidence: evidence)
    }

    /// The hasher after the partners: the part of the hash that depends on the catalog
    /// alone, which the store keeps (`CatalogSnapshot`) so that a start does not encode and
    /// hash every partner again.
    static func partnersState(_ sortedByID: [Partner]) -> SHA256 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var h = SHA256()
        h.update("partnermatch-catalog-v1\n")
        for p in sortedByID {
            // Encoding a plain Codable struct cannot fail; an empty line would still hash.
            let data = (try? encoder.encode(p)) ?? Data()
            h.update(data)
            h.update([0x0A])
        }
        return h
    }

    /// The hash, from the hasher after the partners: the rule, then the evidence.
    static func finish(_ partnersState: SHA256, rule: Rule, evidence: [String: EvidenceSummary]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var h = partnersState
        h.update("rule\n")
        h.update(rule.canonicalJSON)
        if !evidence.isEmpty {
            h.update("evidence\n")
            for id in evidence.keys.sorted() {
                h.update(id + "\n")
                h.update((try? encoder.encode(evidence[id]!)) ?? Data())
                h.update([0x0A])
            }
        }
        return h.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// The partners of a stored catalog, sorted by id without repeats, with the hasher state
/// after them (`CatalogHash.partnersState`): what the store keeps so that a catalog
/// compiles without hashing its partners again.
public struct HashedPartners: Sendable {
    public let partners: [Partner]
    let state: SHA256

    /// Sorts and hashes `partners` (the first of each id is kept, as `CompiledCatalog` does).
    public init(_ partners: [Partner]) {
        var seen = Set<String>()
        let sorted = partners.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
        self.partners = sorted
        state = CatalogHash.partnersState(sorted)
    }

    /// Partners and a state kept from an earlier `init(_:)` of the same partners (sorted
    /// here again, as `init(_:)` sorts them); nil when the state is unreadable.
    public init?(sortedPartners: [Partner], midState: [UInt8]) {
        guard let state = SHA256(midState: midState) else { return nil }
        if zip(sortedPartners, sortedPartners.dropFirst()).allSatisfy({ $0.id < $1.id }) {
            partners = sortedPartners
        } else {
            var seen = Set<String>()
            partners = sortedPartners.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
        }
        self.state = state
    }

    /// The hasher state to keep.
    public var midState: [UInt8] { state.midState }
}
