extension Rule {
    /// Checks every weight and parameter once, so the scoring loop can trust them.
    ///
    /// Weights lie in [0, 1000] and are not all zero; credits and neutral values lie in
    /// [0, 1]; widths are at least 0.01 decades; tolerances, amounts and saturations have
    /// their own ranges. Every rule that passes gives finite scores in [0, 100] for every
    /// need and partner: a width of 1e-39 made `1 / width` infinite and the best partners
    /// NaN, two weights of 1e308 summed to infinity (issue 14, item 11).
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
            try Self.check(t, "filters.budget.tolerance", t.isFinite && t >= 1 && t <= 1e6, "a number from 1 to 1000000 (a factor)")
        }
        if let d = filters.status { try Self.unit(d, "filters.status.dormant") }
        if let u = filters.unmetRequirement { try Self.unit(u, "filters.status.unmetRequirement") }
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
            try Self.check(p.width, "features.scaleFit.width", p.width.isFinite && p.width >= Self.minimumWidth && p.width <= 10, "a number from 0.01 to 10 (decades)")
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
            try Self.check(p.low, "features.presence.low", p.low.isFinite && p.low >= 1 && p.low <= AmountSyntax.maximumUSD, "an amount in USD from 1 to \(Self.number(AmountSyntax.maximumUSD))")
            try Self.check(p.high, "features.presence.high", p.high.isFinite && p.high >= p.low * 1.01 && p.high <= AmountSyntax.maximumUSD,
                           "an amount in USD at least 1% above low (\(Self.number(p.low))) and at most \(Self.number(AmountSyntax.maximumUSD))")
            try Self.unit(p.unknown, "features.presence.unknown")
        }
        if let p = f.sectorEvidence {
            try Self.weight(p.weight, .sectorEvidence)
            try Self.unit(p.exact, "features.sectorEvidence.exact")
            try Self.unit(p.category, "features.sectorEvidence.category")
            try Self.unit(p.group, "features.sectorEvidence.group")
            try Self.check(p.saturation, "features.sectorEvidence.saturation", p.saturation >= 0.01 && p.saturation <= 1, "a share from 0.01 to 1")
            try Self.unit(p.fallback, "features.sectorEvidence.fallback")
        }
        if let p = f.ticketEvidence {
            try Self.weight(p.weight, .ticketEvidence)
            try Self.check(p.width, "features.ticketEvidence.width", p.width.isFinite && p.width >= Self.minimumWidth && p.width <= 10, "a number from 0.01 to 10 (decades)")
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
        let total = Feature.allCases.reduce(0) { $0 + f.weight($1) }
        if total > 0 && total < Self.minimumTotalWeight {
            throw RuleError(path: "features", message: "the weights sum to \(Self.number(total)); expected a sum of at least \(Self.number(Self.minimumTotalWeight))")
        }
        if Feature.allCases.allSatisfy({ f.weight($0) == 0 }) {
            throw RuleError(path: "features", message: "no feature has a weight above 0; expected at least one of \(Feature.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The largest weight: weights are relative, and a sum that overflows (two weights
    /// of 1e308) would make every score NaN.
    public static let maximumWeight = 1000.0
    /// The smallest sum of weights: the scaled weights are single-precision floats.
    public static let minimumTotalWeight = 1e-6
    /// The narrowest width of a scale (decades): `1 / width` stays far from overflow.
    public static let minimumWidth = 0.01

    private static func weight(_ w: Double, _ feature: Feature) throws(RuleError) {
        try check(w, "features.\(feature.rawValue).weight", w.isFinite && w >= 0 && w <= maximumWeight, "a finite number from 0 to 1000")
    }

    private static func unit(_ v: Double, _ path: String) throws(RuleError) {
        try check(v, path, v >= 0 && v <= 1, "a number from 0 to 1")
    }

    private static func check(_ v: Double, _ path: String, _ ok: Bool, _ expected: String) throws(RuleError) {
        if !ok { throw RuleError(path: path, message: "\(number(v)) is out of range; expected \(expected)") }
    }

    /// A number as a reader wrote it: `-1`, `0.25`, `NaN`, `infinity`.
    public static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-infinity" : "infinity" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
