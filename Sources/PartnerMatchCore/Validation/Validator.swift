/// One problem found in a partner or a need: the field, what is wrong, what is expected.
public struct ValidationIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// Field path inside the record, `sectors[1].code`.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "field \(field): \(message)" }
}

/// Checks partners and needs against the reference data and puts them in canonical form
/// (province spellings resolved to ids, theme labels to ids).
///
/// Pure: the same input gives the same issues. Both `Partner` and `Need` checks collect
/// every issue rather than stopping at the first, so one run shows all that must be fixed.
public struct Validator: Sendable {
    public let reference: ReferenceData
    /// Spellings resolved before, when many needs are checked against the same reference.
    let cache: ValidationCache?

    public init(reference: ReferenceData, cache: ValidationCache? = nil) {
        self.reference = reference
        self.cache = cache
    }

    static func isSlug(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 80 && s.first != "-" && s.last != "-" &&
            s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isNeedID(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 120 &&
            s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// `YYYY-MM-DD` with a real month and day.
    public static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(m) && d >= 1 && d <= days[m - 1]
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each part real.
    public static func isPartialDate(_ s: String) -> Bool {
        switch s.count {
        case 4: return s.allSatisfy(\.isASCII) && Int(s).map { (1000...9999).contains($0) } ?? false
        case 7: return isISODate(s + "-01")
        default: return isISODate(s)
        }
    }

    func checkSector(_ code: String, field: String, into issues: inout [ValidationIssue]) {
        if let cache, cache.isKnownSector(code) { return }
        if reference.sectors.resolve(code) != nil {
            cache?.addSector(code)
        } else {
            let near = reference.sectors.suggestions(for: code)
            let hint = near.isEmpty ? "" : "; nearest valid codes: \(near.joined(separator: ", "))"
            issues.append(ValidationIssue(field: field, message: "unknown sector code \"\(code)\"\(hint)"))
        }
    }

    func resolveTheme(_ theme: String, field: String, into issues: inout [ValidationIssue]) -> String {
        if let id = cache?.theme(theme) { return id }
        if let t = reference.themes.resolve(theme) {
            cache?.setTheme(theme, t.id)
            return t.id
        }
        let near = reference.themes.suggestions(for: theme)
        let hint = near.isEmpty ? "see Data/themes.json" : "did you mean \(near.map { "\"\($0)\"" }.joined(separator: " or "))?"
        issues.append(ValidationIssue(field: field, message: "unknown theme \"\(theme)\"; \(hint)"))
        return theme
    }

    /// True for the spellings of a nationwide need's province: `national`, `nationwide`,
    /// `toàn quốc`, `cả nước` (any case, with or without diacritics).
    public static func isNational(_ text: String) -> Bool {
        let folded = TextFolding.fold(text).filter { $0.isLetter }
        return folded == "national" || folded == "nationwide" || folded == "toanquoc" || folded == "canuoc"
    }

    func resolveProvince(_ text: String, field: String, into issues: inout [ValidationIssue]) -> String {
        do throws(Gazetteer.Unresolved) { return try reference.provinces.require(text).id } catch {
            issues.append(ValidationIssue(field: field, message: error.description))
            return text
        }
    }

    static func positiveAmount(_ v: Double, field: String, into issues: inout [ValidationIssue]) {
        if !v.isFinite { issues.append(ValidationIssue(field: field, message: "\(v) is not a finite number; expected an amount in USD above 0")) }
        else if v <= 0 { issues.append(ValidationIssue(field: field, message: "\(NumberFormat.grouped(v, decimals: 2)) is not above 0; expected an amount in USD above 0")) }
        else if v > AmountSyntax.maximumUSD { issues.append(ValidationIssue(field: field, message: "\(NumberFormat.grouped(v)) is too large; expected an amount in USD above 0 and \(AmountSyntax.maximumText)")) }
    }

    // MARK: Needs

    /// Checks a need and returns it in canonical form, or throws every issue found.
    public func validate(_ need: Need) throws(ValidationIssues) -> Need {
        var n = need
        var issues: [ValidationIssue] = []
        if !Validator.isNeedID(n.id) {
            issues.append(ValidationIssue(field: "id", message: "\"\(n.id)\" is not a valid id; expected letters, digits, '-', '_' or '.' (at most 120)"))
        }
        if (n.title.en ?? "").trimmingCharacters(in: .whitespaces).isEmpty && (n.title.vi ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(ValidationIssue(field: "title", message: "empty; expected a title in Vietnamese (vi) or English (en)"))
        }
        if let id = cache?.province(n.province) { n.province = id }
        else if Validator.isNational(n.province) {
            cache?.setProvince(n.province, Need.national)
            n.province = Need.national
        } else {
            let before = issues.count
            let text = n.province
            n.province = resolveProvince(text, field: "province", into: &issues)
            if issues.count > before { issues[before].message += "; or \"\(Need.national)\" for a nationwide need" }
            else { cache?.setProvince(text, n.province) }
        }
        if n.sectors.isEmpty {
            issues.append(ValidationIssue(field: "sectors", message: "empty; expected \(SectorSyntax.expected)"))
        }
        var seen = Set<String>()
        for (i, s) in n.sectors.enumerated() {
            checkSector(s.code, field: "sectors[\(i)].code", into: &issues)
            if !seen.insert(s.code).inserted { issues.append(ValidationIssue(field: "sectors[\(i)].code", message: "sector \(s.code) is listed twice")) }
            if !(s.share > 0 && s.share <= 100) {
                issues.append(ValidationIssue(field: "sectors[\(i)].share", message: "\(s.share) is out of range; expected a percent share above 0 and at most 100"))
            }
        }
        if !n.sectors.isEmpty {
            do throws(SyntaxError) { try SectorSyntax.checkSum(n.sectors) } catch {
                issues.append(ValidationIssue(field: "sectors", message: error.message + "; expected shares summing to 100"))
            }
        }
        Validator.positiveAmount(n.budgetUSD, field: "budgetUSD", into: &issues)
        if let c = n.counterpartUSD, !(c.isFinite && c >= 0 && c <= AmountSyntax.maximumUSD) {
            issues.append(ValidationIssue(field: "counterpartUSD", message: "\(NumberFormat.grouped(c)) is negative, too large or not a number; expected an amount in USD of 0 or more and \(AmountSyntax.maximumText)"))
        }
        n.themes = n.themes.enumerated().map { resolveTheme($1, field: "themes[\($0)]", into: &issues) }
        if let d = n.date {
            if let iso = DateSyntax.parse(d) { n.date = iso } else {
                issues.append(ValidationIssue(field: "date", message: "\"\(d)\" is not a date; expected \(DateSyntax.expected)"))
            }
        }
        if let b = n.beneficiaries?.count, b < 0 {
            issues.append(ValidationIssue(field: "beneficiaries.count", message: "\(b) is negative; expected 0 or more"))
        }
        if !issues.isEmpty { throw ValidationIssues(issues) }
        return n
    }

    // MARK: Partners

    /// Checks a partner and returns it in canonical form, or throws every issue found.
    public func validate(_ partner: Partner) throws(ValidationIssues) -> Partner {
        var p = partner
        var issues: [ValidationIssue] = []
        if !Validator.isSlug(p.id) {
            issues.append(ValidationIssue(field: "id", message: "\"\(p.id)\" is not a valid id; expected a slug of a-z, 0-9 and '-' (at most 80)"))
        }
        if (p.name.en ?? "").isEmpty && (p.name.vi ?? "").isEmpty {
            issues.append(ValidationIssue(field: "name", message: "empty; expected a name in English (en) or Vietnamese (vi)"))
        }
        let origin = p.origin
        if !(origin == "multilateral" || (origin.count == 2 && origin.allSatisfy { $0.isASCII && $0.isUppercase })) {
            issues.append(ValidationIssue(field: "origin", message: "\"\(origin)\" is not accepted; expected an ISO 3166-1 alpha-2 code such as JP or SA, or \"multilateral\""))
        }
        let sourceIDs = Set(p.sources.map(\.id))
        func checkProvenance(_ prov: Provenance?, field: String) {
            guard let prov else { return }
            if let s = prov.source, !sourceIDs.contains(s) {
                issues.append(ValidationIssue(field: field + ".source", message: "\"\(s)\" is not the id of an entry in sources; expected one of: \(sourceIDs.sorted().joined(separator: ", "))"))
            }
            if prov.source == nil && !prov.estimate {
                issues.append(ValidationIssue(field: field, message: "no source and not marked as an estimate; expected \"source\" or \"estimate\": true with a note"))
            }
            if prov.estimate && (prov.note ?? "").isEmpty && prov.source == nil {
                issues.append(ValidationIssue(field: field + ".note", message: "an estimate without a source needs a note saying how it was estimated"))
            }
        }
        if p.sources.isEmpty {
            issues.append(ValidationIssue(field: "sources", message: "empty; expected at least one source (url or document, and the date checked)"))
        }
        var seenSources = Set<String>()
        for (i, s) in p.sources.enumerated() {
            if !seenSources.insert(s.id).inserted { issues.append(ValidationIssue(field: "sources[\(i)].id", message: "\"\(s.id)\" is used twice")) }
            if (s.url ?? "").isEmpty && (s.document ?? "").isEmpty {
                issues.append(ValidationIssue(field: "sources[\(i)]", message: "has neither url nor document; expected one of them"))
            }
            if !Validator.isISODate(s.checked) {
                issues.append(ValidationIssue(field: "sources[\(i)].checked", message: "\"\(s.checked)\" is not a date; expected YYYY-MM-DD"))
            }
        }
        if p.instruments.isEmpty {
            issues.append(ValidationIssue(field: "instruments", message: "empty; expected at least one instrument with a ticket range"))
        }
        for (i, offer) in p.instruments.enumerated() {
            let f = "instruments[\(i)].ticket"
            let t = offer.ticket
            for (name, v) in [("min", t.min), ("typical", t.typical), ("max", t.max)] {
                Validator.positiveAmount(v, field: "\(f).\(name)", into: &issues)
            }
            if !(t.min <= t.typical && t.typical <= t.max) {
                issues.append(ValidationIssue(field: f, message: "min \(NumberFormat.grouped(t.min)), typical \(NumberFormat.grouped(t.typical)), max \(NumberFormat.grouped(t.max)) are out of order; expected min <= typical <= max"))
            }
            checkProvenance(offer.provenance, field: "instruments[\(i)].provenance")
            if let st = offer.status {
                let f = "instruments[\(i)].status"
                if !Validator.isISODate(st.asOf) {
                    issues.append(ValidationIssue(field: f + ".asOf", message: "\"\(st.asOf)\" is not a date; expected YYYY-MM-DD, the day the status was judged"))
                }
                if let last = st.lastCommitment {
                    if !Validator.isPartialDate(last) {
                        issues.append(ValidationIssue(field: f + ".lastCommitment", message: "\"\(last)\" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"))
                    } else if Validator.isISODate(st.asOf), last > st.asOf {
                        issues.append(ValidationIssue(field: f + ".lastCommitment", message: "\(last) is after asOf \(st.asOf); expected the last commitment known on that day"))
                    }
                }
                if let closed = st.closedSince {
                    if st.state != .closed {
                        issues.append(ValidationIssue(field: f + ".closedSince", message: "given for a window that is \(st.state.rawValue); expected closedSince only with \"state\": \"closed\""))
                    } else if !Validator.isPartialDate(closed) {
                        issues.append(ValidationIssue(field: f + ".closedSince", message: "\"\(closed)\" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, the day the window closed for Viet Nam"))
                    } else if Validator.isISODate(st.asOf), closed > st.asOf {
                        issues.append(ValidationIssue(field: f + ".closedSince", message: "\(closed) is after asOf \(st.asOf); expected a closure known on that day"))
                    } else if let last = st.lastCommitment, Validator.isPartialDate(last), last.prefix(closed.count) > closed {
                        issues.append(ValidationIssue(field: f + ".closedSince", message: "\(closed) is before the last commitment \(last); expected the window to close after its last commitment"))
                    }
                }
                checkProvenance(st.provenance, field: f + ".provenance")
            }
            if let c = offer.ceiling {
                let f = "instruments[\(i)].ceiling"
                if !(c.amount.isFinite && c.amount > 0) {
                    issues.append(ValidationIssue(field: f + ".amount", message: "\(c.amount) is not above 0; expected the ceiling in its own currency"))
                }
                if !(c.currency.count == 3 && c.currency.allSatisfy { $0.isASCII && $0.isUppercase }) {
                    issues.append(ValidationIssue(field: f + ".currency", message: "\"\(c.currency)\" is not accepted; expected an ISO 4217 code such as JPY or EUR"))
                }
                if !(1960...2100).contains(c.year) {
                    issues.append(ValidationIssue(field: f + ".year", message: "\(c.year) is not a plausible year; expected 1960-2100"))
                }
                checkProvenance(c.provenance, field: f + ".provenance")
            }
        }
        if p.sectorPriorities.isEmpty {
            issues.append(ValidationIssue(field: "sectorPriorities", message: "empty; expected at least one sector with a weight in [0, 1]"))
        }
        for (i, sp) in p.sectorPriorities.enumerated() {
            checkSector(sp.sector, field: "sectorPriorities[\(i)].sector", into: &issues)
            if !(sp.weight >= 0 && sp.weight <= 1) {
                issues.append(ValidationIssue(field: "sectorPriorities[\(i)].weight", message: "\(sp.weight) is out of range; expected a weight in [0, 1]"))
            }
            checkProvenance(sp.provenance, field: "sectorPriorities[\(i)].provenance")
        }
        for (i, s) in p.excludedSectors.enumerated() { checkSector(s, field: "excludedSectors[\(i)]", into: &issues) }
        p.themes = p.themes.enumerated().map { resolveTheme($1, field: "themes[\($0)]", into: &issues) }
        let share = p.eligibility.minCounterpartShare
        if !(share >= 0 && share <= 1) {
            issues.append(ValidationIssue(field: "eligibility.minCounterpartShare", message: "\(share) is out of range; expected a share in [0, 1]"))
        }
        checkProvenance(p.eligibility.provenance, field: "eligibility.provenance")
        p.geography.provinces = p.geography.provinces.enumerated().map { resolveProvince($1, field: "geography.provinces[\($0)]", into: &issues) }
        if let v = p.recentVolume {
            if !(v.usdPerYear.isFinite && v.usdPerYear >= 0 && v.usdPerYear <= AmountSyntax.maximumUSD) {
                issues.append(ValidationIssue(field: "recentVolume.usdPerYear", message: "\(NumberFormat.grouped(v.usdPerYear)) is negative, too large or not a number; expected USD per year, 0 or more and \(AmountSyntax.maximumText)"))
            }
            if !(1960...2100).contains(v.year) {
                issues.append(ValidationIssue(field: "recentVolume.year", message: "\(v.year) is not a plausible year; expected 1960-2100"))
            }
            checkProvenance(v.provenance, field: "recentVolume.provenance")
        }
        for (i, w) in p.applicationWindows.enumerated() {
            checkProvenance(w.provenance, field: "applicationWindows[\(i)].provenance")
            let pattern: (String) -> Bool
            switch w.kind {
            case .rolling: pattern = { _ in true }
            case .annual: pattern = { s in Validator.isISODate("2000-" + s) }
            case .dated: pattern = Validator.isISODate
            }
            for (name, v) in [("opens", w.opens), ("closes", w.closes)] {
                if let v, !pattern(v) {
                    let exp = w.kind == .annual ? "MM-DD" : "YYYY-MM-DD"
                    issues.append(ValidationIssue(field: "applicationWindows[\(i)].\(name)", message: "\"\(v)\" is not a date; expected \(exp) for a \(w.kind.rawValue) window"))
                }
            }
        }
        if !issues.isEmpty { throw ValidationIssues(issues) }
        return p
    }
}

/// All issues found in one record.
public struct ValidationIssues: Error, Sendable, Hashable, CustomStringConvertible {
    public var issues: [ValidationIssue]
    public init(_ issues: [ValidationIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
