/// The CSV columns of needs and partners, and where a field of the model lives in them.
public enum CSVColumns {
    public static let need = [
        "id", "title_vi", "title_en", "province", "commune", "former_district", "applicant", "sectors",
        "budget", "currency", "budget_input", "instrument", "counterpart", "themes", "beneficiaries",
        "beneficiary_note", "stage", "date", "description_vi", "description_en",
    ]

    public static let partner = [
        "id", "name_en", "name_vi", "kind", "origin", "aliases", "iati_refs", "themes", "excluded_sectors",
        "sector_priorities", "instruments", "eligibility", "geography", "recent_volume", "contacts",
        "application_windows", "sources", "notes",
    ]

    private static let fieldToColumn: [String: String] = [
        "budgetUSD": "budget", "counterpartUSD": "counterpart", "title": "title_vi", "formerDistrict": "former_district",
        "beneficiaries": "beneficiaries", "description": "description_vi", "name": "name_en", "iatiRefs": "iati_refs",
        "excludedSectors": "excluded_sectors", "sectorPriorities": "sector_priorities", "recentVolume": "recent_volume",
        "applicationWindows": "application_windows",
    ]

    /// The 0-based column holding a model field path such as `sectors[1].code`.
    public static func column(forField field: String, header: [String]) -> Int? {
        let root = String(field.prefix { $0 != "." && $0 != "[" })
        let name = fieldToColumn[root] ?? root
        return header.firstIndex(of: name)
    }

    /// Checks a header against the known columns and the required ones.
    static func checkHeader(_ header: [String], known: [String], required: [[String]], file: String, line: Int) throws(InputError) {
        for (i, h) in header.enumerated() where !known.contains(h) {
            if let other = CSV.Delimiter.allCases.first(where: { h.contains($0.character) }) {
                throw InputError(file: file, line: 1, column: i + 1, message: "the header row \"\(h)\" was not split into columns; it looks separated by \(other.rawValue) (\(other.character == "\t" ? "tab" : String(other.character))): pass --delimiter \(other.rawValue)")
            }
            let near = TextFolding.nearest(h, among: known, limit: 1).first.map { "did you mean \"\($0)\"? " } ?? ""
            throw InputError(file: file, line: 1, column: i + 1, message: "unknown column \"\(h)\"; \(near)expected columns: \(known.joined(separator: ","))")
        }
        for alternatives in required where !alternatives.contains(where: header.contains) {
            throw InputError(file: file, line: 1, message: "missing column \(alternatives.map { "\"\($0)\"" }.joined(separator: " or ")); expected a header row with at least: id, title_vi or title_en, province, applicant, sectors, budget")
        }
    }

    /// Checks the header of a needs (proposals) CSV file: every column known, the
    /// required ones present. A header written with another separator than the one
    /// used to split it reads as one unknown column holding separators: that is said.
    public static func checkNeedHeader(_ header: [String], file: String) throws(InputError) {
        try checkHeader(header, known: need, required: needRequired, file: file, line: 1)
    }

    /// Checks the header of a partners CSV file.
    public static func checkPartnerHeader(_ header: [String], file: String) throws(InputError) {
        try checkHeader(header, known: partner, required: partnerRequired, file: file, line: 1)
    }

    static let needRequired = [["id"], ["title_vi", "title_en"], ["province"], ["applicant"], ["sectors"], ["budget"]]
    static let partnerRequired = [["id"], ["name_en", "name_vi"], ["kind"], ["origin"], ["instruments"], ["sector_priorities"], ["sources"]]

    static func list(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "|" || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Need {
    /// Builds a need from one CSV row. Budgets use the amount syntax; the `currency`
    /// column gives the currency of an amount that writes none (VND budgets are converted
    /// at the rate of the year of `date`, the latest rate when there is no date).
    public static func fromCSV(fields: [String], header: [String], file: String, line: Int, rates: RateTable?) throws(InputError) -> Need {
        try fromCSVNotingAssumptions(fields: fields, header: header, file: file, line: line, rates: rates).need
    }

    /// `fromCSV`, and what the row left to defaults: the instrument when its cell is
    /// empty, the currency of amounts that write none, the year of the rate.
    public static func fromCSVNotingAssumptions(fields: [String], header: [String], file: String, line: Int, rates: RateTable?) throws(InputError) -> (need: Need, assumed: [AssumedDefault]) {
        var assumed: [AssumedDefault] = []
        try CSVColumns.checkHeader(header, known: CSVColumns.need, required: CSVColumns.needRequired, file: file, line: line)
        var row: [String: String] = [:]
        for (h, f) in zip(header, fields) { row[h] = f.trimmingCharacters(in: .whitespaces) }
        func col(_ name: String) -> Int? { header.firstIndex(of: name).map { $0 + 1 } }
        func fail(_ column: String, _ message: String) -> InputError {
            InputError(file: file, line: line, column: col(column), record: row["id"].map { "need \"\($0)\"" }, field: column, message: message)
        }
        func value(_ name: String) -> String? { row[name].flatMap { $0.isEmpty ? nil : $0 } }

        guard let applicantText = value("applicant") else { throw fail("applicant", "empty; expected one of \(ApplicantKind.acceptedValues)") }
        guard let applicant = ApplicantKind.parse(applicantText) else { throw fail("applicant", "\"\(applicantText)\" is not accepted; expected one of \(ApplicantKind.acceptedValues)") }
        let sectors: [SectorShare]
        do { sectors = try SectorSyntax.parse(row["sectors"] ?? "") } catch { throw fail("sectors", error.description) }
        guard let budgetText = value("budget") else { throw fail("budget", "empty; expected \(AmountSyntax.expected)") }
        let budget: AmountSyntax.Amount
        // Converted at the rate of the need's year (its `date`), as Data/README.md says.
        let year = AmountSyntax.year(ofDate: value("date"))
        do { budget = try AmountSyntax.parse(budgetText, rates: rates, defaultCurrency: value("currency"), year: year) } catch { throw fail("budget", error.description) }
        assumed += AssumedDefault.of(budget, field: "budget")
        var counterpart: Double?
        if let c = value("counterpart") {
            do {
                let a = try AmountSyntax.parse(c, rates: rates, defaultCurrency: value("currency"), year: year)
                counterpart = a.usd
                assumed += AssumedDefault.of(a, field: "counterpart")
            } catch { throw fail("counterpart", error.description) }
        }
        var instrument = SoughtInstrument.any
        if let t = value("instrument") {
            guard let i = SoughtInstrument.parse(t) else { throw fail("instrument", "\"\(t)\" is not accepted; expected one of \(SoughtInstrument.acceptedValues)") }
            instrument = i
        } else {
            assumed.insert(.instrument, at: 0)
        }
        var stage: NeedStage?
        if let t = value("stage") {
            guard let s = NeedStage.parse(t) else { throw fail("stage", "\"\(t)\" is not accepted; expected one of \(NeedStage.acceptedValues)") }
            stage = s
        }
        var beneficiaries: Beneficiaries?
        if value("beneficiaries") != nil || value("beneficiary_note") != nil {
            var count: Int?
            if let b = value("beneficiaries") {
                guard let n = Int(b.replacingOccurrences(of: ",", with: "")) else { throw fail("beneficiaries", "\"\(b)\" is not a whole number; expected a count of people") }
                count = n
            }
            beneficiaries = Beneficiaries(count: count, description: value("beneficiary_note"))
        }
        let description = (value("description_vi") != nil || value("description_en") != nil) ? LocalizedText(en: value("description_en"), vi: value("description_vi")) : nil
        let need = Need(
            id: row["id"] ?? "", title: LocalizedText(en: value("title_en"), vi: value("title_vi")),
            province: row["province"] ?? "", commune: value("commune"), formerDistrict: value("former_district"),
            applicant: applicant, sectors: sectors, budgetUSD: budget.usd,
            budgetInput: budget.conversionNote ?? value("budget_input"), instrument: instrument,
            counterpartUSD: counterpart, themes: CSVColumns.list(row["themes"] ?? ""), beneficiaries: beneficiaries,
            stage: stage, date: value("date"), description: description)
        return (need, assumed)
    }

    /// The CSV row of this need, in the order of `CSVColumns.need`. Lossless: importing
    /// the row gives back the same need.
    public var csvFields: [String] {
        [
            id, title.vi ?? "", title.en ?? "", province, commune ?? "", formerDistrict ?? "", applicant.rawValue,
            SectorSyntax.format(sectors), CSVNumber.format(budgetUSD), "USD", budgetInput ?? "", instrument.rawValue,
            counterpartUSD.map(CSVNumber.format) ?? "", themes.joined(separator: "|"),
            beneficiaries?.count.map(String.init) ?? "", beneficiaries?.description ?? "", stage?.rawValue ?? "",
            date ?? "", description?.vi ?? "", description?.en ?? "",
        ]
    }
}

/// Numbers in CSV: shortest form that reads back exactly.
enum CSVNumber {
    static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
