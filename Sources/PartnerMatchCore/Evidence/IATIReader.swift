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
            var transactions = TransactionStream(taxonomy: context.reference.sectors)
            let node = try readActivity(name: name, attributes: attributes, transactions: &transactions)
            activitiesRead += 1
            // Warnings count what is imported: those of a filtered-out activity are dropped.
            var local = EvidenceWarnings()
            guard let activity = map(node, transactions: transactions, warnings: &local) else { warnings.merge(local); continue }
            if !context.keeps(activity) { skippedByCountry += 1; continue }
            warnings.merge(local)
            return activity
        }
        return nil
    }

    /// Reads the rest of an `iati-activity` whose start was just returned, as a tree of
    /// its elements, except transactions: each is mapped as soon as it closes and folded
    /// into `transactions`, so that an activity of a million transactions does not hold
    /// a million elements.
    private mutating func readActivity(name: String, attributes: [XMLAttribute], transactions: inout TransactionStream) throws(XMLError) -> XMLNode {
        var stack = [XMLNode(name: name, attributes: attributes)]
        // Open elements inside one that `map` never reads (a description, a location's
        // point, results...): scanned for well-formedness, but no node is made for them.
        var skipping = 0
        while let event = try parser.next() {
            if skipping > 0 {
                switch event {
                case .start: skipping += 1
                case .end: skipping -= 1
                case .text: break
                }
                continue
            }
            switch event {
            case .start(let n, let a):
                guard IATIScanner.isRead(n, depth: stack.count) else { skipping = 1; continue }
                stack.append(XMLNode(name: n, attributes: a))
            case .text(let t):
                // The activity's own text (whitespace between its children) is not read.
                if stack.count > 1 { stack[stack.count - 1].text += t }
            case .end:
                let done = stack.removeLast()
                if stack.isEmpty { return done }
                if stack.count == 1 && done.name == "transaction" {
                    transactions.add(done, activity: stack[0])
                    continue
                }
                if stack.count == 1 && done.name == "iati-identifier" { transactions.identifier = done.trimmedText }
                stack[stack.count - 1].children.append(done)
            }
        }
        return stack[0]  // not reached: the parser throws on a truncated file
    }

    /// The elements `map` and `TransactionStream.add` read, by depth below the activity
    /// (1: its children): only these become nodes of the activity's tree.
    static let readAtDepth1: Set<String> = [
        "iati-identifier", "reporting-org", "participating-org", "title", "activity-status", "activity-date",
        "recipient-country", "recipient-region", "location", "sector", "default-finance-type", "default-aid-type",
        "budget", "transaction",
    ]
    static let readAtDepth2: Set<String> = [
        "narrative", "name", "value", "period-start", "period-end", "transaction-type", "transaction-date",
        "aid-type", "finance-type", "recipient-country", "recipient-region", "sector",
    ]

    /// Whether an element opening under `depth` open elements (the activity is 1) is read.
    static func isRead(_ name: String, depth: Int) -> Bool {
        switch depth {
        case 1: return readAtDepth1.contains(name)
        case 2: return readAtDepth2.contains(name)
        case 3: return name == "narrative"  // a location name's narratives
        default: return false
        }
    }

    private mutating func map(_ node: XMLNode, transactions: TransactionStream, warnings: inout EvidenceWarnings) -> EvidenceActivity? {
        let format = "iati-" + (version ?? "1.0x")
        let lang = node.attr("xml:lang")
        guard let id = node.child("iati-identifier")?.trimmedText, !id.isEmpty else {
            warnings.add("activities without an iati-identifier (skipped)")
            return nil
        }
        var a = EvidenceActivity(identifier: id, sourceFormat: format)
        let defaultCurrency = node.attr("default-currency")
        var budgets: [(money: Money, type: String, period: String)] = []
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
                // 2.03 adds vocabularies (earmarking categories, cash modalities) whose
                // codes mean other things: the DAC one (vocabulary 1, the default) says
                // whether it was technical assistance, whatever the order.
                guard IATICodes.isDACAidTypeVocabulary(c.attr("vocabulary")) else { continue }
                if a.defaultAidType == nil { a.defaultAidType = c.attr("code") ?? nonEmpty(c.trimmedText) }
            case "budget":
                if let m = money(c.child("value"), defaultCurrency: defaultCurrency, fallbackDate: c.child("period-start")?.attr("iso-date"), id: id, warnings: &warnings) {
                    let period = (c.child("period-start")?.attr("iso-date") ?? "") + "/" + (c.child("period-end")?.attr("iso-date") ?? "")
                    budgets.append((m, (c.attr("type") ?? "1").trimmedSpaces, period))
                }
            default:
                break
            }
        }
        // An original (type 1) and a revised (type 2) budget of one period are two
        // statements of the same money: the revised one replaces the original.
        let revisedPeriods = Set(budgets.filter { $0.type == "2" }.map(\.period))
        for b in budgets where !(b.type != "2" && revisedPeriods.contains(b.period)) { a.budgets.append(b.money) }
        let originalsReplaced = budgets.count - a.budgets.count
        if originalsReplaced > 0 { warnings.add("original budgets replaced by a revised budget of the same period", example: id) }
        a.transactions = transactions.finish(defaultCurrency: defaultCurrency, id: id, warnings: &warnings)
        // Recipient countries and sectors may be given on transactions instead (2.01+).
        if a.recipientCountries.isEmpty && a.recipientRegions.isEmpty {
            a.recipientCountries = transactions.countries.map { CodeShare(code: $0, percentage: nil) }
            a.recipientRegions = transactions.regions.map { CodeShare(code: $0, percentage: nil) }
        }
        if a.sectors.isEmpty { a.sectors = transactions.sectors }
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

/// The transactions of one activity as they stream by: mapped one at a time, kept as
/// published up to `keptAsPublished`, then summed by type, currency, year, finance and
/// aid type (the value a profile reads is the same: amounts of one group convert at one
/// rate), so memory does not grow with their number. Also gathers the recipient
/// countries, regions and sectors given on transactions (allowed since 2.01).
struct TransactionStream {
    static let keptAsPublished = 1_000

    private struct Key: Hashable {
        var kind: TransactionKind
        var typeCode: String
        var currency: String?
        var year: Int?
        var financeType: String?
        var aidType: String?
    }

    /// The activity's identifier once it has been read (for warnings).
    var identifier = ""
    private let taxonomy: SectorTaxonomy
    private var list: [EvidenceTransaction] = []
    private var groups: [Key: Int] = [:]
    private var summed = false
    private(set) var count = 0
    private var localWarnings = EvidenceWarnings()
    private var seenCountries = Set<String>(), seenRegions = Set<String>(), seenSectors = Set<String>()
    private(set) var countries: [String] = []
    private(set) var regions: [String] = []
    private(set) var sectors: [EvidenceSector] = []

    init(taxonomy: SectorTaxonomy) { self.taxonomy = taxonomy }

    /// One `<transaction>` element, in the context of its activity (whose attributes,
    /// such as `default-currency`, are known when the activity starts).
    mutating func add(_ t: XMLNode, activity: XMLNode) {
        count += 1
        for c in t.children {
            switch c.name {
            case "recipient-country":
                if let code = c.attr("code")?.trimmedSpaces.uppercased(), !code.isEmpty, seenCountries.count < 1_000, seenCountries.insert(code).inserted { countries.append(code) }
            case "recipient-region":
                if let code = c.attr("code")?.trimmedSpaces, !code.isEmpty, seenRegions.count < 1_000, seenRegions.insert(code).inserted { regions.append(code) }
            case "sector":
                let vocabulary = IATICodes.sectorVocabulary(c.attr("vocabulary"))
                let code = (c.attr("code") ?? "").trimmedSpaces
                if code.isEmpty || (code == "0" && vocabulary == "1") { continue }
                if seenSectors.count < 1_000, seenSectors.insert(vocabulary + ":" + code).inserted {
                    sectors.append(EvidenceSector.classify(vocabulary: vocabulary, code: code, percentage: nil, taxonomy: taxonomy))
                }
            default:
                break
            }
        }
        let defaultCurrency = activity.attr("default-currency")
        let typeCode = t.child("transaction-type")?.attr("code") ?? ""
        let kind = IATICodes.transactionKind(typeCode)
        if kind == .other { localWarnings.add("transactions of an unknown type (kept)", example: typeCode) }
        guard let v = t.child("value") else { return }
        guard let value = number(v.trimmedText) else {
            localWarnings.add("amounts that are not numbers (skipped)", example: v.trimmedText.isEmpty ? identifier : v.trimmedText)
            return
        }
        let currency = (nonEmpty(v.attr("currency") ?? "") ?? defaultCurrency.flatMap(nonEmpty))?.uppercased()
        let date = nonEmpty(v.attr("value-date") ?? "") ?? t.child("transaction-date")?.attr("iso-date")
        let aidType = t.all("aid-type").first { IATICodes.isDACAidTypeVocabulary($0.attr("vocabulary")) }?.attr("code")
        let transaction = EvidenceTransaction(kind: kind, typeCode: typeCode, money: Money(value: value, currency: currency, date: date),
                                              financeType: t.child("finance-type")?.attr("code"), aidType: aidType)
        if !summed && list.count < Self.keptAsPublished { list.append(transaction); return }
        if !summed {
            summed = true
            let published = list
            list = []
            for p in published { fold(p) }
        }
        fold(transaction)
    }

    private mutating func fold(_ t: EvidenceTransaction) {
        let key = Key(kind: t.kind, typeCode: t.typeCode, currency: t.money.currency, year: t.money.date.flatMap { EvidenceDates.year(of: $0) },
                      financeType: t.financeType, aidType: t.aidType)
        if let i = groups[key] {
            list[i].money.value += t.money.value
            if let d = t.money.date, list[i].money.date.map({ d < $0 }) ?? true { list[i].money.date = d }
        } else {
            groups[key] = list.count
            list.append(t)
        }
    }

    /// The transactions, and the warnings of reading them.
    func finish(defaultCurrency: String?, id: String, warnings: inout EvidenceWarnings) -> [EvidenceTransaction] {
        warnings.merge(localWarnings)
        if summed { warnings.add("activities with more than \(Self.keptAsPublished) transactions (summed by type, currency, year, finance and aid type)", example: id) }
        return list
    }
}

func nonEmpty(_ s: String) -> String? {
    let t = s.trimmedSpaces
    return t.isEmpty ? nil : t
}

/// A decimal as IATI writes it (`1000`, `1000.50`, `-3.2E3`); thousands separators
/// (`,` or a space) tolerated only where they group three digits. Anything else is not a
/// number: `225,26` is not read as 22526, nor `0x10` as 16 (which `Double` would do).
func number(_ s: String) -> Double? {
    let t = s.trimmedSpaces
    let plain = t.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }
    if plain, let d = Double(t), d.isFinite { return d }
    for format in [EvidenceMapping.NumberFormat(decimal: ".", grouping: ","), EvidenceMapping.NumberFormat(decimal: ".", grouping: " ")] {
        if let d = format.parse(t) { return d }
    }
    return nil
}
