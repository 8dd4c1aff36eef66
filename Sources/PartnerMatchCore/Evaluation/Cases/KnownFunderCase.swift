/// A real project with a known funder: one row of a real-case benchmark
/// (`Data/benchmarks/known-funders.csv`).
///
/// A case states the project as the project describes itself (sectors and shares, the
/// amount and currency as published, year, place, who applied, what was asked for) and
/// names the catalog partner programme that funded it. Ranking the case as an ad-hoc need
/// and finding where that partner lands measures whether a shortlist holds up.
public struct KnownFunderCase: Sendable, Hashable {
    public var id: String
    /// The catalog partner (programme) that funded the project.
    public var partnerID: String
    /// The funder as the source names it.
    public var funder: String
    public var title: String
    public var sectors: [SectorShare]
    /// The funder's contribution as published, in `currency`.
    public var amount: Double
    public var currency: String
    public var year: Int
    /// Places as the source names them (former names allowed), or `national`.
    public var provinces: [String]
    public var applicant: ApplicantKind
    public var instrument: SoughtInstrument
    public var themes: [String]
    public var sourceURL: String
    public var quote: String
    /// The line of the case's record in its file.
    public var line: Int
}

/// Reading, stating and splitting real cases.
public enum KnownFunderCases {
    /// The columns of a cases file, in order.
    public static let header = [
        "id", "partner_id", "funder", "title", "sectors", "amount", "currency", "year", "provinces",
        "applicant", "instrument", "themes", "source_url", "quote",
    ]

    /// A problem in a cases file, located by line and column name.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var field: String?
        public var message: String
        public var description: String { "\(file):\(line): \(field.map { "\($0): " } ?? "")\(message)" }
    }

    /// Parses a cases file (RFC 4180 CSV with the header `header`).
    ///
    /// Every record is checked for form (numbers, vocabularies, sector syntax, a URL);
    /// the first problem throws. Whether places, sectors and currencies are known is
    /// checked by `need(_:reference:)`, which needs the reference data.
    public static func parse(_ text: String, file: String) throws(Error) -> [KnownFunderCase] {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch {
            throw Error(file: file, line: error.line, field: nil, message: "column \(error.column): \(error.message)")
        }
        guard let head = records.first else { throw Error(file: file, line: 1, field: nil, message: "empty file; expected the header \(header.joined(separator: ","))") }
        guard head.fields == header else {
            throw Error(file: file, line: head.line, field: nil, message: "the header is \(head.fields.joined(separator: ",")); expected \(header.joined(separator: ","))")
        }
        var out: [KnownFunderCase] = []
        var ids = Set<String>()
        for r in records.dropFirst() {
            func fail(_ field: String, _ message: String) -> Error { Error(file: file, line: r.line, field: field, message: message) }
            guard r.fields.count == header.count else {
                throw fail("record", "\(r.fields.count) fields; expected \(header.count)")
            }
            var f: [String: String] = [:]
            for (k, v) in zip(header, r.fields) { f[k] = v.trimmingCharacters(in: .whitespaces) }
            let id = f["id"]!
            guard !id.isEmpty, ids.insert(id).inserted else { throw fail("id", id.isEmpty ? "empty; expected a case id" : "\"\(id)\" appears twice") }
            guard let partnerID = f["partner_id"], !partnerID.isEmpty else { throw fail("partner_id", "empty; expected a catalog partner id") }
            let sectors: [SectorShare]
            do { sectors = try SectorSyntax.parse(f["sectors"]!) } catch { throw fail("sectors", error.message + "; expected " + SectorSyntax.expected) }
            guard let amount = Double(f["amount"]!), amount.isFinite, amount > 0 else {
                throw fail("amount", "\"\(f["amount"]!)\" is not a plain number above 0; expected the amount as published, e.g. 13600000")
            }
            let currency = f["currency"]!.uppercased()
            guard currency.count == 3, currency.allSatisfy({ $0.isLetter && $0.isASCII }) else {
                throw fail("currency", "\"\(f["currency"]!)\" is not a currency code; expected ISO 4217 such as USD, EUR, JPY")
            }
            guard let year = Int(f["year"]!), (1950...2100).contains(year) else {
                throw fail("year", "\"\(f["year"]!)\" is not a year; expected four digits such as 2018")
            }
            let provinces = f["provinces"]!.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !provinces.isEmpty else { throw fail("provinces", "empty; expected a province (or several joined by |) or national") }
            guard let applicant = ApplicantKind(rawValue: f["applicant"]!) else {
                throw fail("applicant", "\"\(f["applicant"]!)\"; expected one of \(ApplicantKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let instrument = SoughtInstrument(rawValue: f["instrument"]!) else {
                throw fail("instrument", "\"\(f["instrument"]!)\"; expected one of \(SoughtInstrument.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let themes = f["themes"]!.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let url = f["source_url"]!
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw fail("source_url", "\"\(url)\" is not a web address; expected the public page the case comes from") }
            guard !f["quote"]!.isEmpty else { throw fail("quote", "empty; expected a short quote stating funder, amount and place") }
            out.append(KnownFunderCase(
                id: id, partnerID: partnerID, funder: f["funder"]!, title: f["title"]!, sectors: sectors, amount: amount,
                currency: currency, year: year, provinces: provinces, applicant: applicant, instrument: instrument,
                themes: themes, sourceURL: url, quote: f["quote"]!, line: r.line))
        }
        return out
    }

    /// The ad-hoc need a case describes, as an officer would state it: the project's
    /// sectors and themes, the amount converted to USD at the rate of the case's year,
    /// the first place named (`national` for a nationwide project), the applicant and the
    /// instrument asked for. The need's id is the case id and its date 1 January of the
    /// case's year, so evidence features see only the years before it.
    public static func need(_ c: KnownFunderCase, reference: ReferenceData, file: String) throws(Error) -> Need {
        func fail(_ field: String, _ message: String) -> Error { Error(file: file, line: c.line, field: field, message: message) }
        let place = c.provinces[0]
        let province: String
        if TextFolding.fold(place) == Need.national {
            province = Need.national
        } else {
            do throws(Gazetteer.Unresolved) { province = try reference.provinces.require(place).id } catch {
                throw fail("provinces", error.description)
            }
        }
        guard let rate = reference.rates.rate(c.currency, year: c.year) else {
            throw fail("currency", "no rate for \(c.currency) in the rates table; expected a currency of Data/rates.json")
        }
        let usd = c.amount / rate.perUSD
        let note = c.currency == "USD" ? nil : "\(c.currency) \(NumberFormat.grouped(c.amount)) at \(NumberFormat.grouped(rate.perUSD, decimals: rate.perUSD < 10 ? 4 : 0)) \(c.currency)/USD (\(rate.year))"
        let need = Need(
            id: c.id, title: LocalizedText(en: c.title, vi: c.title), province: province, applicant: c.applicant,
            sectors: c.sectors, budgetUSD: usd, budgetInput: note, instrument: c.instrument, themes: c.themes,
            date: "\(c.year)-01-01")
        do throws(ValidationIssues) { return try Validator(reference: reference).validate(need) } catch {
            let first = error.issues.first
            throw fail(first?.field ?? "record", first?.message ?? "invalid")
        }
    }

    /// Which half of the cases a figure comes from.
    public enum Half: String, Sendable, CaseIterable {
        /// Rules, weights and parameters may be chosen on these cases.
        case choose
        /// Figures are reported on these cases only.
        case report
        case all
    }

    /// The seed of the one split every report uses.
    public static let splitSeed: UInt64 = 20_261_207

    /// Splits the cases in two halves, stratified by funding partner: each partner's
    /// cases, in an order drawn from `seed` and the case ids, alternate between the halves,
    /// starting with a half drawn from the partner id (so an odd case falls on either
    /// side). The split depends only on the seed and the ids, not on file order.
    public static func split(_ cases: [KnownFunderCase], seed: UInt64 = splitSeed) -> [String: Half] {
        var out: [String: Half] = [:]
        let byPartner = Dictionary(grouping: cases, by: \.partnerID)
        for (partner, members) in byPartner {
            let ordered = members.sorted { mix(seed, $0.id) < mix(seed, $1.id) }
            let start = mix(seed, partner) & 1
            for (i, c) in ordered.enumerated() {
                out[c.id] = (UInt64(i) + start) % 2 == 0 ? .choose : .report
            }
        }
        return out
    }

    /// The cases of one half (all of them for `.all`), in file order.
    public static func select(_ cases: [KnownFunderCase], half: Half, seed: UInt64 = splitSeed) -> [KnownFunderCase] {
        guard half != .all else { return cases }
        let halves = split(cases, seed: seed)
        return cases.filter { halves[$0.id] == half }
    }

    /// Judgements: the funding partner of each case is relevant (grade 2).
    /// - Throws: `TrecFormatError` only if a case id repeats (`parse` refuses that).
    public static func qrels(_ cases: [KnownFunderCase]) throws(TrecFormatError) -> TrecQrels {
        try TrecQrels(judgements: cases.map { (query: $0.id, document: $0.partnerID, grade: 2) }, name: "cases")
    }

    /// A stable 64-bit mix of a seed and a text (FNV-1a, then SplitMix64's finaliser).
    static func mix(_ seed: UInt64, _ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}
