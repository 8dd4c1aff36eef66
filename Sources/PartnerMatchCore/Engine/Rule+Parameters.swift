extension Rule {
    /// A numeric parameter of a feature by its path in the rule file's `features` object
    /// (`scaleFit.width`), for tuning. Instrument values are left out (a table, not a
    /// number).
    public struct ParameterPath: Sendable, Hashable, CustomStringConvertible {
        public let feature: Feature
        public let name: String

        public var description: String { "\(feature.rawValue).\(name)" }

    }

    /// Every numeric parameter, in rule-file order.
    public static let parameterPaths: [ParameterPath] = [
        .init(feature: .sectorFit, name: "exact"),
        .init(feature: .sectorFit, name: "category"),
        .init(feature: .sectorFit, name: "group"),
        .init(feature: .sectorFit, name: "noOverlap"),
        .init(feature: .sectorFit, name: "floor"),
        .init(feature: .sectorFit, name: "full"),
        .init(feature: .scaleFit, name: "width"),
        .init(feature: .themeFit, name: "neutral"),
        .init(feature: .geographyFit, name: "province"),
        .init(feature: .geographyFit, name: "region"),
        .init(feature: .geographyFit, name: "areaFlag"),
        .init(feature: .geographyFit, name: "nationwide"),
        .init(feature: .cofinancing, name: "notRequired"),
        .init(feature: .cofinancing, name: "unknown"),
        .init(feature: .presence, name: "low"),
        .init(feature: .presence, name: "high"),
        .init(feature: .presence, name: "unknown"),
        .init(feature: .sectorEvidence, name: "exact"),
        .init(feature: .sectorEvidence, name: "category"),
        .init(feature: .sectorEvidence, name: "group"),
        .init(feature: .sectorEvidence, name: "saturation"),
        .init(feature: .sectorEvidence, name: "fallback"),
        .init(feature: .ticketEvidence, name: "width"),
        .init(feature: .ticketEvidence, name: "fallback"),
        .init(feature: .provinceEvidence, name: "saturation"),
        .init(feature: .provinceEvidence, name: "region"),
        .init(feature: .provinceEvidence, name: "fallback"),
    ]

    /// The parameter named `text` (`scaleFit.width`).
    /// - Throws: `RuleError` listing the known paths.
    public static func parameterPath(_ text: String) throws(RuleError) -> ParameterPath {
        if let p = parameterPaths.first(where: { $0.description == text }) { return p }
        throw RuleError(path: "features.\(text)", message: "is not a tunable parameter; expected one of \(parameterPaths.map(\.description).joined(separator: ", "))")
    }

    /// The value of a parameter; nil when the rule leaves its feature out.
    public func parameter(_ p: ParameterPath) -> Double? {
        var f = features
        return Rule.access(p, &f, set: nil)
    }

    /// Reads a parameter of `f`, and sets it first when `value` is given; nil when `f`
    /// leaves the feature out (then nothing is set).
    @discardableResult
    static func access(_ p: ParameterPath, _ f: inout FeatureSettings, set value: Double?) -> Double? {
        func on<T>(_ params: inout T?, _ field: WritableKeyPath<T, Double>) -> Double? {
            guard params != nil else { return nil }
            if let value { params![keyPath: field] = value }
            return params![keyPath: field]
        }
        switch (p.feature, p.name) {
        case (.sectorFit, "exact"): return on(&f.sectorFit, \.exact)
        case (.sectorFit, "category"): return on(&f.sectorFit, \.category)
        case (.sectorFit, "group"): return on(&f.sectorFit, \.group)
        case (.sectorFit, "noOverlap"): return on(&f.sectorFit, \.noOverlap)
        case (.sectorFit, "floor"): return on(&f.sectorFit, \.floor)
        case (.sectorFit, "full"): return on(&f.sectorFit, \.full)
        case (.scaleFit, "width"): return on(&f.scaleFit, \.width)
        case (.themeFit, "neutral"): return on(&f.themeFit, \.neutral)
        case (.geographyFit, "province"): return on(&f.geographyFit, \.province)
        case (.geographyFit, "region"): return on(&f.geographyFit, \.region)
        case (.geographyFit, "areaFlag"): return on(&f.geographyFit, \.areaFlag)
        case (.geographyFit, "nationwide"): return on(&f.geographyFit, \.nationwide)
        case (.cofinancing, "notRequired"): return on(&f.cofinancing, \.notRequired)
        case (.cofinancing, "unknown"): return on(&f.cofinancing, \.unknown)
        case (.presence, "low"): return on(&f.presence, \.low)
        case (.presence, "high"): return on(&f.presence, \.high)
        case (.presence, "unknown"): return on(&f.presence, \.unknown)
        case (.sectorEvidence, "exact"): return on(&f.sectorEvidence, \.exact)
        case (.sectorEvidence, "category"): return on(&f.sectorEvidence, \.category)
        case (.sectorEvidence, "group"): return on(&f.sectorEvidence, \.group)
        case (.sectorEvidence, "saturation"): return on(&f.sectorEvidence, \.saturation)
        case (.sectorEvidence, "fallback"): return on(&f.sectorEvidence, \.fallback)
        case (.ticketEvidence, "width"): return on(&f.ticketEvidence, \.width)
        case (.ticketEvidence, "fallback"): return on(&f.ticketEvidence, \.fallback)
        case (.provinceEvidence, "saturation"): return on(&f.provinceEvidence, \.saturation)
        case (.provinceEvidence, "region"): return on(&f.provinceEvidence, \.region)
        case (.provinceEvidence, "fallback"): return on(&f.provinceEvidence, \.fallback)
        default: return nil
        }
    }

    /// The rule with a parameter set, validated.
    /// - Throws: `RuleError` when the rule leaves the feature out or the value is out of range.
    public func setting(_ p: ParameterPath, to value: Double) throws(RuleError) -> Rule {
        guard parameter(p) != nil else {
            throw RuleError(path: "features.\(p.feature.rawValue)", message: "is not used by rule \(name); expected a parameter of a feature the rule weighs")
        }
        var rule = self
        Rule.access(p, &rule.features, set: value)
        try rule.validate(allowReserved: true)
        return rule
    }
}
