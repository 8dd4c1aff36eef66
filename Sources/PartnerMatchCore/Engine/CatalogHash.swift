import Foundation

/// The catalog hash stamped on every ranking: SHA-256 over the partners in id order,
/// each as JSON with sorted keys on one line, then the rule's canonical JSON. Loading
/// order, file layout and whitespace do not change it; any change of a figure does.
/// Evidence summaries, when there are any, follow in partner id order, each after its
/// partner id; without evidence the hash is what it was before evidence existed.
enum CatalogHash {
    static func hash(partners sortedByID: [Partner], rule: Rule, evidence: [String: EvidenceSummary] = [:]) -> String {
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
