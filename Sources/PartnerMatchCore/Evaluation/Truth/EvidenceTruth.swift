import Foundation

/// Ground truth for ranking rules, built from past projects with known funders: each
/// imported activity becomes a need (what was asked: sectors and shares, amount,
/// instrument, province, year) judged by who paid for it.
///
/// Grades: the partner of the activity's funding organisation 2; other catalog partners
/// among its funders 1 (a co-financier, or a sibling window of the same funder that
/// does not offer the activity's instrument). An activity no catalog partner funded
/// says nothing about the catalog and is left out, counted under its reason.
///
/// Needs are split into a training and a test part, either by year (`splitYear`: needs
/// from that year on are the test part) or into `folds` folds, stratified by funder so
/// that every fold holds its share of each funder's projects, one of them the test part.
/// The split only places needs; leakage is prevented where evidence features are
/// computed (`EvidenceHistory`): from evidence before a need's year, or from the other
/// folds only.
///
/// ```swift
/// let truth = EvidenceTruth.build(activities, partners: partners, reference: reference,
///                                 options: .init(split: .year(2003), country: "VN", seed: 7))
/// truth.qrels(.test)   // "need 0 partner grade" lines
/// ```
public struct EvidenceTruth: Sendable {
    /// How needs are divided between training and test.
    public enum Split: Sendable, Hashable {
        /// Needs of `year` and later are the test part.
        case year(Int)
        /// `count` folds (2 or more); fold `test` (1-based) is the test part.
        case folds(count: Int, test: Int)
        /// The year at which about the last fifth of the dated needs begins.
        case automatic
    }

    public struct Options: Sendable, Hashable {
        public var split: Split
        /// Keep only activities whose recipient countries include this ISO code.
        public var country: String?
        public var seed: UInt64
        public init(split: Split = .automatic, country: String? = nil, seed: UInt64 = 20_260_701) {
            self.split = split
            self.country = country?.uppercased()
            self.seed = seed
        }
    }

    public enum Part: String, Sendable, Hashable { case train, test }

    /// A catalog partner judged for a need: grade 2 (the funder) or 1 (another funder).
    public struct Judgement: Sendable, Hashable {
        public var partner: String
        public var grade: Int
    }

    /// One past project as a need, with its judgements.
    public struct Item: Sendable, Hashable {
        public var need: Need
        /// The activity's IATI identifier (or a CSV row's mapped id).
        public var activity: String
        public var year: Int?
        /// 1-based fold, in fold mode.
        public var fold: Int?
        public var part: Part
        /// Ids ascending.
        public var judgements: [Judgement]

        /// The need's funder in reports (`EvalFunderAverages.funder(of:)`).
        public var funder: String { EvidenceTruth.funder(judgements) ?? "" }
    }

    public var items: [Item]
    /// Activities left out, by reason ("no catalog partner among its funders": 12).
    public var skipped: [(reason: String, count: Int)]
    /// The split as carried out (`.automatic` resolved to a year).
    public var split: Split
    /// Needs left out by `capped(_:seed:)` to balance the funders: not judged, but still
    /// in `foldsTSV`, so that evidence features leave their fold out as before.
    public var capped: [Item] = []

    /// Items of one part, in item order.
    public func items(_ part: Part) -> [Item] { items.filter { $0.part == part } }

    /// TREC qrels of one part: `need_id 0 partner_id grade`, needs in item order.
    public func qrels(_ part: Part) -> String {
        var out = ""
        for item in items where item.part == part {
            for j in item.judgements { out += "\(item.need.id) 0 \(j.partner) \(j.grade)\n" }
        }
        return out
    }

    /// `need_id<TAB>fold<TAB>activity` lines for fold mode: what `EvidenceHistory` needs
    /// to leave each need's fold out of its evidence. Empty in year mode.
    public var foldsTSV: String {
        var out = ""
        for item in items + capped { if let f = item.fold { out += "\(item.need.id)\t\(f)\t\(item.activity)\n" } }
        return out
    }

    /// How many needs one funder may keep in each part.
    public enum FunderCap: Sendable, Hashable {
        /// Keep every need.
        case none
        /// The median funder's needs in the part, and at least `floor` (so that a part of
        /// many funders with a project or two each is not cut to one per funder).
        case median(floor: Int)
        /// At most this many (1 or more).
        case fixed(Int)
    }

    /// The cap applied to one part, and the needs it left out per funder.
    public struct Capping: Sendable, Hashable {
        public var part: Part
        public var cap: Int?
        public var dropped: [String: Int]
    }

    /// The truth with each funder's needs in each part capped: a funder over the cap keeps
    /// a seeded draw of its needs (`FunderMix.keep`); the others are moved to `capped`.
    public func capped(_ cap: FunderCap, seed: UInt64) -> (truth: EvidenceTruth, cappings: [Capping]) {
        var out = self
        var cappings: [Capping] = []
        var keepAll = [Bool](repeating: true, count: items.count)
        for part in [Part.train, .test] {
            let members = items.indices.filter { items[$0].part == part }
            let funders = members.map { items[$0].funder }
            let limit: Int? = switch cap {
            case .none: nil
            case .fixed(let n): n
            case .median(let floor): max(FunderMix(funders: funders).medianNeeds, floor)
            }
            var dropped: [String: Int] = [:]
            if let limit {
                let keep = FunderMix.keep(funders: funders, ids: members.map { items[$0].need.id }, cap: limit, seed: seed)
                for (k, i) in zip(keep, members) where !k { keepAll[i] = false; dropped[items[i].funder, default: 0] += 1 }
            }
            cappings.append(Capping(part: part, cap: limit, dropped: dropped))
        }
        out.items = items.indices.filter { keepAll[$0] }.map { items[$0] }
        out.capped = capped + items.indices.filter { !keepAll[$0] }.map { items[$0] }
        return (out, cappings)
    }
}

extension EvidenceTruth {
    /// Reasons an activity is left out.
    enum Skip: String, CaseIterable {
        case country = "outside the recipient country asked for"
        case unlinked = "no catalog partner among its funders"
        case noSector = "no sector code that can be placed in the DAC taxonomy"
        case noValue = "no value in USD"
        case noYear = "no date, so no year to split by"
        case invalid = "not a valid need (see the validator's message)"
    }

    /// Builds the truth from activities (each once; order does not matter).
    public static func build(_ activities: [EvidenceActivity], partners: [Partner], reference: ReferenceData, options: Options) -> EvidenceTruth {
        let linker = PartnerLinker(partners: partners)
        let validator = Validator(reference: reference)
        let offered = Dictionary(partners.map { ($0.id, Set($0.instruments.map(\.instrument))) }, uniquingKeysWith: { a, _ in a })
        var skips: [Skip: Int] = [:]
        var built: [(need: Need, activity: String, year: Int?, judgements: [Judgement])] = []
        var usedIDs = Set<String>()
        for a in activities.sorted(by: { $0.identifier < $1.identifier }) {
            if let country = options.country, !a.recipientCountries.contains(where: { $0.code.uppercased() == country }) { skips[.country, default: 0] += 1; continue }
            let judgements = grades(a, linker: linker, offered: offered)
            guard !judgements.isEmpty else { skips[.unlinked, default: 0] += 1; continue }
            let sectors = needSectors(a, reference.sectors)
            guard !sectors.isEmpty else { skips[.noSector, default: 0] += 1; continue }
            guard let value = a.value, value.usd > 0, value.usd.isFinite else { skips[.noValue, default: 0] += 1; continue }
            if case .folds = options.split {} else if a.year == nil { skips[.noYear, default: 0] += 1; continue }
            let need = makeNeed(a, id: uniqueID(a.identifier, &usedIDs), sectors: sectors, budget: value.usd)
            guard (try? validator.validate(need)) != nil else { usedIDs.remove(need.id); skips[.invalid, default: 0] += 1; continue }
            built.append((need, a.identifier, a.year, judgements))
        }
        var split = options.split
        if case .automatic = split {
            let years = built.compactMap(\.year).sorted()
            split = .year(years.isEmpty ? 0 : years[min(years.count - 1, years.count * 4 / 5)])
        }
        var folds = [Int?](repeating: nil, count: built.count)
        if case .folds(let k, _) = split {
            // Stratified by funder: each funder's needs, shuffled with the seed, are dealt
            // round the folds in turn, continuing where the previous funder stopped.
            var rng = EvalSplitMix64(seed: options.seed)
            var byFunder: [String: [Int]] = [:]
            for (i, b) in built.enumerated() { byFunder[funder(b.judgements) ?? "", default: []].append(i) }
            var next = 0
            for key in byFunder.keys.sorted() {
                var members = byFunder[key]!
                shuffle(&members, &rng)
                for i in members { folds[i] = next % k + 1; next += 1 }
            }
        }
        let items = built.indices.map { i -> Item in
            let b = built[i]
            let part: Part
            switch split {
            case .year(let y): part = (b.year ?? Int.min) >= y ? .test : .train
            case .folds(_, let test): part = folds[i] == test ? .test : .train
            case .automatic: part = .train
            }
            return Item(need: b.need, activity: b.activity, year: b.year, fold: folds[i], part: part, judgements: b.judgements)
        }
        return EvidenceTruth(items: items, skipped: Skip.allCases.compactMap { s in skips[s].map { (s.rawValue, $0) } }, split: split)
    }

    /// Grade 2 for the funding organisation's partners (those offering the activity's
    /// instrument when the organisation links to several), 1 for the other partners of
    /// its funders. The funding organisation is the reporting organisation when it is also
    /// a funder (the publisher paid), else the first funder linked to the catalog.
    static func funder(_ judgements: [Judgement]) -> String? {
        EvalFunderAverages.funder(of: judgements.lazy.map { (document: $0.partner, grade: $0.grade) })
    }

    static func grades(_ a: EvidenceActivity, linker: PartnerLinker, offered: [String: Set<Instrument>]) -> [Judgement] {
        let funders = a.funders
        var linked: [(org: EvidenceOrg, partners: [String])] = []
        for f in funders {
            let ids = Array(Set(linker.links(for: f).map(\.partnerID))).sorted()
            if !ids.isEmpty { linked.append((f, ids)) }
        }
        guard !linked.isEmpty else { return [] }
        let reporting = a.reportingOrg?.key
        let main = linked.firstIndex { $0.org.key != nil && $0.org.key == reporting } ?? 0
        var grade: [String: Int] = [:]
        for (i, l) in linked.enumerated() where i != main { for p in l.partners { grade[p] = 1 } }
        var chosen = linked[main].partners
        if chosen.count > 1, let instrument = a.instrument {
            let fitting = chosen.filter { offered[$0].map { compatible($0, instrument) } ?? false }
            if !fitting.isEmpty { chosen = fitting }
        }
        for p in linked[main].partners { grade[p] = max(grade[p] ?? 0, 1) }
        for p in chosen { grade[p] = 2 }
        return grade.map { Judgement(partner: $0.key, grade: $0.value) }.sorted { $0.partner < $1.partner }
    }

    /// An offered instrument answers a past one: the same, or any loan for a loan.
    static func compatible(_ offered: Set<Instrument>, _ past: Instrument) -> Bool {
        let loans: Set<Instrument> = [.concessionalLoan, .nonConcessionalLoan]
        if offered.contains(past) { return true }
        return loans.contains(past) && !offered.isDisjoint(with: loans)
    }

    /// The activity's sectors as need shares: 5-digit codes the taxonomy lists (a retired
    /// or unknown code by its category), 3-digit categories; percentages scaled to sum to
    /// 100 (equal shares when none is given), the same code merged.
    static func needSectors(_ a: EvidenceActivity, _ taxonomy: SectorTaxonomy) -> [SectorShare] {
        var codes: [String] = []
        var weights: [String: Double] = [:]
        let given = a.sectors.contains { ($0.percentage ?? 0) > 0 }
        for s in a.sectors {
            let code: String?
            switch (s.vocabulary, s.standing) {
            case ("1", .active): code = s.code
            case ("1", _), ("2", _): code = s.category
            default: code = nil
            }
            guard let code, taxonomy.resolve(code) != nil else { continue }
            let w = given ? max(s.percentage ?? 0, 0) : 1
            guard w > 0 else { continue }
            if weights[code] == nil { codes.append(code) }
            weights[code, default: 0] += w
        }
        let total = codes.reduce(0) { $0 + weights[$1]! }
        guard total > 0 else { return [] }
        // Shares rounded to 2 decimals; the largest absorbs the rounding so they sum to 100.
        var shares = codes.map { SectorShare(code: $0, share: (weights[$0]! / total * 10_000).rounded() / 100) }
        shares.removeAll { $0.share <= 0 }
        guard let largest = shares.indices.max(by: { shares[$0].share < shares[$1].share }) else { return [] }
        let rest = shares.indices.filter { $0 != largest }.reduce(0) { $0 + shares[$1].share }
        shares[largest].share = ((100 - rest) * 100).rounded() / 100
        return shares
    }

    static func makeNeed(_ a: EvidenceActivity, id: String, sectors: [SectorShare], budget: Double) -> Need {
        let en = a.titles.first { $0.lang?.lowercased().hasPrefix("en") == true }?.text ?? (a.titles.first { $0.lang == nil }?.text)
        let vi = a.titles.first { $0.lang?.lowercased().hasPrefix("vi") == true }?.text
        let title = LocalizedText(en: en ?? (vi == nil ? a.identifier : nil), vi: vi)
        let province = a.provinces.first
        let instrument: SoughtInstrument = switch a.instrument {
        case .grant?, .inKind?: .grant
        case .concessionalLoan?, .nonConcessionalLoan?: .loan
        case .equity?: .investment
        case .technicalAssistance?, .training?: .technicalAssistance
        case nil: .any
        }
        // The need's date carries its year to `EvidenceHistory`: a source that gives only a
        // year ("2003", as KOICA's rows without a date) is placed on 1 January of it.
        let date = a.startDate.map { String($0.prefix(10)) }.flatMap { Validator.isISODate($0) ? $0 : nil }
            ?? a.year.map { String(format: "%04d-01-01", $0) }
        return Need(
            id: id, title: title, province: province ?? Need.national,
            applicant: province == nil ? .ministry : .province, sectors: sectors, budgetUSD: (budget * 100).rounded() / 100,
            instrument: instrument, date: date,
            description: LocalizedText(en: "Past project \(a.identifier) (\(a.sourceFormat))"))
    }

    /// A need id from an activity identifier: characters outside letters, digits, `-`,
    /// `_` and `.` become `-`; at most 120 characters; a repeat gets `-2`, `-3`...
    static func uniqueID(_ identifier: String, _ used: inout Set<String>) -> String {
        var base = String(identifier.unicodeScalars.map { s -> Character in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".") ? Character(s) : "-"
        }.prefix(110))
        if base.isEmpty { base = "activity" }
        var id = base
        var n = 2
        while !used.insert(id).inserted { id = "\(base)-\(n)"; n += 1 }
        return id
    }

    /// Fisher-Yates with the given generator: the same order for a seed on every platform.
    static func shuffle(_ a: inout [Int], _ rng: inout EvalSplitMix64) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}
