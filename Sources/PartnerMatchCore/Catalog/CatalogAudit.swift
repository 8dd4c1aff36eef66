/// Lists every figure of a partner with its provenance, to check that each is sourced
/// or flagged as an estimate.
public enum CatalogAudit {
    public struct Figure: Sendable, Hashable {
        public var field: String
        public var provenance: Provenance?
        public var estimate: Bool { provenance?.estimate ?? false }
        public var sourced: Bool { provenance?.source != nil }
    }

    public static func figures(of p: Partner) -> [Figure] {
        var out: [Figure] = []
        for (i, o) in p.instruments.enumerated() { out.append(Figure(field: "instruments[\(i)].ticket", provenance: o.provenance)) }
        if let v = p.recentVolume { out.append(Figure(field: "recentVolume", provenance: v.provenance)) }
        if p.eligibility.minCounterpartShare > 0 { out.append(Figure(field: "eligibility.minCounterpartShare", provenance: p.eligibility.provenance)) }
        for (i, w) in p.applicationWindows.enumerated() where w.kind != .rolling {
            out.append(Figure(field: "applicationWindows[\(i)]", provenance: w.provenance))
        }
        return out
    }
}
