import Foundation

/// The catalog hash stamped on every ranking: SHA-256 over the partners in id order,
/// each as JSON with sorted keys on one line, then the rule's canonical JSON. Loading
/// order, file layout and whitespace do not change it; any change of a figure does.
/// Evidence summaries, when there are any, follow in partner id order, each after its
/// partner id; without evidence the hash is what it was before evidence existed.
///
/// The JSON is Foundation `JSONEncoder`'s: `CatalogHashTests` pins the hash of a fixed
/// catalog, so a change of its number or escape formatting shows there.
enum CatalogHash {
    /// The hash; stops the program if a value cannot be encoded, which none of the
    /// hashed types can (see `hashing`): a stamp is never computed over a placeholder.
    static func hash(partners sortedByID: [Partner], rule: Rule, evidence: [String: EvidenceSummary] = [:]) -> String {
        stopping { try hashing(partners: sortedByID, rule: rule, evidence: evidence) }
    }

    /// The hash, or the encoder's error.
    static func hashing(partners sortedByID: [Partner], rule: Rule, evidence: [String: EvidenceSummary] = [:]) throws -> String {
        try finishing(partnersState(sortedByID), rule: rule, evidence: evidence)
    }

    /// What `hash` and the store's snapshot use: a value none of the hashed types can fail
    /// to encode (see `partnersState`), so a failure is a bug, never a placeholder hashed.
    static func stopping<T>(_ body: () throws -> T) -> T {
        do { return try body() } catch { preconditionFailure("the catalog hash cannot encode the catalog: \(error)") }
    }

    /// The hasher after the partners: the part of the hash that depends on the catalog
    /// alone, which the store keeps (`CatalogSnapshot`) so that a start does not encode and
    /// hash every partner again.
    ///
    /// - Throws: the encoder's `EncodingError`. JSON has no NaN or infinity, which made
    ///   the encoder throw on such a figure (and the partner hashed as an empty line, like
    ///   any other such partner); they are written as the strings "NaN", "+Infinity" and
    ///   "-Infinity", so they hash, each differently. Finite numbers are written as before.
    static func partnersState(_ sortedByID: [Partner]) throws -> SHA256 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var h = SHA256()
        h.update("partnermatch-catalog-v1\n")
        for p in sortedByID {
            h.update(try encoder.encode(p))
            h.update([0x0A])
        }
        return h
    }

    /// The hash, from the hasher after the partners: the rule, then the evidence.
    static func finish(_ partnersState: SHA256, rule: Rule, evidence: [String: EvidenceSummary]) -> String {
        stopping { try finishing(partnersState, rule: rule, evidence: evidence) }
    }

    static func finishing(_ partnersState: SHA256, rule: Rule, evidence: [String: EvidenceSummary]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var h = partnersState
        h.update("rule\n")
        h.update(rule.canonicalJSON)
        if !evidence.isEmpty {
            h.update("evidence\n")
            for (id, summary) in evidence.sorted(by: { $0.key < $1.key }) {
                h.update(id + "\n")
                h.update(try encoder.encode(summary))
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
        state = CatalogHash.stopping { try CatalogHash.partnersState(sorted) }
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
