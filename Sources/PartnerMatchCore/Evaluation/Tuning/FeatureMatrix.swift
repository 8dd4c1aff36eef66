import Dispatch

/// Every feature's value for every need-partner pair, computed once by the engine, so
/// that tuning can try thousands of weightings by recomputing only the weighted sum.
///
/// Each feature's row comes from the engine's own kernel run under the rule with that
/// feature alone weighed (so its score is 100 x the feature's value) and the rule's
/// filters: the values are the engine's, not a second implementation. A partner the
/// filters exclude is -1 in every row of the need.
///
/// With an `EvidenceHistory`, each need's evidence features see only the evidence the
/// history allows it (one compiled catalog per allowance), as in `EvalRanker.rank`.
public struct FeatureMatrix: Sendable {
    /// The features of the rule, in report order: the columns that tuning weighs.
    public let features: [Feature]
    /// Partners in catalog order (by id).
    public let partnerIDs: [String]
    public let needIDs: [String]
    /// `values[(need * features.count + f) * partners + p]`: 100 x the value of feature
    /// `f` for the pair, or -1 when the partner is excluded for the need.
    let values: [Float]

    public var partnerCount: Int { partnerIDs.count }
    public var needCount: Int { needIDs.count }

    /// Builds the matrix for `needs` under `rule`'s features and filters.
    public init(needs: [Need], partners: [Partner], reference: ReferenceData, rule: Rule,
                evidence: EvidenceHistory? = nil, threads: Int) {
        let features = rule.features.used
        let usesEvidence = features.contains { $0.isEvidence }
        self.features = features
        needIDs = needs.map(\.id)
        let groups: [(key: EvidenceHistory.Key, members: [Int])] =
            usesEvidence && evidence != nil ? evidence!.groups(needs) : [(.all, Array(needs.indices))]
        // The catalog's order: partners by id, each once.
        let ids = Array(Set(partners.map(\.id))).sorted()
        let p = ids.count
        var values = [Float](repeating: 0, count: needs.count * features.count * p)
        let fCount = features.count
        for (key, members) in groups {
            let summaries = usesEvidence ? evidence?.summaries(for: key) ?? [:] : [:]
            let catalogs = features.map { f -> CompiledCatalog in
                var single = rule
                for other in features { single.features.setWeight(other, other == f ? 1 : 0) }
                return CompiledCatalog(partners: partners, reference: reference, rule: single, evidence: summaries, hashed: false)
            }
            values.withUnsafeMutableBufferPointer { buffer in
                let out = _SendableBuffer(buffer)
                CompiledCatalog.parallelChunks(members.count, threads: threads) { range in
                    let workspace = _Workspace(k: 1)
                    for i in range {
                        let need = members[i]
                        for (f, catalog) in catalogs.enumerated() {
                            catalog.scoreAll(catalog.compile(needs[need]), into: out.buffer.baseAddress! + (need * fCount + f) * p, workspace: workspace)
                        }
                    }
                }
            }
        }
        partnerIDs = ids
        self.values = values
    }

    /// The rule's weights of `features`, in that order.
    public static func weights(of rule: Rule, _ features: [Feature]) -> [Double] {
        features.map { rule.features.weight($0) }
    }
}
