/// One element of an activity, as a small tree: an activity is read whole (a few
/// kilobytes) while the file around it is streamed.
struct XMLNode {
    var name: String
    var attributes: [XMLAttribute]
    var text = ""
    var children: [XMLNode] = []

    func attr(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    var trimmedText: String { text.trimmedSpacesAndNewlines }

    /// The narratives of an element: 2.0x `<narrative xml:lang>` children, else (1.0x)
    /// its own text, in the element's or the activity's language.
    func narratives(defaultLang: String?) -> [Narrative] {
        let ns = all("narrative").compactMap { n -> Narrative? in
            let t = n.trimmedText
            return t.isEmpty ? nil : Narrative(lang: n.attr("xml:lang") ?? defaultLang, text: t)
        }
        if !ns.isEmpty { return ns }
        let t = trimmedText
        return t.isEmpty ? [] : [Narrative(lang: attr("xml:lang") ?? defaultLang, text: t)]
    }

    func name(defaultLang: String?) -> String? {
        let ns = narratives(defaultLang: defaultLang)
        return (ns.first { $0.lang?.lowercased().hasPrefix("en") == true } ?? ns.first)?.text
    }
}

/// Reads IATI activity files, versions 1.0x and 2.01-2.03, one activity at a time.
///
/// Tolerant of what old files do (names as element text, roles as words, sector
/// vocabulary `DAC`, the non-code sector `0`, empty country codes) and strict about
/// XML itself (see `XMLPullParser`). Versions are told element by element: an element
/// with `<narrative>` children is read as 2.0x, one with text as 1.0x.
public struct IATIReader<Source: XMLByteSource> {
    /// Not generic inside, for speed across modules (see `XMLPullParser`).
    var scanner: IATIScanner

    public init(source: Source, context: EvidenceContext, chunkSize: Int = 1 << 20) {
        scanner = IATIScanner(parser: XMLScanner(source: source, chunkSize: chunkSize), context: context)
    }

    public var version: String? { scanner.version }
    public var warnings: EvidenceWarnings { scanner.warnings }
    /// Activities left out by the `--country` filter.
    public var skippedByCountry: Int { scanner.skippedByCountry }
    public var activitiesRead: Int { scanner.activitiesRead }
    public var bytesRead: Int { scanner.bytesRead }

    /// The next activity that passes the filter, or nil at the end of the file.
    public mutating func next() throws(XMLError) -> EvidenceActivity? { try scanner.next() }
}

/// `IATIReader`'s state and logic.
struct IATIScanner {
    private var parser: XMLScanner
    private let context: EvidenceContext
    private(set) var version: String?
    private(set) var warnings = EvidenceWarnings()
    private(set) var skippedByCountry = 0
    private(set) var activitiesRead = 0
    private var checkedRoot = false
    private var places = PlaceMemo()

    init(parser: XMLScanner, context: EvidenceContext) {
        self.parser = parser
        self.context = context
    }

    var bytesRead: Int { parser.bytesRead }

    mutating func next() throws(XMLError) -> EvidenceActivity? {
        while let event = try parser.next() {
            guard case .start(let name, let attributes) = event else { continue }
            if !checkedRoot {
                checkedRoot = true
                guard name == "iati-activities" || name == "iati-activity" else {
                    throw XMLError(line: 1, column: 1, message: "the root element is <\(name)>; expected <iati-activities> (an IATI activity file)")
                }
                version = attributes.first { $0.name == "version" }?.value
                if name == "iati-activities" { continue }
            }
            guard name == "iati-activity" else { continue }
            let node = try readElement(name: name, attributes: attributes)
            activitiesRead += 1
            // Warnings count what is imported: those of a filtered-out activity are dropped.
            var local = EvidenceWarnings()
            guard let activity = map(node, warnings: &local) else { warnings.merge(local); continue }
            if !context.keeps(activity) { skippedByCountry += 1; continue }
            warnings.merge(local)
            return activity
        }
        return nil
    }

    /// Reads the rest of an element whose start was just returned.
    private mutating func readElement(name: String, attributes: [XMLAttribute]) throws(XMLError) -> XMLNode {
        var stack = [XMLNode(name: name, attributes: attributes)]
        while let event = try parser.next() {
            switch event {
            case .start(let n, let a):
                stack.append(XMLNode(name: n, attributes: a))
            case .text(let t):
                stack[stack.count - 1].text += t
            case .end:
                let done = stack.removeLast()
                if stack.isEmpty { return done }
                stack[stack.count - 1].children.append(done)
            }
        }
        return stack[0]  // not reached: the parser throws on a truncated file
    }

    private mutating func map(_ node: XMLNode, warnings: inout EvidenceWarnings) -> EvidenceActivity? {
        let format = "iati-" + (version ?? "1.0x")
        let lang = node.attr("xml:lang")
        guard let id = node.child("iati-identifier")?.trimmedText, !id.isEmpty else {
            warnings.add("activities without an iati-identifier (skipped)")
            return nil
        }
        var a = EvidenceActivity(identifier: id, sourceFormat: format)
        let defaultCurrency = node.attr("default-currency")
        for c in node.children {
            switch c.name {
            case "reporting-org":
                a.reportingOrg = EvidenceOrg(ref: c.attr("ref"), name: c.name(defaultLang: lang), type: c.attr("type"))
            case "participating-org":
                let roleText = c.attr("role") ?? ""
                let role = IATICodes.role(roleText)
                if role == nil { warnings.add("participating organisations with an unknown role (kept)", example: roleText) }
                a.participants.append(EvidenceParticipant(org: EvidenceOrg(ref: c.attr("ref"), name: c.name(defaultLang: lang), type: c.attr("type")), role: role, roleText: roleText))
            case "title":
                a.titles += c.narratives(defaultLang: lang)
            case "activity-status":
                a.status = IATICodes.status(code: c.attr("code"), text: c.narratives(defaultLang: lang).first?.text)
            case "activity-date":
                if let kind = IATICodes.dateKind(c.attr("type") ?? ""), let d = c.attr("iso-date"), !d.isEmpty { a.dates.append(ActivityDate(kind: kind, date: d)) }
            case "recipient-country":
                if let code = c.attr("code"), !code.isEmpty { a.recipientCountries.append(CodeShare(code: code.uppercased(), percentage: c.attr("percentage").flatMap(number))) }
            case "recipient-region":
                if let code = c.attr("code"), !code.isEmpty { a.recipientRegions.append(CodeShare(code: code, percentage: c.attr("percentage").flatMap(number))) }
            case "location":
                if let n = c.child("name")?.name(defaultLang: lang) { a.locations.append(EvidenceLocation(name: n)) }
            case "sector":
                let vocabulary = IATICodes.sectorVocabulary(c.attr("vocabulary"))
                let code = (c.attr("code") ?? "").trimmedSpaces
                if code.isEmpty || (code == "0" && vocabulary == "1") {
                    warnings.add("sectors given as code \"0\" or empty (no sector)")
                    continue
                }
                a.sectors.append(EvidenceSector.classify(vocabulary: vocabulary, code: code, percentage: c.attr("percentage").flatMap(number), taxonomy: context.reference.sectors))
            case "default-finance-type":
                a.defaultFinanceType = c.attr("code") ?? nonEmpty(c.trimmedText)
            case "default-aid-type":
                a.defaultAidType = c.attr("code") ?? nonEmpty(c.trimmedText)
            case "budget":
                if let m = money(c.child("value"), defaultCurrency: defaultCurrency, fallbackDate: c.child("period-start")?.attr("iso-date"), id: id, warnings: &warnings) { a.budgets.append(m) }
            case "transaction":
                let typeCode = c.child("transaction-type")?.attr("code") ?? ""
                let kind = IATICodes.transactionKind(typeCode)
                if kind == .other { warnings.add("transactions of an unknown type (kept)", example: typeCode) }
                guard let m = money(c.child("value"), defaultCurrency: defaultCurrency, fallbackDate: c.child("transaction-date")?.attr("iso-date"), id: id, warnings: &warnings) else { continue }
                a.transactions.append(EvidenceTransaction(kind: kind, typeCode: typeCode, money: m, financeType: c.child("finance-type")?.attr("code"), aidType: c.child("aid-type")?.attr("code")))
            default:
                break
            }
        }
        context.finish(&a, warnings: &warnings, places: &places)
        return a
    }

    private func money(_ v: XMLNode?, defaultCurrency: String?, fallbackDate: String?, id: String, warnings: inout EvidenceWarnings) -> Money? {
        guard let v else { return nil }
        guard let value = number(v.trimmedText) else {
            warnings.add("amounts that are not numbers (skipped)", example: v.trimmedText.isEmpty ? id : v.trimmedText)
            return nil
        }
        let currency = nonEmpty(v.attr("currency") ?? "") ?? defaultCurrency.flatMap(nonEmpty)
        let date = nonEmpty(v.attr("value-date") ?? "") ?? fallbackDate
        return Money(value: value, currency: currency?.uppercased(), date: date)
    }
}

func nonEmpty(_ s: String) -> String? {
    let t = s.trimmedSpaces
    return t.isEmpty ? nil : t
}

/// A decimal as IATI writes it (`1000`, `1000.50`, `-3.2E3`); thousands separators tolerated.
func number(_ s: String) -> Double? {
    let t = s.trimmedSpaces
    if let d = Double(t), d.isFinite { return d }
    let stripped = t.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
    if let d = Double(stripped), d.isFinite { return d }
    return nil
}
