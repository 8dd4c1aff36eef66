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
        do {
            return try hashing(partners: sortedByID, rule: rule, evidence: evidence)
        } catch {
            preconditionFailure("the catalog hash cannot encode the catalog: \(error)")
        }
    }

    /// - Throws: the encoder's `EncodingError`. JSON has no NaN or infinity, which made
    ///   the encoder throw on such a figure (and the partner hashed as an empty line, like
    ///   any other such partner); they are written as the strings "NaN", "+Infinity" and
    ///   "-Infinity", so they hash, each differently. Finite numbers are written as before.
    static func hashing(partners sortedByID: [Partner], rule: Rule, evidence: [String: EvidenceSummary] = [:]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var h = SHA256()
        h.update("partnermatch-catalog-v1\n")
        for p in sortedByID {
            h.update(try encoder.encode(p))
            h.update([0x0A])
        }
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
