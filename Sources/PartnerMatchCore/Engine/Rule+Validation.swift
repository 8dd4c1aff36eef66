extension Rule {
    /// Checks every weight and parameter once, so the scoring loop can trust them.
    ///
    /// Weights must be finite and not negative, and not all zero; credits and neutral
    /// values lie in [0, 1]; widths and tolerances have their own ranges.
    /// - Parameter allowReserved: accept a `builtin:` name (rules built in code).
    /// - Throws: `RuleError` naming the first offending field.
    public func validate(allowReserved: Bool = false) throws(RuleError) {
        let name = self.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { throw RuleError(path: "name", message: "is empty; expected a rule name") }
        if !allowReserved && name.hasPrefix(Rule.reservedPrefix) {
            throw RuleError(path: "name", message: "\"\(name)\" uses the reserved namespace \"\(Rule.reservedPrefix)\"; expected another name")
        }
        if version.trimmingCharacters(in: .whitespaces).isEmpty {
            throw RuleError(path: "version", message: "is empty; expected a version such as \"1.0\"")
        }
        if let t = filters.budgetTolerance {
            try Self.check(t, "filters.budget.tolerance", t.isFinite && t >= 1, "a number of at least 1 (a factor)")
        }
        if let d = filters.status { try Self.unit(d, "filters.status.dormant") }
        let f = features
        if let p = f.sectorFit {
            try Self.weight(p.weight, .sectorFit)
            try Self.unit(p.exact, "features.sectorFit.exact")
            try Self.unit(p.category, "features.sectorFit.category")
            try Self.unit(p.group, "features.sectorFit.group")
            try Self.unit(p.noOverlap, "features.sectorFit.noOverlap")
            try Self.unit(p.floor, "features.sectorFit.floor")
            try Self.check(p.full, "features.sectorFit.full", p.full >= 0.01 && p.full <= 1, "a sector fit from 0.01 to 1")
        }
        if let p = f.scaleFit {
            try Self.weight(p.weight, .scaleFit)
            try Self.check(p.width, "features.scaleFit.width", p.width.isFinite && p.width > 0 && p.width <= 10, "a number above 0 and at most 10 (decades)")
        }
        if let p = f.instrumentFit {
            try Self.weight(p.weight, .instrumentFit)
            for i in Instrument.allCases { try Self.unit(p.value(i), "features.instrumentFit.values.\(i.rawValue)") }
        }
        if let p = f.themeFit {
            try Self.weight(p.weight, .themeFit)
            try Self.unit(p.neutral, "features.themeFit.neutral")
        }
        if let p = f.geographyFit {
            try Self.weight(p.weight, .geographyFit)
            try Self.unit(p.province, "features.geographyFit.province")
            try Self.unit(p.region, "features.geographyFit.region")
            try Self.unit(p.areaFlag, "features.geographyFit.areaFlag")
            try Self.unit(p.nationwide, "features.geographyFit.nationwide")
        }
        if let p = f.cofinancing {
            try Self.weight(p.weight, .cofinancing)
            try Self.unit(p.notRequired, "features.cofinancing.notRequired")
            try Self.unit(p.unknown, "features.cofinancing.unknown")
        }
        if let p = f.presence {
            try Self.weight(p.weight, .presence)
            try Self.check(p.low, "features.presence.low", p.low.isFinite && p.low > 0, "an amount in USD above 0")
            try Self.check(p.high, "features.presence.high", p.high.isFinite && p.high > p.low, "an amount in USD above low (\(Self.number(p.low)))")
            try Self.unit(p.unknown, "features.presence.unknown")
        }
        if let p = f.sectorEvidence {
            try Self.weight(p.weight, .sectorEvidence)
            try Self.unit(p.exact, "features.sectorEvidence.exact")
            try Self.unit(p.category, "features.sectorEvidence.category")
            try Self.unit(p.group, "features.sectorEvidence.group")
            try Self.check(p.saturation, "features.sectorEvidence.saturation", p.saturation > 0 && p.saturation <= 1, "a share above 0 and at most 1")
            try Self.unit(p.fallback, "features.sectorEvidence.fallback")
        }
        if let p = f.ticketEvidence {
            try Self.weight(p.weight, .ticketEvidence)
            try Self.check(p.width, "features.ticketEvidence.width", p.width.isFinite && p.width > 0 && p.width <= 10, "a number above 0 and at most 10 (decades)")
            try Self.unit(p.fallback, "features.ticketEvidence.fallback")
        }
        if let p = f.provinceEvidence {
            try Self.weight(p.weight, .provinceEvidence)
            try Self.check(p.saturation, "features.provinceEvidence.saturation", p.saturation.isFinite && p.saturation >= 1 && p.saturation <= 1000, "a number of activities from 1 to 1000")
            try Self.unit(p.region, "features.provinceEvidence.region")
            try Self.unit(p.fallback, "features.provinceEvidence.fallback")
        }
        try Self.check(strength.fair, "matchStrength.fair", strength.fair.isFinite && strength.fair >= 0 && strength.fair <= 100, "a score from 0 to 100")
        try Self.check(strength.strong, "matchStrength.strong", strength.strong.isFinite && strength.strong >= strength.fair && strength.strong <= 100, "a score from matchStrength.fair (\(Self.number(strength.fair))) to 100")
        for s in SoughtInstrument.allCases {
            for i in Instrument.allCases { try Self.unit(compatibility.credit(s, i), "instruments.\(s.rawValue).\(i.rawValue)") }
            if compatibility.compatible(s).isEmpty {
                throw RuleError(path: "instruments.\(s.rawValue)", message: "answers no instrument; expected a credit above 0 for at least one of \(Instrument.acceptedValues)")
            }
        }
        if Feature.allCases.allSatisfy({ f.weight($0) == 0 }) {
            throw RuleError(path: "features", message: "no feature has a weight above 0; expected at least one of \(Feature.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    private static func weight(_ w: Double, _ feature: Feature) throws(RuleError) {
        try check(w, "features.\(feature.rawValue).weight", w.isFinite && w >= 0, "a finite number of at least 0")
    }

    private static func unit(_ v: Double, _ path: String) throws(RuleError) {
        try check(v, path, v >= 0 && v <= 1, "a number from 0 to 1")
    }

    private static func check(_ v: Double, _ path: String, _ ok: Bool, _ expected: String) throws(RuleError) {
        if !ok { throw RuleError(path: path, message: "\(number(v)) is out of range; expected \(expected)") }
    }

    /// A number as a reader wrote it: `-1`, `0.25`, `NaN`, `infinity`.
    static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-infinity" : "infinity" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
