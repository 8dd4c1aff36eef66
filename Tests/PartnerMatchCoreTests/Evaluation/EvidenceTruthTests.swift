import Foundation
import Testing
@testable import PartnerMatchCore

/// Truth from evidence on a hand-made set of past projects, and the evidence each need
/// may see (no leakage).
///
/// | id | year | funders (role Funding unless said) | sectors | value |
/// |----|------|------------------------------------|---------|-------|
/// | p1 | 2001 | Agri Fund (reporting and funding), TA Agency | 31120 60%, 32161 40% | 1M |
/// | p2 | 2002 | Big Bank (alias of road-bank-loans and climate-facility), loan | 21020 | 12M |
/// | p3 | 2003 | Agri Fund | retired 31130 (category 311) | 2M |
/// | p4 | 2004 | Nobody in the catalog | 31120 | 1M |
/// | p5 | 2005 | Agri Fund | none | 1M |
/// | p6 | 2005 | Agri Fund | 31120 | no value |
@Suite struct EvidenceTruthTests {
    static let sectors = SectorTaxonomy(
        groups: EngineFixtures.sectors.groups, categories: EngineFixtures.sectors.categories,
        codes: EngineFixtures.sectors.codes + [.init(code: "31130", category: "311", en: "Agricultural land resources", vi: "Tài nguyên đất nông nghiệp", retired: true)])
    static let reference = ReferenceData(sectors: sectors, provinces: EngineFixtures.provinces, themes: EngineFixtures.themes, rates: RateTable(rates: []))

    static let partners: [Partner] = EngineFixtures.partners.map { p in
        var p = p
        if p.id == "road-bank-loans" || p.id == "climate-facility" { p.aliases = ["Big Bank"] }
        return p
    }

    static func activity(_ id: String, _ year: Int?, funders: [String], reporting: String? = nil, sectors: [(String, Double?)],
                         usd: Double?, instrument: Instrument? = .grant, province: String? = nil) -> EvidenceActivity {
        var a = EvidenceActivity(identifier: id, sourceFormat: "test")
        a.titles = [Narrative(lang: "en", text: "Project \(id)"), Narrative(lang: "vi", text: "Dự án \(id)")]
        if let year { a.dates = [ActivityDate(kind: .startActual, date: "\(year)-06-01")] }
        a.reportingOrg = reporting.map { EvidenceOrg(name: $0) }
        a.participants = funders.map { EvidenceParticipant(org: EvidenceOrg(name: $0), role: .funding) }
        a.sectors = sectors.map { EvidenceSector.classify(vocabulary: "1", code: $0.0, percentage: $0.1, taxonomy: Self.sectors) }
        a.recipientCountries = [CodeShare(code: "VN", percentage: 100)]
        if let usd {
            var m = Money(value: usd, currency: "USD", date: year.map { "\($0)-06-01" })
            m.usd = usd
            a.transactions = [EvidenceTransaction(kind: .commitment, typeCode: "2", money: m)]
        }
        a.statedInstrument = instrument
        if let province { a.locations = [EvidenceLocation(name: province, province: province, resolvedBy: "name")] }
        return a
    }

    static let activities = [
        activity("p1", 2001, funders: ["TA Agency", "Agri Fund"], reporting: "Agri Fund", sectors: [("31120", 60), ("32161", 40)], usd: 1e6, province: "son-la"),
        activity("p2", 2002, funders: ["Big Bank"], sectors: [("21020", nil)], usd: 12e6, instrument: .concessionalLoan),
        activity("p3", 2003, funders: ["Agri Fund"], sectors: [("31130", nil)], usd: 2e6),
        activity("p4", 2004, funders: ["Nobody"], sectors: [("31120", nil)], usd: 1e6),
        activity("p5", 2005, funders: ["Agri Fund"], sectors: [], usd: 1e6),
        activity("p6", 2005, funders: ["Agri Fund"], sectors: [("31120", nil)], usd: nil),
    ]

    static func build(_ split: EvidenceTruth.Split, seed: UInt64 = 1) -> EvidenceTruth {
        EvidenceTruth.build(activities.reversed(), partners: partners, reference: reference, options: .init(split: split, country: "vn", seed: seed))
    }

    @Test func gradesNeedsAndReasons() throws {
        let truth = Self.build(.year(2003))
        #expect(truth.items.map(\.need.id) == ["p1", "p2", "p3"])
        let p1 = truth.items[0]
        // The reporting org funds it: grade 2; the co-funder 1.
        #expect(p1.judgements.map(\.partner) == ["agri-fund", "ta-agency"])
        #expect(p1.judgements.map(\.grade) == [2, 1])
        #expect(p1.need.sectors == [SectorShare(code: "31120", share: 60), SectorShare(code: "32161", share: 40)])
        #expect(p1.need.province == "son-la" && p1.need.applicant == .province)
        #expect(p1.need.title == LocalizedText(en: "Project p1", vi: "Dự án p1"))
        #expect(p1.need.date == "2001-06-01" && p1.need.budgetUSD == 1e6 && p1.need.instrument == .grant)
        // An organisation linked to two partners: the one offering the loan gets 2.
        let p2 = truth.items[1]
        #expect(p2.judgements.map(\.partner) == ["climate-facility", "road-bank-loans"])
        #expect(p2.judgements.map(\.grade) == [2, 2], "both offer concessional loans")
        #expect(p2.need.province == Need.national && p2.need.applicant == .ministry && p2.need.instrument == .loan)
        // A retired code counts by its category.
        #expect(truth.items[2].need.sectors == [SectorShare(code: "311", share: 100)])
        #expect(truth.skipped.map(\.reason) == ["no catalog partner among its funders", "no sector code that can be placed in the DAC taxonomy", "no value in USD"])
        #expect(truth.skipped.map(\.count) == [1, 1, 1])
        // Every need is valid as the validator sees it.
        let validator = Validator(reference: Self.reference)
        for item in truth.items { _ = try validator.validate(item.need) }
    }

    @Test func instrumentPicksAmongAnOrganisationsPartners() {
        var grant = Self.activity("g", 2002, funders: ["Big Bank"], sectors: [("41010", nil)], usd: 2e6, instrument: .grant)
        grant.identifier = "grant one/2002"
        let truth = EvidenceTruth.build([grant], partners: Self.partners, reference: Self.reference, options: .init(split: .year(2000)))
        #expect(truth.items.first?.need.id == "grant-one-2002")
        // Only climate-facility offers grants: it gets 2, road-bank-loans 1.
        #expect(truth.items.first?.judgements.map(\.grade) == [2, 1])
        #expect(truth.items.first?.judgements.map(\.partner) == ["climate-facility", "road-bank-loans"])
    }

    @Test func splitByYearAndQrels() {
        let truth = Self.build(.year(2002))
        #expect(truth.items(.train).map(\.need.id) == ["p1"])
        #expect(truth.items(.test).map(\.need.id) == ["p2", "p3"])
        #expect(truth.qrels(.train) == "p1 0 agri-fund 2\np1 0 ta-agency 1\n")
        #expect(truth.qrels(.test) == "p2 0 climate-facility 2\np2 0 road-bank-loans 2\np3 0 agri-fund 2\n")
        #expect(truth.foldsTSV.isEmpty)
        // Automatic: the year where the last fifth begins.
        if case .year(let y) = Self.build(.automatic).split { #expect(y == 2003) } else { Issue.record("expected a year") }
    }

    @Test func foldsAreStratifiedDeterministicAndComplete() {
        let many = (0..<40).map { i in
            Self.activity("a\(i)", 2000 + i % 5, funders: [i % 4 == 0 ? "TA Agency" : "Agri Fund"], sectors: [("31120", nil)], usd: 1e6)
        }
        func build(_ seed: UInt64) -> EvidenceTruth {
            EvidenceTruth.build(many, partners: Self.partners, reference: Self.reference, options: .init(split: .folds(count: 5, test: 2), seed: seed))
        }
        let a = build(7), b = build(7), c = build(8)
        #expect(a.items == b.items)
        #expect(a.items.map(\.fold) != c.items.map(\.fold))
        // Each fold holds 2 of TA Agency's 10 needs and 6 of Agri Fund's 30.
        for f in 1...5 {
            let inFold = a.items.filter { $0.fold == f }
            #expect(inFold.count == 8)
            #expect(inFold.filter { $0.judgements.first?.partner == "ta-agency" }.count == 2)
        }
        #expect(a.items(.test).allSatisfy { $0.fold == 2 } && a.items(.test).count == 8)
        #expect(a.foldsTSV.split(separator: "\n").count == 40)
        #expect(a.foldsTSV.hasPrefix("a0\t"))
    }

    /// A need's own activity never feeds its evidence features: by year, and by fold.
    @Test func noLeakageByYearOrFold() throws {
        let truth = Self.build(.year(2002))
        let byPartner = ["agri-fund": [Self.activities[0], Self.activities[2]]]
        let history = EvidenceHistory(activitiesByPartner: byPartner)
        let p1 = truth.items[0].need
        #expect(history.key(for: p1) == .until(2000))
        #expect(history.summaries(for: history.key(for: p1))["agri-fund"]?.activities == 0)
        #expect(history.summaries(for: .until(2001))["agri-fund"]?.activities == 1)
        // Folds: p1 in fold 1, p3 in fold 2; p1 sees p3 only.
        let folds = try EvidenceHistory.parseFolds("p1\t1\tp1\np3\t2\tp3\n", file: "folds.tsv")
        let byFold = EvidenceHistory(activitiesByPartner: byPartner, folds: folds)
        #expect(byFold.key(for: p1) == .withoutFold(1))
        #expect(byFold.summaries(for: .withoutFold(1))["agri-fund"]?.activities == 1)
        #expect(byFold.summaries(for: .withoutFold(1))["agri-fund"]?.sectorShares["311"] != nil)
        #expect(byFold.summaries(for: .withoutFold(1))["agri-fund"]?.sectorShares["31120"] == nil)
        #expect(throws: InputError.self) { try EvidenceHistory.parseFolds("p1 1 p1\n", file: "f.tsv") }

        // Through the engine: with only sector evidence weighed, agri-fund's value for p1
        // is the stated fallback when its own project is hidden, higher when it is not.
        let rule = try Rule(name: "ev", version: "1", filters: .none, features: FeatureSettings(sectorEvidence: SectorEvidenceParameters(weight: 1)))
        let hidden = FeatureMatrix(needs: [p1], partners: Self.partners, reference: Self.reference, rule: rule, evidence: history, threads: 1)
        let seen = FeatureMatrix(needs: [p1], partners: Self.partners, reference: Self.reference, rule: rule, evidence: EvidenceHistory(activitiesByPartner: byPartner, folds: [(p1.id, 9, "x")]), threads: 1)
        let column = hidden.partnerIDs.firstIndex(of: "agri-fund")!
        #expect(hidden.values[column] < seen.values[column])
        let stated = CompiledCatalog(partners: Self.partners, reference: Self.reference, rule: rule).explanation(p1, partnerAt: column)
        #expect(abs(Double(hidden.values[column]) - stated.score) < 1e-3)
    }

    /// A source that gives only a year still bounds the need's evidence by that year.
    @Test func aYearOnlyDateStillHidesTheNeedsOwnProject() {
        var a = Self.activity("y1", nil, funders: ["Agri Fund"], sectors: [("31120", nil)], usd: 1e6)
        a.dates = [ActivityDate(kind: .startActual, date: "2003")]
        let truth = EvidenceTruth.build([a], partners: Self.partners, reference: Self.reference, options: .init(split: .year(2000)))
        let need = truth.items[0].need
        #expect(need.date == "2003-01-01")
        let history = EvidenceHistory(activitiesByPartner: ["agri-fund": [a]])
        #expect(history.key(for: need) == .until(2002))
        #expect(history.summaries(for: history.key(for: need))["agri-fund"]?.activities == 0)
        #expect(history.unbounded([need]).isEmpty)
        var undated = need
        undated.date = nil
        #expect(history.unbounded([undated]).map(\.id) == [need.id])
    }

    @Test func foldsFilesWithCRLFAndABOMReadAndRepeatsAreRefused() throws {
        let folds = try EvidenceHistory.parseFolds("\u{FEFF}p1\t1\tp1\r\np3\t2\tp3\r\n", file: "f.tsv")
        #expect(folds.map(\.need) == ["p1", "p3"] && folds.map(\.activity) == ["p1", "p3"])
        #expect(throws: InputError(file: "f.tsv", line: 2, message: "need \"p1\" is assigned a fold again (first on line 1)")) {
            try EvidenceHistory.parseFolds("p1\t1\tp1\np1\t2\tp1\n", file: "f.tsv")
        }
    }

    @Test func funderAveragesWeighEveryFunderTheSame() throws {
        let qrels = try TrecQrels(judgements: [("q1", "koica", 2), ("q2", "koica", 2), ("q3", "koica", 2), ("q4", "adb-a", 2), ("q4", "adb-b", 2), ("q4", "wb", 1)])
        let run = try TrecRun(rankings: ["q1", "q2", "q3", "q4"].map { q in
            Ranking(needID: q, ruleName: "r", ruleVersion: "1", catalogHash: "h", partnerCount: 3, excludedCount: 0,
                    entries: [RankedPartner(rank: 1, partnerID: "koica", score: 1)])
        }, tag: "r")
        let report = try TrecEval.evaluate(qrels: qrels, run: run, measures: [.success(1)])
        #expect(report.means == [0.75])
        let averages = EvalFunderAverages(report: report, funderOfQuery: qrels.funderOfQuery)
        #expect(qrels.funderOfQuery["q4"] == "adb-a+adb-b")
        #expect(averages.funders.map(\.name) == ["koica", "adb-a+adb-b"])
        #expect(averages.macro == [0.5])
    }
}
