extension CompiledCatalog {
    /// Resolves a sector string with the taxonomy, or by its shape when the taxonomy does
    /// not know it (a 5-digit code's category is its first 3 digits; a group is x00), so
    /// that an unlisted code still matches its category and group.
    static func resolveLoose(_ sector: String, _ taxonomy: SectorTaxonomy) -> SectorTaxonomy.Resolved {
        let s = sector.trimmingCharacters(in: .whitespaces)
        if let r = taxonomy.resolve(s) { return r }
        let group = String(s.prefix(1)) + "00"
        if s.count == 5 { return .init(level: .code, code: s, category: String(s.prefix(3)), group: group) }
        if s.count == 3 && s.hasSuffix("00") { return .init(level: .group, code: s, category: nil, group: s) }
        return .init(level: .category, code: s, category: s, group: group)
    }

    /// True when excluding `excluded` excludes the need sector `need`: the same code, or
    /// the code's category, or its group.
    static func excludes(need: SectorTaxonomy.Resolved, excluded: SectorTaxonomy.Resolved) -> Bool {
        switch excluded.level {
        case .code: return need.code == excluded.code
        case .category: return need.category == excluded.code
        case .group: return need.group == excluded.group
        }
    }

    /// A province as written in a partner's focus, as a unit id when the gazetteer knows it.
    static func unitID(of province: String, _ gazetteer: Gazetteer) -> String {
        gazetteer.unit(id: province)?.id ?? gazetteer.resolve(province)?.id ?? province
    }

    /// The merged ticket intervals (natural log) of a partner's offers compatible with
    /// what is sought. Merging keeps the distance to the nearest interval exact.
    static func ticketIntervals(_ p: Partner, compatible: [Instrument]) -> [(low: Float, high: Float)] {
        return mergedLogIntervals(p.instruments.filter { compatible.contains($0.instrument) }.map { ($0.ticket.min, $0.ticket.max) })
    }

    /// Amount ranges in natural log, sorted and with overlaps merged, so that the
    /// distance to the nearest one is exact.
    static func mergedLogIntervals(_ ranges: [(low: Double, high: Double)]) -> [(low: Float, high: Float)] {
        var iv = ranges.map { r -> (low: Float, high: Float) in
            let lo = FeatureFormulas.logAmount(r.low)
            return (lo, max(lo, FeatureFormulas.logAmount(r.high)))
        }
        iv.sort { $0.low < $1.low }
        var merged: [(low: Float, high: Float)] = []
        for x in iv {
            if let last = merged.last, x.low <= last.high {
                merged[merged.count - 1].high = max(last.high, x.high)
            } else {
                merged.append(x)
            }
        }
        return merged
    }

    static func instrumentBits(_ instruments: [Instrument]) -> UInt32 {
        instruments.reduce(0) { $0 | (1 << UInt32(Instrument.allCases.firstIndex(of: $1)!)) }
    }

    static func applicantBit(_ kind: ApplicantKind) -> UInt32 {
        1 << (8 + UInt32(ApplicantKind.allCases.firstIndex(of: kind)!))
    }

    static func eligibilityBits(_ p: Partner) -> UInt32 {
        let kinds = p.eligibility.applicantKinds.isEmpty ? ApplicantKind.allCases : p.eligibility.applicantKinds
        return instrumentBits(p.instruments.map(\.instrument)) | kinds.reduce(0) { $0 | applicantBit($1) }
    }

    /// Theme ids as a bitset over the vocabulary's first 64 themes; unknown ids are ignored.
    static func themeBits(_ themes: [String], _ vocabulary: ThemeVocabulary) -> UInt64 {
        themes.reduce(0) { bits, id in
            guard let o = vocabulary.ordinal(of: id), o < 64 else { return bits }
            return bits | (1 << UInt64(o))
        }
    }
}
