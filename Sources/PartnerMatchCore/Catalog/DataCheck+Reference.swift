/// Checks of the reference files (sectors, provinces, rates) that their decoding does not
/// make: the taxonomy's structure, the gazetteer's mergers and lookup keys, the rate
/// series' continuity. (These were `Data/tools/check_data.py`.)
extension DataCheck {
    /// The groups of the DAC taxonomy.
    static let dacGroups: Set<String> = ["100", "200", "300", "400", "500", "600", "700", "900"]
    /// Categories whose codes must have a Vietnamese name (what needs and partners use).
    static let categoriesNeedingVietnamese: Set<String> = [
        "111", "112", "113", "114", "121", "122", "123", "130", "140", "151", "152", "160", "210", "230", "231",
        "232", "233", "234", "235", "236", "311", "312", "313", "321", "322", "323", "331", "332", "410", "430",
    ]
    /// Year-on-year moves of a rate above 60% that history explains.
    static let knownRateJumps: Set<String> = ["VND 1991", "KRW 1998", "CNY 1994"]

    /// Every problem of `sectors.json`, `provinces.json` and `rates.json`; `files` maps
    /// each file name to its parsed JSON (for positions and fields the model does not keep).
    public func checkReference(files: [String: (path: String, json: JSONValue?)]) -> [InputError] {
        var out: [InputError] = []
        func emit(_ name: String, _ issues: [ValidationIssue]) {
            let f = files[name]
            out += issues.map { DataCheck.locate($0, file: f?.path ?? name, record: nil, in: f?.json) }
        }
        emit("sectors.json", checkSectors())
        emit("provinces.json", checkProvinces(raw: files["provinces.json"]?.json))
        emit("rates.json", checkRates())
        return out
    }

    func checkSectors() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) { issues.append(ValidationIssue(field: field, message: message)) }
        let tax = reference.sectors
        let groups = Set(tax.groups.map(\.code))
        if groups != DataCheck.dacGroups {
            add("groups", "the groups are \(groups.sorted().joined(separator: ", ")); expected \(DataCheck.dacGroups.sorted().joined(separator: ", "))")
        }
        var categories = Set<String>()
        for (i, c) in tax.categories.enumerated() {
            if !categories.insert(c.code).inserted { add("categories[\(i)].code", "\(c.code) is listed twice") }
            let expected = c.code.hasPrefix("9") ? "900" : String(c.code.prefix(1)) + "00"
            if c.group != expected { add("categories[\(i)].group", "category \(c.code) is in group \(c.group); expected \(expected)") }
            if (c.vi ?? "").isEmpty { add("categories[\(i)].vi", "category \(c.code) has no Vietnamese name") }
        }
        var codes = Set<String>()
        for (i, c) in tax.codes.enumerated() {
            if !(c.code.count == 5 && c.code.allSatisfy { $0.isASCII && $0.isNumber }) { add("codes[\(i)].code", "\"\(c.code)\" is not a 5-digit DAC purpose code") }
            if !categories.contains(c.category) { add("codes[\(i)].category", "code \(c.code) names category \(c.category), which is not listed") }
            if !codes.insert(c.code).inserted { add("codes[\(i)].code", "\(c.code) is listed twice") }
            if c.retired == nil { add("codes[\(i)].retired", "code \(c.code) has no retired flag; expected true or false") }
            if DataCheck.categoriesNeedingVietnamese.contains(c.category), (c.vi ?? "").isEmpty {
                add("codes[\(i)].vi", "code \(c.code) has no Vietnamese name; expected one for every code of category \(c.category)")
            }
        }
        return issues
    }

    /// The alias fields the lookup does not need but the data documents.
    private struct RawGazetteer: Decodable {
        struct Alias: Decodable { var former: String?; var also: [String]? }
        var aliases: [Alias]
    }

    func checkProvinces(raw: JSONValue?) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) { issues.append(ValidationIssue(field: field, message: message)) }
        let g = reference.provinces
        if g.units.count != 34 { add("units", "\(g.units.count) units; expected the 34 provincial units of 1 July 2025") }
        if g.former.count != 63 { add("former", "\(g.former.count) former units; expected the 63 of before 1 July 2025") }
        let ids = Set(g.units.map(\.id))
        var formed: [String: Int] = [:]
        for (i, u) in g.units.enumerated() {
            let slug = DataCheck.slug(u.name)
            if u.id != slug { add("units[\(i)].id", "\"\(u.id)\" is not the slug of \"\(u.name)\"; expected \"\(slug)\"") }
            if u.kind != "province" && u.kind != "city" { add("units[\(i)].kind", "\"\(u.kind)\"; expected province or city") }
            for f in u.formedFrom { formed[f, default: 0] += 1 }
        }
        let formerIDs = Set(g.former.map(\.id))
        for (i, f) in g.former.enumerated() {
            if !ids.contains(f.mergedInto) { add("former[\(i)].mergedInto", "\"\(f.mergedInto)\" is not a unit id") }
            if formed[f.id, default: 0] != 1 { add("former[\(i)]", "\(f.id) is in the formedFrom of \(formed[f.id, default: 0]) units; expected exactly 1") }
        }
        let unchanged = g.former.filter { f in f.mergedInto == f.id && g.unit(id: f.id)?.formedFrom == [f.id] }.count
        if unchanged != 11 { add("former", "\(unchanged) units are unchanged; expected the 11 that were not merged") }
        for (i, a) in g.aliases.enumerated() where !ids.contains(a.province) {
            add("aliases[\(i)].province", "\"\(a.province)\" is not a unit id")
        }
        for (i, l) in g.localities.enumerated() {
            if !ids.contains(l.province) { add("localities[\(i)].province", "\"\(l.province)\" is not a unit id") }
            if let f = l.formerProvince, g.former.first(where: { $0.id == f })?.mergedInto != l.province {
                add("localities[\(i)].formerProvince", "\"\(f)\" is not a former unit merged into \(l.province)")
            }
            if !["former-district", "commune", "ward"].contains(l.kind) { add("localities[\(i)].kind", "\"\(l.kind)\"; expected former-district, commune or ward") }
            if l.source.url.isEmpty || l.source.title.isEmpty { add("localities[\(i)].source", "no title or url; expected where the list comes from") }
            if DateSyntax.parse(l.source.checked) == nil { add("localities[\(i)].source.checked", "\"\(l.source.checked)\"; expected the date the list was checked, YYYY-MM-DD") }
            if l.names.isEmpty { add("localities[\(i)].names", "empty; expected the places of the list") }
        }
        if let raw, let extra = try? JSONValueDecoder(rejectUnknownKeys: false).decode(RawGazetteer.self, from: raw) {
            for (i, a) in extra.aliases.enumerated() {
                if let f = a.former, !formerIDs.contains(f) { add("aliases[\(i)].former", "\"\(f)\" is not a former unit id") }
                for (j, x) in (a.also ?? []).enumerated() where !ids.contains(x) { add("aliases[\(i)].also[\(j)]", "\"\(x)\" is not a unit id") }
            }
        }
        // Lookup keys: no two units share one, and no "not a province" string folds to one.
        var keys: [String: String] = [:]
        func key(_ text: String, _ unit: String, _ field: String) {
            let k = Gazetteer.key(text)
            if let other = keys[k], other != unit { add(field, "\"\(text)\" folds to the key of \(other) but names \(unit); expected distinct lookup keys") }
            keys[k] = keys[k] ?? unit
        }
        for (i, u) in g.units.enumerated() { key(u.name, u.id, "units[\(i)].name"); key(u.id, u.id, "units[\(i)].id") }
        for (i, f) in g.former.enumerated() { key(f.name, f.mergedInto, "former[\(i)].name"); key(f.id, f.mergedInto, "former[\(i)].id") }
        for (i, a) in g.aliases.enumerated() { key(a.text, a.province, "aliases[\(i)].text") }
        for (i, n) in g.notProvinces.enumerated() {
            if let u = keys[Gazetteer.key(n.text)] { add("notProvinces[\(i)].text", "\"\(n.text)\" folds to the key of the unit \(u); expected a string that is not a province") }
            if let w = n.within, !ids.contains(w) { add("notProvinces[\(i)].within", "\"\(w)\" is not a unit id") }
        }
        return issues
    }

    func checkRates() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) { issues.append(ValidationIssue(field: field, message: message)) }
        let lastYear = Int(today.prefix(4)) ?? 9999
        var seen = Set<String>()
        var series: [String: [Int: Double]] = [:]
        for (i, r) in reference.rates.rates.enumerated() {
            let f = "rates[\(i)]"
            if !seen.insert("\(r.currency) \(r.year)").inserted { add(f, "\(r.currency) \(r.year) is listed twice") }
            if !(r.perUSD.isFinite && r.perUSD > 0) { add(f + ".perUSD", "\(r.perUSD); expected units of \(r.currency) per USD above 0") }
            if !(r.currency.count == 3 && r.currency.allSatisfy { $0.isASCII && $0.isUppercase }) { add(f + ".currency", "\"\(r.currency)\"; expected an ISO 4217 code") }
            if !(1990...lastYear).contains(r.year) { add(f + ".year", "\(r.year); expected a year from 1990 to \(lastYear)") }
            if (r.source ?? "").isEmpty { add(f + ".source", "missing; expected the series the rate comes from") }
            if r.estimate == nil { add(f + ".estimate", "missing; expected true or false") }
            series[r.currency, default: [:]][r.year] = r.perUSD
        }
        for (currency, byYear) in series.sorted(by: { $0.key < $1.key }) {
            for y in byYear.keys.sorted() {
                guard let prev = byYear[y - 1], let now = byYear[y], prev > 0 else { continue }
                let ratio = now / prev
                if !(ratio > 0.6 && ratio < 1.7), !DataCheck.knownRateJumps.contains("\(currency) \(y)") {
                    let i = reference.rates.rates.firstIndex { $0.currency == currency && $0.year == y }!
                    add("rates[\(i)].perUSD", "\(currency) moves x\(NumberFormat.grouped(ratio, decimals: 2)) from \(y - 1) to \(y); expected less than 60% a year outside known crises")
                }
            }
        }
        return issues
    }

    /// The ASCII id of a Vietnamese name: "Bà Rịa - Vũng Tàu" -> "ba-ria-vung-tau".
    static func slug(_ name: String) -> String {
        TextFolding.fold(name).split(separator: " ").joined(separator: "-")
    }
}

// MARK: Against the public codelists

extension DataCheck {
    /// `sectors.json` against the IATI `Sector.xml` codelist: every code listed, and
    /// retired exactly when the codelist says "withdrawn".
    public func checkSectors(againstIATICodelist xml: [UInt8], file: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var parser = XMLPullParser(source: MemoryByteSource(xml))
        var status: String?
        var inCode = false
        var text = ""
        do {
            while let event = try parser.next() {
                switch event {
                case .start(let name, let attributes):
                    if name == "codelist-item" { status = attributes.first { $0.name == "status" }?.value ?? "active" }
                    if name == "code", status != nil { inCode = true; text = "" }
                case .text(let t) where inCode:
                    text += t
                case .end(let name):
                    if name == "code", inCode, let st = status {
                        inCode = false
                        let code = text.trimmingCharacters(in: .whitespacesAndNewlines)
                        let i = reference.sectors.codes.firstIndex { $0.code == code }
                        if let i {
                            let retired = reference.sectors.codes[i].retired == true
                            if retired != (st == "withdrawn") {
                                issues.append(ValidationIssue(field: "codes[\(i)].retired", message: "\(code) is \(retired ? "" : "not ")retired here but \(st) in \(file); expected the codelist's status"))
                            }
                        } else {
                            issues.append(ValidationIssue(field: "codes", message: "\(code) of \(file) is missing; expected every DAC code of the codelist"))
                        }
                    }
                    if name == "codelist-item" { status = nil }
                default: break
                }
            }
        } catch {
            issues.append(ValidationIssue(field: "", message: "\(file):\(error.description): cannot read the codelist"))
        }
        return issues
    }

    /// Every purpose code a tabular evidence file uses (`column` of a CSV) is in `sectors.json`.
    public func checkSectors(usedIn csv: String, column: String, file: String) -> [ValidationIssue] {
        guard let rows = try? CSV.parse(csv), let header = rows.first, let col = header.fields.firstIndex(of: column) else {
            return [ValidationIssue(field: "", message: "\(file): cannot read the column \(column); expected a CSV with that header")]
        }
        var missing: [String] = []
        for r in rows.dropFirst() where col < r.fields.count {
            let code = r.fields[col].trimmingCharacters(in: .whitespaces)
            if !code.isEmpty, reference.sectors.code(code) == nil, !missing.contains(code) { missing.append(code) }
        }
        return missing.map { ValidationIssue(field: "codes", message: "\($0), used in \(file), is missing; expected every code the evidence uses") }
    }
}

// MARK: Province strings of the evidence

extension DataCheck {
    /// The `<location><name>` texts of the Viet Nam activities (recipient country VN) of
    /// an IATI 1.0x activity file.
    public static func vietNamLocationNames(iatiXML xml: [UInt8]) throws(XMLError) -> Set<String> {
        var parser = XMLPullParser(source: MemoryByteSource(xml))
        var names = Set<String>()
        var path: [String] = []
        var activityNames: [String] = []
        var isVietNam = false
        var text = ""
        while let event = try parser.next() {
            switch event {
            case .start(let name, let attributes):
                path.append(name)
                if name == "iati-activity" { activityNames = []; isVietNam = false }
                if name == "recipient-country", path.dropLast().last == "iati-activity", attributes.contains(where: { $0.name == "code" && $0.value == "VN" }) { isVietNam = true }
                text = ""
            case .text(let t):
                text += t
            case .end(let name):
                if name == "name", path.count >= 3, path[path.count - 2] == "location", path[path.count - 3] == "iati-activity" {
                    let n = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !n.isEmpty { activityNames.append(n) }
                }
                if name == "iati-activity", isVietNam { names.formUnion(activityNames) }
                path.removeLast()
                text = ""
            default: break
            }
        }
        return names
    }

    /// Every province string seen in the evidence resolves to a unit or is listed in
    /// `notProvinces` of `provinces.json`; `strings` maps each evidence file to its strings.
    public func checkProvinceStrings(_ strings: [String: Set<String>]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (file, set) in strings.sorted(by: { $0.key < $1.key }) {
            for s in set.sorted() {
                if case .unknown(let near) = reference.provinces.lookup(s) {
                    let hint = near.isEmpty ? "" : " (nearest: \(near.prefix(3).joined(separator: ", ")))"
                    issues.append(ValidationIssue(field: "notProvinces", message: "\"\(s)\" in \(file) neither resolves to a unit nor is listed as not a province\(hint); expected an alias or a notProvinces entry"))
                }
            }
        }
        return issues
    }
}
