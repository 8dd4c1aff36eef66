import Foundation

extension Rule {
    /// Reads and validates a rule file.
    ///
    /// Every failure names the line, column and field: a syntax error, a missing or
    /// misspelt field (unknown fields are refused, so `"wieght"` is not silently
    /// ignored), an unknown feature or instrument, or a value out of range.
    /// - Parameter allowReserved: accept a `builtin:` name; rule files may not use it.
    /// - Throws: `RuleError`.
    public static func parse(_ bytes: [UInt8], allowReserved: Bool = false) throws(RuleError) -> Rule {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw RuleError(position: error.position, path: "", message: error.message)
        }
        let file: _RuleFile
        do { file = try JSONValueDecoder().decode(_RuleFile.self, from: root) } catch {
            var message = error.message
            let parts = error.path.split(separator: ".")
            if parts.count == 2, parts[0] == "features", message.hasPrefix("unknown field") {
                let hint = TextFolding.nearest(String(parts[1]), among: Feature.allCases.map(\.rawValue), limit: 1).first
                message = "unknown feature; \(hint.map { "did you mean \"\($0)\"? " } ?? "")expected one of \(Feature.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            throw RuleError(position: error.position, path: error.path, message: message)
        }
        let rule = try file.rule(root: root)
        do { try rule.validate(allowReserved: allowReserved) } catch {
            var located = error
            located.position = root.position(ofPath: error.path)
            throw located
        }
        return rule
    }

    /// Reads and validates a rule from JSON text.
    public static func parse(_ text: String, allowReserved: Bool = false) throws(RuleError) -> Rule {
        try parse(Array(text.utf8), allowReserved: allowReserved)
    }
}

extension JSONValue {
    /// The position of the value at a dotted path (`features.scaleFit.width`), or of the
    /// deepest value on the way when the path ends early (a defaulted field).
    func position(ofPath path: String) -> SourcePosition {
        var current = self
        for key in path.split(separator: ".") {
            guard let next = current[String(key)] else { break }
            current = next
        }
        return current.position
    }
}

/// The rule file as written; `rule(root:)` turns it into a `Rule`.
struct _RuleFile: Decodable {
    struct Toggle: Decodable { var enabled: Bool? }
    struct Budget: Decodable { var enabled: Bool?; var tolerance: Double? }
    struct Status: Decodable { var enabled: Bool?; var dormant: Double?; var unmetRequirement: Double? }
    struct Filters: Decodable {
        var status: Status?
        var instrument: Toggle?
        var budget: Budget?
        var applicant: Toggle?
        var province: Toggle?
        var excludedSector: Toggle?
    }
    struct SectorFit: Decodable { var weight: Double; var exact: Double?; var category: Double?; var group: Double?; var noOverlap: Double?; var floor: Double?; var full: Double? }
    struct ScaleFit: Decodable { var weight: Double; var width: Double? }
    struct InstrumentFit: Decodable { var weight: Double; var values: [String: Double]? }
    struct ThemeFit: Decodable { var weight: Double; var neutral: Double? }
    struct GeographyFit: Decodable { var weight: Double; var province: Double?; var region: Double?; var areaFlag: Double?; var nationwide: Double? }
    struct Cofinancing: Decodable { var weight: Double; var notRequired: Double?; var unknown: Double? }
    struct Presence: Decodable { var weight: Double; var low: Double?; var high: Double?; var unknown: Double? }
    struct SectorEvidence: Decodable { var weight: Double; var exact: Double?; var category: Double?; var group: Double?; var saturation: Double?; var fallback: Double? }
    struct TicketEvidence: Decodable { var weight: Double; var width: Double?; var fallback: Double? }
    struct ProvinceEvidence: Decodable { var weight: Double; var saturation: Double?; var region: Double?; var fallback: Double? }
    struct Features: Decodable {
        var sectorFit: SectorFit?
        var scaleFit: ScaleFit?
        var instrumentFit: InstrumentFit?
        var themeFit: ThemeFit?
        var geographyFit: GeographyFit?
        var cofinancing: Cofinancing?
        var presence: Presence?
        var sectorEvidence: SectorEvidence?
        var ticketEvidence: TicketEvidence?
        var provinceEvidence: ProvinceEvidence?
    }

    var name: String
    var version: String
    var description: String?
    var filters: Filters?
    var features: Features
    struct Strength: Decodable { var strong: Double; var fair: Double }
    var matchStrength: Strength?
    /// Request -> offered instrument -> credit.
    var instruments: [String: [String: Double]]?

    func rule(root: JSONValue) throws(RuleError) -> Rule {
        var filterSettings = FilterSettings.none
        if let f = filters {
            filterSettings.instrument = f.instrument.map { $0.enabled ?? true } ?? false
            if let b = f.budget, b.enabled ?? true { filterSettings.budgetTolerance = b.tolerance ?? 3 }
            filterSettings.applicant = f.applicant.map { $0.enabled ?? true } ?? false
            filterSettings.province = f.province.map { $0.enabled ?? true } ?? false
            filterSettings.excludedSector = f.excludedSector.map { $0.enabled ?? true } ?? false
            if let s = f.status, s.enabled ?? true { filterSettings.status = s.dormant ?? 0.5; filterSettings.unmetRequirement = s.unmetRequirement }
        }
        var s = FeatureSettings()
        if let p = features.sectorFit {
            let d = SectorFitParameters(weight: p.weight)
            s.sectorFit = SectorFitParameters(weight: p.weight, exact: p.exact ?? d.exact, category: p.category ?? d.category, group: p.group ?? d.group,
                                              noOverlap: p.noOverlap ?? d.noOverlap, floor: p.floor ?? d.floor, full: p.full ?? d.full)
        }
        if let p = features.scaleFit {
            s.scaleFit = ScaleFitParameters(weight: p.weight, width: p.width ?? ScaleFitParameters(weight: 0).width)
        }
        if let p = features.instrumentFit {
            var values: [Instrument: Double] = [:]
            for (key, v) in p.values ?? [:] {
                guard let i = Instrument(rawValue: key) else {
                    let path = "features.instrumentFit.values.\(key)"
                    throw RuleError(position: root.position(ofPath: path), path: path, message: "unknown instrument; expected one of \(Instrument.acceptedValues)")
                }
                values[i] = v
            }
            s.instrumentFit = InstrumentFitParameters(weight: p.weight, values: values)
        }
        if let p = features.themeFit {
            s.themeFit = ThemeFitParameters(weight: p.weight, neutral: p.neutral ?? ThemeFitParameters(weight: 0).neutral)
        }
        if let p = features.geographyFit {
            let d = GeographyFitParameters(weight: p.weight)
            s.geographyFit = GeographyFitParameters(weight: p.weight, province: p.province ?? d.province, region: p.region ?? d.region, areaFlag: p.areaFlag ?? d.areaFlag, nationwide: p.nationwide ?? d.nationwide)
        }
        if let p = features.cofinancing {
            let d = CofinancingParameters(weight: p.weight)
            s.cofinancing = CofinancingParameters(weight: p.weight, notRequired: p.notRequired ?? d.notRequired, unknown: p.unknown ?? d.unknown)
        }
        if let p = features.presence {
            let d = PresenceParameters(weight: p.weight)
            s.presence = PresenceParameters(weight: p.weight, low: p.low ?? d.low, high: p.high ?? d.high, unknown: p.unknown ?? d.unknown)
        }
        if let p = features.sectorEvidence {
            let d = SectorEvidenceParameters(weight: p.weight)
            s.sectorEvidence = SectorEvidenceParameters(
                weight: p.weight, exact: p.exact ?? d.exact, category: p.category ?? d.category, group: p.group ?? d.group,
                saturation: p.saturation ?? d.saturation, fallback: p.fallback ?? d.fallback)
        }
        if let p = features.ticketEvidence {
            let d = TicketEvidenceParameters(weight: p.weight)
            s.ticketEvidence = TicketEvidenceParameters(weight: p.weight, width: p.width ?? d.width, fallback: p.fallback ?? d.fallback)
        }
        if let p = features.provinceEvidence {
            let d = ProvinceEvidenceParameters(weight: p.weight)
            s.provinceEvidence = ProvinceEvidenceParameters(weight: p.weight, saturation: p.saturation ?? d.saturation, region: p.region ?? d.region, fallback: p.fallback ?? d.fallback)
        }
        var rule = Rule(unchecked: name, version: version, description: description, filters: filterSettings, features: s)
        if let m = matchStrength { rule.strength = StrengthThresholds(strong: m.strong, fair: m.fair) }
        if let table = instruments {
            var credits: [SoughtInstrument: [Instrument: Double]] = [:]
            for (request, row) in table {
                guard let s = SoughtInstrument(rawValue: request) else {
                    let path = "instruments.\(request)"
                    throw RuleError(position: root.position(ofPath: path), path: path, message: "unknown request; expected one of \(SoughtInstrument.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                var r: [Instrument: Double] = [:]
                for (offered, credit) in row {
                    guard let i = Instrument(rawValue: offered) else {
                        let path = "instruments.\(request).\(offered)"
                        throw RuleError(position: root.position(ofPath: path), path: path, message: "unknown instrument; expected one of \(Instrument.acceptedValues)")
                    }
                    r[i] = credit
                }
                credits[s] = r
            }
            rule.compatibility = InstrumentCompatibility(credits: credits)
        }
        return rule
    }
}
