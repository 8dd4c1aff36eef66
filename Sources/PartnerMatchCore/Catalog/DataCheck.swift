import Foundation

/// The checks of `partnermatch data check`: what the bundled catalog must meet beyond
/// what an import accepts.
///
/// An import (`Validator`) refuses what cannot be read or ranked. The bundled data is held
/// to more: every instrument has its status for Viet Nam, no retired DAC code or category
/// is used anywhere, every figure is sourced or an estimate that says how it was made,
/// every source has a checked date and a URL or document, a ticket never exceeds the
/// scheme's own ceiling at that year's rate, every currency has a rate, and free text is
/// in both languages. Pure: the store reads the files and hands them over.
public struct DataCheck: Sendable {
    /// One partner or need file, parsed, with the records read from it.
    public struct RecordFileContents<Record: Sendable>: Sendable {
        public var file: String
        /// The parsed file, to locate a field by line and column; nil for in-memory input.
        public var json: JSONValue?
        public var records: [Record]

        public init(file: String, json: JSONValue? = nil, records: [Record]) {
            self.file = file
            self.json = json
            self.records = records
        }
    }

    public let reference: ReferenceData
    /// The day checks are made on (`YYYY-MM-DD`): nothing may be judged after it.
    public let today: String

    /// How far a ticket may exceed the converted ceiling (rounding of either figure).
    public static let ceilingTolerance = 0.005
    /// No commitment for this many years or more makes a window dormant.
    public static let dormantYears = 5

    public init(reference: ReferenceData, today: String) {
        self.reference = reference
        self.today = today
    }

    /// Every problem of the partner and need files, in file order.
    public func check(partners: [RecordFileContents<Partner>], needs: [RecordFileContents<Need>]) -> [InputError] {
        var out: [InputError] = []
        let known = Set(partners.flatMap { $0.records.map(\.id) })
        for f in partners {
            for (i, p) in f.records.enumerated() {
                let root = DataCheck.record(i, of: f.json, wrapper: "partners")
                var issues = check(p)
                // A partner requirement names partners of the same catalog.
                for (k, id) in (p.eligibility.alongsideLoanFrom ?? []).enumerated() where !known.contains(id) {
                    issues.append(ValidationIssue(field: "eligibility.alongsideLoanFrom[\(k)]", message: "\"\(id)\" is not a partner of the catalog; expected the id of the lending partner"))
                }
                for issue in issues {
                    out.append(DataCheck.locate(issue, file: f.file, record: "partner \"\(p.id)\"", in: root))
                }
            }
        }
        for f in needs {
            for (i, n) in f.records.enumerated() {
                let root = DataCheck.record(i, of: f.json, wrapper: "needs")
                for issue in check(n) {
                    out.append(DataCheck.locate(issue, file: f.file, record: "need \"\(n.id)\"", in: root))
                }
            }
        }
        return out
    }

    // MARK: Partners

    /// The problems of one partner, each with its field path.
    public func check(_ p: Partner) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) { issues.append(ValidationIssue(field: field, message: message)) }

        // Sources: unique ids, a checked date no later than today, a URL or a document.
        var ids = Set<String>()
        for (i, s) in p.sources.enumerated() {
            if !ids.insert(s.id).inserted { add("sources[\(i)].id", "\"\(s.id)\" is used twice; expected unique source ids") }
            if (s.url ?? "").trimmed.isEmpty && (s.document ?? "").trimmed.isEmpty {
                add("sources[\(i)]", "has neither url nor document; expected a public URL or a document reference")
            }
            if !Validator.isISODate(s.checked) {
                add("sources[\(i)].checked", "\"\(s.checked)\" is not a date; expected YYYY-MM-DD, the day the source was read")
            } else if s.checked > today {
                add("sources[\(i)].checked", "\(s.checked) is after today (\(today)); expected the day the source was read")
            }
        }
        if p.sources.isEmpty { add("sources", "empty; expected at least one source with a url or document and the date checked") }

        // Every figure: a source of this partner, or an estimate saying how it was made.
        for f in CatalogAudit.figures(of: p) {
            guard let prov = f.provenance else {
                add(f.provenancePath, "has no provenance; expected {\"source\": ID} naming one of sources, or {\"estimate\": true, \"note\": how it was estimated}")
                continue
            }
            if let s = prov.source {
                if !ids.contains(s) {
                    add(f.provenancePath + ".source", "\"\(s)\" is not the id of an entry in sources; expected one of: \(p.sources.map(\.id).joined(separator: ", "))")
                }
            } else if !prov.estimate {
                add(f.provenancePath, "no source and not marked as an estimate; expected \"source\" naming one of sources, or \"estimate\": true with a note")
            } else if (prov.note ?? "").trimmed.isEmpty {
                add(f.provenancePath + ".note", "an estimate without a source needs a note saying how it was estimated")
            }
        }

        // Status and ceiling of every instrument.
        for (i, o) in p.instruments.enumerated() {
            let f = "instruments[\(i)]"
            if let st = o.status {
                if Validator.isISODate(st.asOf), st.asOf > today {
                    add(f + ".status.asOf", "\(st.asOf) is after today (\(today)); expected the day the status was judged")
                }
                if st.state == .active, let last = st.lastCommitment, Validator.isPartialDate(last), Validator.isISODate(st.asOf),
                   let lastYear = Int(last.prefix(4)), let asOfYear = Int(st.asOf.prefix(4)),
                   DataCheck.yearsBetween(last, st.asOf) >= Double(DataCheck.dormantYears) {
                    add(f + ".status.state", "active, but the last commitment in Viet Nam (\(last)) is \(asOfYear - lastYear) years before asOf \(st.asOf); expected dormant (no commitment for \(DataCheck.dormantYears)+ years), or a later lastCommitment")
                }
            } else {
                add(f + ".status", "missing; expected the instrument's status for Viet Nam: {\"state\": active|dormant|closed, \"lastCommitment\": YYYY[-MM[-DD]], \"asOf\": YYYY-MM-DD, \"provenance\": {...}}")
            }
            if let c = o.ceiling {
                if let r = reference.rates.rate(c.currency, year: c.year), r.year == c.year || c.currency.uppercased() == "USD" {
                    let usd = c.amount / r.perUSD
                    if o.ticket.max > usd * (1 + DataCheck.ceilingTolerance) {
                        add(f + ".ticket.max", "USD \(NumberFormat.grouped(o.ticket.max)) is above the scheme's ceiling of \(c.currency) \(NumberFormat.grouped(c.amount)) = USD \(NumberFormat.grouped(usd)) at \(NumberFormat.grouped(r.perUSD, decimals: 4)) \(c.currency)/USD (\(c.year)); expected at most the ceiling (0.5% tolerance)")
                    }
                } else {
                    add(f + ".ceiling.currency", rateMissing(c.currency, year: c.year))
                }
            }
            if let t = o.terms { bilingual(t, field: f + ".terms", into: &issues) }
        }

        // No retired DAC code or category.
        for (i, sp) in p.sectorPriorities.enumerated() {
            if let why = retired(sp.sector) { add("sectorPriorities[\(i)].sector", why) }
        }
        for (i, s) in p.excludedSectors.enumerated() {
            if let why = retired(s) { add("excludedSectors[\(i)]", why) }
        }

        if (p.name.vi ?? "").trimmed.isEmpty { add("name.vi", "missing; expected the partner's name in Vietnamese") }
        if let n = p.notes { bilingual(n, field: "notes", into: &issues) }
        for (i, w) in p.applicationWindows.enumerated() {
            if let n = w.note { bilingual(n, field: "applicationWindows[\(i)].note", into: &issues) }
        }
        return issues
    }

    func bilingual(_ t: LocalizedText, field: String, into issues: inout [ValidationIssue]) {
        for (lang, text) in [("en", t.en), ("vi", t.vi)] where (text ?? "").trimmed.isEmpty {
            issues.append(ValidationIssue(field: "\(field).\(lang)", message: "missing; expected the text in both English (en) and Vietnamese (vi)"))
        }
    }

    /// Why a sector string is retired, or nil when it is current (or unknown: the
    /// validator reports those).
    public func retired(_ sector: String) -> String? {
        let tax = reference.sectors
        guard let r = tax.resolve(sector) else { return nil }
        switch r.level {
        case .code:
            let code = tax.code(r.code)!
            if code.retired == true { return "\(sector) (\(code.en)) is a retired DAC purpose code; expected a current code (Data/sectors.json)" }
            if let cat = tax.category(code.category), cat.retired == true {
                return "\(sector) belongs to the retired DAC category \(cat.code); expected a current code"
            }
        case .category:
            let cat = tax.category(r.code)!
            if cat.retired == true {
                // Its successors share its first two digits (230 -> 231...236), else its group.
                let current = tax.categories.filter { $0.code.hasPrefix(cat.code.prefix(2)) && $0.retired != true }.map(\.code)
                    .ifEmpty(tax.categories.filter { $0.group == cat.group && $0.retired != true }.map(\.code))
                return "\(sector) (\(cat.en)) is a retired DAC category; expected a current one\(current.isEmpty ? "" : " such as \(current.joined(separator: ", "))")"
            }
        case .group:
            break
        }
        return nil
    }

    func rateMissing(_ currency: String, year: Int?) -> String {
        let years = reference.rates.rates.filter { $0.currency.uppercased() == currency.uppercased() }.map(\.year)
        if years.isEmpty { return "no rate for \(currency) in rates.json; expected a currency with a rate (add its series to Data/rates.json)" }
        return "no rate for \(currency) in \(year.map(String.init) ?? "?") in rates.json (it has \(years.min()!)-\(years.max()!)); expected a year with a rate"
    }

    // MARK: Needs

    /// The problems of one bundled need, each with its field path.
    public func check(_ n: Need) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) { issues.append(ValidationIssue(field: field, message: message)) }
        for (lang, text) in [("en", n.title.en), ("vi", n.title.vi)] where (text ?? "").trimmed.isEmpty {
            add("title.\(lang)", "missing; expected the title in both English (en) and Vietnamese (vi)")
        }
        if reference.provinces.unit(id: n.province) == nil {
            add("province", "\"\(n.province)\" is not a provincial unit; expected the id of one of the 34 units")
        }
        for (i, s) in n.sectors.enumerated() {
            if let why = retired(s.code) { add("sectors[\(i)].code", why) }
            else if reference.sectors.code(s.code) == nil, reference.sectors.resolve(s.code) != nil {
                add("sectors[\(i)].code", "\(s.code) is a category or group; expected a 5-digit purpose code for a need")
            }
        }
        if let input = n.budgetInput { checkBudgetInput(input, n, into: &issues) }
        return issues
    }

    /// `VND 25 tỷ at 24,900 VND/USD` or `JPY 13,000,000 at 149.655 JPY/USD (2024)`: the
    /// currency has a rate, the rate is rates.json's for the need's year (the year written,
    /// else the need's date, else the latest) and the amount converts to budgetUSD.
    func checkBudgetInput(_ input: String, _ n: Need, into issues: inout [ValidationIssue]) {
        func add(_ message: String) { issues.append(ValidationIssue(field: "budgetInput", message: message)) }
        let expected = "expected \"CUR AMOUNT at RATE CUR/USD\" with an optional \" (YEAR)\", as the tool writes it"
        let parts = input.components(separatedBy: " at ")
        guard parts.count == 2 else { return add("\"\(input)\" is not a conversion note; \(expected)") }
        var rateText = parts[1].trimmed
        var statedYear: Int?
        if rateText.hasSuffix(")"), let open = rateText.lastIndex(of: "(") {
            statedYear = Int(rateText[rateText.index(after: open)..<rateText.index(before: rateText.endIndex)])
            rateText = String(rateText[..<open]).trimmed
        }
        checkBudgetInputCurrency(parts[0], input, n, rateText.split(separator: " "), statedYear, into: &issues)
    }

    private func checkBudgetInputCurrency(_ amountText: String, _ input: String, _ n: Need, _ rateWords: [Substring], _ statedYear: Int?, into issues: inout [ValidationIssue]) {
        func add(_ message: String) { issues.append(ValidationIssue(field: "budgetInput", message: message)) }
        let expected = "expected \"CUR AMOUNT at RATE CUR/USD\" with an optional \" (YEAR)\", as the tool writes it"
        let currency = String(amountText.trimmed.prefix(3))
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }),
              let value = try? AmountSyntax.parse(String(amountText.trimmed), rates: RateTable(rates: [.init(currency: currency, year: 2000, perUSD: 1)])).value,
              rateWords.count == 2, rateWords[1] == "\(currency)/USD",
              let rate = Double(String(rateWords[0]).replacingOccurrences(of: ",", with: "")), rate > 0 else {
            return add("\"\(input)\" is not a conversion note; \(expected)")
        }
        let year = statedYear ?? n.date.flatMap { Int($0.prefix(4)) }
        guard let ref = reference.rates.rate(currency, year: year) else { return add(rateMissing(currency, year: year)) }
        // A year without its own rate falls back to the latest, as parsing an amount does.
        let used = (year != nil && ref.year != year) ? reference.rates.rate(currency)! : ref
        if abs(rate - used.perUSD) > 1e-9 * max(1, used.perUSD) {
            add("the rate \(NumberFormat.grouped(rate, decimals: 4)) \(currency)/USD differs from rates.json's \(NumberFormat.grouped(used.perUSD, decimals: 4)) for \(used.year); expected the rate of the table")
        }
        if abs(value / rate - n.budgetUSD) > 1 {
            issues.append(ValidationIssue(field: "budgetUSD", message: "\(NumberFormat.grouped(n.budgetUSD)) does not match budgetInput: \(currency) \(NumberFormat.grouped(value)) / \(NumberFormat.grouped(rate, decimals: 4)) = USD \(NumberFormat.grouped(value / rate)); expected the converted amount"))
        }
    }

    // MARK: Locating fields

    /// The JSON of the `index`th record of a file: the file itself when it holds one
    /// record, else the element of its array (or of its `wrapper` array).
    static func record(_ index: Int, of json: JSONValue?, wrapper: String) -> JSONValue? {
        guard let json else { return nil }
        switch json.node {
        case .array(let items): return index < items.count ? items[index] : nil
        case .object:
            if let inner = json[wrapper], case .array(let items) = inner.node { return index < items.count ? items[index] : nil }
            return index == 0 ? json : nil
        default: return nil
        }
    }

    /// An issue as an error of its file, at the position of its field (or of the nearest
    /// enclosing one that exists).
    public static func locate(_ issue: ValidationIssue, file: String, record: String?, in root: JSONValue?) -> InputError {
        var pos = root?.position
        if var node = root {
            for step in fieldSteps(issue.field) {
                let next: JSONValue?
                switch (step, node.node) {
                case (.key(let k), .object): next = node[k]
                case (.index(let i), .array(let items)): next = i < items.count ? items[i] : nil
                default: next = nil
                }
                guard let next else { break }
                node = next
                pos = next.position
            }
        }
        return InputError(file: file, line: pos?.line, column: pos?.column, record: record, field: issue.field, message: issue.message)
    }

    enum Step { case key(String), index(Int) }

    /// `instruments[0].status.asOf` -> key instruments, index 0, key status, key asOf.
    static func fieldSteps(_ field: String) -> [Step] {
        var steps: [Step] = []
        for part in field.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"), let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { steps.append(.key(String(name))) }
            steps += indices.map { .index($0) }
        }
        return steps
    }

    /// Years from one partial or full date to a full one (`2018-05` to `2026-12-07`: 7.6);
    /// a missing month or day counts as its end, so `2018` is read as late as possible.
    static func yearsBetween(_ from: String, _ to: String) -> Double {
        func decimalYear(_ s: String, late: Bool) -> Double {
            let p = s.split(separator: "-").compactMap { Int($0) }
            guard let y = p.first else { return 0 }
            let m = p.count > 1 ? p[1] : (late ? 12 : 1)
            let d = p.count > 2 ? p[2] : (late ? 28 : 1)
            return Double(y) + (Double(m - 1) + Double(d - 1) / 31) / 12
        }
        return decimalYear(to, late: false) - decimalYear(from, late: true)
    }
}

fileprivate extension Array {
    func ifEmpty(_ other: @autoclosure () -> [Element]) -> [Element] { isEmpty ? other() : self }
}

fileprivate extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

fileprivate extension Substring {
    var trimmed: String { String(self).trimmed }
}

// MARK: Freshness

extension DataCheck {
    /// A sourced fact whose source was last checked more than a given time ago.
    public struct StaleFact: Sendable, Hashable {
        public var partner: String
        public var field: String
        public var source: String
        public var checked: String
        /// Years from `checked` to the day of the check.
        public var age: Double
    }

    /// Every figure of `partners` whose source was checked more than `years` years before
    /// `today`, oldest first (then by partner and field). Estimates without a source have
    /// no checked date and are not listed.
    public func staleFacts(_ partners: [Partner], olderThan years: Double) -> [StaleFact] {
        var out: [StaleFact] = []
        for p in partners {
            let checked = Dictionary(p.sources.map { ($0.id, $0.checked) }, uniquingKeysWith: { a, _ in a })
            for f in CatalogAudit.figures(of: p) {
                guard let s = f.provenance?.source, let day = checked[s], Validator.isISODate(day) else { continue }
                let age = DataCheck.yearsBetween(day, today)
                if age > years { out.append(StaleFact(partner: p.id, field: f.field, source: s, checked: day, age: age)) }
            }
        }
        return out.sorted { ($0.checked, $0.partner, $0.field) < ($1.checked, $1.partner, $1.field) }
    }

    /// The oldest and newest checked day of a partner's sources (nil without a dated one).
    public static func checkedRange(_ p: Partner) -> (oldest: String, newest: String)? {
        let days = p.sources.map(\.checked).filter(Validator.isISODate).sorted()
        guard let first = days.first, let last = days.last else { return nil }
        return (first, last)
    }
}
