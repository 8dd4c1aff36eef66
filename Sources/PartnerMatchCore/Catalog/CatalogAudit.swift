/// Lists every figure of a partner with its provenance, to check that each is sourced
/// or flagged as an estimate, and to date it by its source's checked day.
public enum CatalogAudit {
    public struct Figure: Sendable, Hashable {
        /// The figure (`instruments[0].ticket`).
        public var field: String
        /// Where its provenance is written (`instruments[0].provenance`).
        public var provenancePath: String
        public var provenance: Provenance?
        public var estimate: Bool { provenance?.estimate ?? false }
        public var sourced: Bool { provenance?.source != nil }
    }

    public static func figures(of p: Partner) -> [Figure] {
        var out: [Figure] = []
        for (i, o) in p.instruments.enumerated() {
            out.append(Figure(field: "instruments[\(i)].ticket", provenancePath: "instruments[\(i)].provenance", provenance: o.provenance))
            if let s = o.status {
                out.append(Figure(field: "instruments[\(i)].status", provenancePath: "instruments[\(i)].status.provenance", provenance: s.provenance))
            }
            if let c = o.ceiling {
                out.append(Figure(field: "instruments[\(i)].ceiling", provenancePath: "instruments[\(i)].ceiling.provenance", provenance: c.provenance))
            }
        }
        for (i, sp) in p.sectorPriorities.enumerated() where sp.provenance != nil {
            out.append(Figure(field: "sectorPriorities[\(i)]", provenancePath: "sectorPriorities[\(i)].provenance", provenance: sp.provenance))
        }
        if let v = p.recentVolume { out.append(Figure(field: "recentVolume", provenancePath: "recentVolume.provenance", provenance: v.provenance)) }
        if p.eligibility.minCounterpartShare > 0 || p.eligibility.provenance != nil {
            out.append(Figure(field: "eligibility.minCounterpartShare", provenancePath: "eligibility.provenance", provenance: p.eligibility.provenance))
        }
        for (i, w) in p.applicationWindows.enumerated() where w.kind != .rolling || w.provenance != nil {
            out.append(Figure(field: "applicationWindows[\(i)]", provenancePath: "applicationWindows[\(i)].provenance", provenance: w.provenance))
        }
        return out
    }
}
