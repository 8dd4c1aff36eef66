import Testing
@testable import PartnerMatchCore

/// Each refusal of `data check`, on the fixture partners with one fault put in; each test
/// also shows the unmodified fixture passes, so it fails if the check is removed.
@Suite struct DataCheckTests {
    /// The fixture reference plus the retired energy category 230 and one of its codes.
    static let reference: ReferenceData = {
        var r = Fixtures.reference
        let s = r.sectors
        r.sectors = SectorTaxonomy(
            groups: s.groups,
            categories: s.categories + [.init(code: "230", group: "200", en: "Energy generation and supply", vi: "Sản xuất và cung cấp năng lượng", retired: true),
                                        .init(code: "232", group: "200", en: "Energy generation, renewable sources", vi: "Năng lượng tái tạo", retired: false)],
            codes: s.codes + [.init(code: "23030", category: "230", en: "Power generation/renewable sources", vi: "Phát điện từ nguồn tái tạo", retired: true),
                              .init(code: "23210", category: "232", en: "Energy generation, renewable sources - multiple technologies", vi: "Năng lượng tái tạo", retired: false)])
        return r
    }()

    let checker = DataCheck(reference: DataCheckTests.reference, today: "2026-12-07")

    static func fixture(_ name: String) -> Partner {
        try! RecordFile(reference: Fixtures.reference).partners(from: Fixtures.bytes("partners/\(name).json"), file: name)[0]
    }

    let japan = DataCheckTests.fixture("japan-grassroots")
    let sfd = DataCheckTests.fixture("sfd-loans")
    let koica = DataCheckTests.fixture("koica-grants")

    func fields(_ p: Partner) -> [String] { checker.check(p).map(\.field) }

    @Test func fixturePartnersPass() {
        for p in [japan, sfd, koica] { #expect(checker.check(p).isEmpty, "\(p.id): \(checker.check(p))") }
    }

    @Test func instrumentWithoutStatusIsRefused() {
        var p = japan
        p.instruments[0].status = nil
        #expect(fields(p) == ["instruments[0].status"])
    }

    @Test func retiredCategoryAndCodeAreRefusedInPartners() {
        var p = sfd
        p.sectorPriorities.append(SectorPriority(sector: "230", weight: 0.6))
        p.excludedSectors.append("23030")
        #expect(fields(p) == ["sectorPriorities[3].sector", "excludedSectors[1]"])
        #expect(checker.check(p)[0].message.contains("230 (Energy generation and supply) is a retired DAC category"))
        #expect(checker.check(p)[0].message.contains("such as 232"))
        // A current code of the same group passes.
        p.sectorPriorities[3].sector = "232"
        p.excludedSectors[1] = "23210"
        #expect(fields(p).isEmpty)
    }

    @Test func retiredCodeIsRefusedInNeeds() {
        let good = Need(id: "n1", title: LocalizedText(en: "Solar", vi: "Điện mặt trời"), province: "son-la", applicant: .province,
                        sectors: [SectorShare(code: "23210", share: 100)], budgetUSD: 100_000, instrument: .grant)
        #expect(checker.check(good).isEmpty)
        var bad = good
        bad.sectors[0].code = "23030"
        #expect(checker.check(bad).map(\.field) == ["sectors[0].code"])
        bad.sectors[0].code = "230"
        #expect(checker.check(bad).map(\.field) == ["sectors[0].code"])
    }

    @Test func figureWithoutSourceOrEstimateNoteIsRefused() {
        var p = sfd
        p.recentVolume?.provenance = Provenance(source: nil, estimate: true, note: nil)
        #expect(fields(p) == ["recentVolume.provenance.note"])
        p.recentVolume?.provenance = Provenance(source: nil, estimate: false)
        #expect(fields(p) == ["recentVolume.provenance"])
        p.recentVolume?.provenance = Provenance(source: nil, estimate: true, note: "mean of 2017-2021 commitments")
        #expect(fields(p).isEmpty)
        // A counterpart share is a figure: without any provenance it is refused.
        p.eligibility.provenance = nil
        #expect(fields(p) == ["eligibility.provenance"])
    }

    @Test func sourceIDThatDoesNotExistIsRefused() {
        var p = japan
        p.instruments[0].status?.provenance.source = "s-gone"
        #expect(fields(p) == ["instruments[0].status.provenance.source"])
        #expect(checker.check(p)[0].message.contains("expected one of: s1"))
    }

    @Test func sourceWithoutCheckedDateOrLocationIsRefused() {
        var p = japan
        p.sources[0].checked = ""
        #expect(fields(p) == ["sources[0].checked"])
        p.sources[0].checked = "2027-01-01"
        #expect(fields(p) == ["sources[0].checked"])
        p.sources[0].checked = "2026-11-30"
        p.sources[0].url = nil
        #expect(fields(p) == ["sources[0]"])
        p.sources[0].document = "Embassy circular 12/2025"
        #expect(fields(p).isEmpty)
    }

    @Test func ticketAboveTheConvertedCeilingIsRefused() {
        var p = japan
        // EUR 50,000 at 0.9 EUR/USD (2025) = USD 55,556; the ticket max is USD 90,000.
        p.instruments[0].ceiling = Ceiling(amount: 50_000, currency: "EUR", year: 2025, provenance: Provenance(source: "s1"))
        #expect(fields(p) == ["instruments[0].ticket.max"])
        #expect(checker.check(p)[0].message.contains("EUR 50,000 = USD 55,556"))
        // Within the 0.5% tolerance.
        p.instruments[0].ticket = TicketRange(min: 30_000, typical: 50_000, max: 55_800)
        #expect(fields(p).isEmpty)
        p.instruments[0].ticket.max = 55_900
        #expect(fields(p) == ["instruments[0].ticket.max"])
    }

    @Test func ceilingCurrencyOrYearWithoutRateIsRefused() {
        var p = japan
        p.instruments[0].ceiling = Ceiling(amount: 10_000_000, currency: "JPY", year: 2025, provenance: Provenance(source: "s1"))
        #expect(fields(p) == ["instruments[0].ceiling.currency"])
        #expect(checker.check(p)[0].message.contains("no rate for JPY"))
        p.instruments[0].ceiling = Ceiling(amount: 100_000, currency: "EUR", year: 2019, provenance: Provenance(source: "s1"))
        #expect(fields(p) == ["instruments[0].ceiling.currency"])
        #expect(checker.check(p)[0].message.contains("no rate for EUR in 2019"))
    }

    @Test func needBudgetCurrencyWithoutRateOrWrongRateIsRefused() {
        var n = Need(id: "n1", title: LocalizedText(en: "Road", vi: "Đường"), province: "son-la", applicant: .province,
                     sectors: [SectorShare(code: "21020", share: 100)], budgetUSD: 1_000_000, budgetInput: "VND 25 tỷ at 25,000 VND/USD",
                     instrument: .loan, date: "2025-05-01")
        #expect(checker.check(n).isEmpty)
        n.budgetInput = "JPY 149,655,000 at 149.655 JPY/USD"
        #expect(checker.check(n).map(\.field) == ["budgetInput"])
        #expect(checker.check(n)[0].message.contains("no rate for JPY"))
        n.budgetInput = "VND 25 tỷ at 24,000 VND/USD"
        #expect(checker.check(n).map(\.field) == ["budgetInput", "budgetUSD"])
        n.budgetInput = "VND 24 tỷ at 24,000 VND/USD (2024)"
        #expect(checker.check(n).isEmpty)
    }

    @Test func missingVietnameseNotesAndTermsAreRefused() {
        var p = japan
        p.notes = LocalizedText(en: "Apply through the embassy.")
        p.instruments[0].terms = LocalizedText(en: "grant, no repayment")
        #expect(fields(p) == ["instruments[0].terms.vi", "notes.vi"])
        p.notes?.vi = "Nộp hồ sơ qua Đại sứ quán."
        p.instruments[0].terms?.vi = "viện trợ không hoàn lại"
        #expect(fields(p).isEmpty)
        p.name.vi = nil
        #expect(fields(p) == ["name.vi"])
    }

    @Test func missingVietnameseWindowNoteIsRefused() {
        var p = japan
        p.applicationWindows[0].note = LocalizedText(en: "One application per fiscal year.")
        #expect(fields(p) == ["applicationWindows[0].note.vi"])
        p.applicationWindows[0].note?.vi = "Mỗi năm tài khóa nộp một hồ sơ."
        #expect(fields(p).isEmpty)
    }

    @Test func activeWindowWithoutCommitmentForFiveYearsIsRefused() {
        var p = sfd
        p.instruments[0].status = InstrumentStatus(state: .active, lastCommitment: "2018-05", asOf: "2026-12-07", provenance: Provenance(source: "s1"))
        #expect(fields(p) == ["instruments[0].status.state"])
        p.instruments[0].status?.state = .dormant
        #expect(fields(p).isEmpty)
        p.instruments[0].status = InstrumentStatus(state: .active, lastCommitment: "2022", asOf: "2026-12-07", provenance: Provenance(source: "s1"))
        #expect(fields(p).isEmpty)
        p.instruments[0].status?.asOf = "2027-01-05"
        #expect(fields(p) == ["instruments[0].status.asOf"])
    }

    /// A partner requirement must name a partner of the catalog; the error says which.
    @Test func requirementNamingAnUnknownPartnerIsRefused() throws {
        let text = String(decoding: Fixtures.bytes("partners/japan-grassroots.json"), as: UTF8.self)
        var p = try RecordFile(reference: Fixtures.reference).partners(from: Array(text.utf8), file: "j.json")
        p[0].eligibility.alongsideLoanFrom = [p[0].id, "no-such-bank"]
        let errors = checker.check(partners: [.init(file: "j.json", json: nil, records: p)], needs: [])
        #expect(errors.count == 1)
        #expect(errors.first?.description.contains("eligibility.alongsideLoanFrom[1]: \"no-such-bank\" is not a partner of the catalog") == true)
    }

    @Test func problemsAreLocatedInTheirFile() throws {
        let text = String(decoding: Fixtures.bytes("partners/japan-grassroots.json"), as: UTF8.self)
            .replacingOccurrences(of: ", \"status\": {\"state\": \"active\", \"lastCommitment\": \"2025-03\", \"asOf\": \"2026-11-30\", \"provenance\": {\"source\": \"s1\"}}", with: "")
        let json = try JSONParser.parse(Array(text.utf8))
        let p = try RecordFile(reference: Fixtures.reference).partners(from: Array(text.utf8), file: "j.json")
        let errors = checker.check(partners: [.init(file: "j.json", json: json, records: p)], needs: [])
        #expect(errors.map(\.description) == ["j.json:7:19: partner \"japan-grassroots\", field instruments[0].status: missing; expected the instrument's status for Viet Nam: {\"state\": active|dormant|closed, \"lastCommitment\": YYYY[-MM[-DD]], \"asOf\": YYYY-MM-DD, \"provenance\": {...}}"])
    }

    @Test func staleFactsAreListedOldestFirst() {
        var p = sfd
        p.sources.append(Source(id: "s2", title: "Old annual report", url: "https://example.org/2019", checked: "2021-06-30"))
        p.recentVolume?.provenance.source = "s2"
        let stale = checker.staleFacts([p, japan], olderThan: 3)
        #expect(stale.map(\.field) == ["recentVolume"])
        #expect(stale.first?.checked == "2021-06-30" && stale.first?.source == "s2" && stale.first?.partner == "sfd-loans")
        #expect(checker.staleFacts([p, japan], olderThan: 6).isEmpty)
        // With 0 years every sourced figure checked before today is listed.
        #expect(checker.staleFacts([japan], olderThan: 0).map(\.field) == ["applicationWindows[0]", "instruments[0].status", "instruments[0].ticket"])
    }

    @Test func checkedRangeIsOldestAndNewest() {
        var p = sfd
        p.sources.append(Source(id: "s2", title: "Old", url: "https://example.org/2019", checked: "2021-06-30"))
        #expect(DataCheck.checkedRange(p)! == ("2021-06-30", "2026-11-30"))
    }

    // MARK: Reference files

    @Test func ratesAreUniqueSourcedAndContinuous() {
        var r = DataCheckTests.reference
        #expect(DataCheck(reference: r, today: "2026-12-07").checkRates().map(\.field) == ["rates[0].estimate", "rates[1].estimate", "rates[2].estimate"])
        let base = RateTable.Rate(currency: "EUR", year: 2024, perUSD: 0.92, source: "ECB", estimate: false)
        r.rates = RateTable(rates: [base, .init(currency: "EUR", year: 2025, perUSD: 0.9, source: "ECB", estimate: false)])
        #expect(DataCheck(reference: r, today: "2026-12-07").checkRates().isEmpty)
        r.rates = RateTable(rates: [base, .init(currency: "EUR", year: 2025, perUSD: 2.0, source: nil, estimate: false), base])
        #expect(DataCheck(reference: r, today: "2026-12-07").checkRates().map(\.field) == ["rates[1].source", "rates[2]", "rates[1].perUSD"])
    }

    @Test func sectorTaxonomyStructure() {
        let issues = checker.checkSectors()
        // The fixture taxonomy is partial and has no retired flags: all of that is reported.
        #expect(issues.contains { $0.field == "groups" })
        #expect(issues.contains { $0.field == "codes[0].retired" })
        var r = DataCheckTests.reference
        r.sectors = SectorTaxonomy(groups: r.sectors.groups, categories: r.sectors.categories + [.init(code: "241", group: "200", en: "Banking", vi: nil, retired: false)], codes: [])
        let more = DataCheck(reference: r, today: "2026-12-07").checkSectors()
        #expect(more.contains { $0.field.hasSuffix(".vi") && $0.message.contains("241") })
    }

    @Test func gazetteerKeysAndMergers() {
        var g = DataCheckTests.reference.provinces
        let base = DataCheck(reference: DataCheckTests.reference, today: "2026-12-07").checkProvinces(raw: nil).map(\.field)
        #expect(!base.contains { $0.hasPrefix("notProvinces") || $0.hasPrefix("aliases") })
        g = Gazetteer(units: g.units, former: g.former, aliases: g.aliases + [.init(text: "Sơn La", province: g.units.first { $0.id != "son-la" }!.id)],
                      notProvinces: g.notProvinces + [.init(text: "Tỉnh Sơn La", note: "wrong")])
        var r = DataCheckTests.reference
        r.provinces = g
        let issues = DataCheck(reference: r, today: "2026-12-07").checkProvinces(raw: nil).map(\.field)
        #expect(issues.contains("aliases[\(g.aliases.count - 1)].text"))
        #expect(issues.contains("notProvinces[\(g.notProvinces.count - 1)].text"))
    }

    @Test func sectorsAgainstTheIATICodelist() {
        func xml(_ items: [(String, String)]) -> [UInt8] {
            Array(("<codelist><codelist-items>" + items.map { "<codelist-item status=\"\($1)\"><code>\($0)</code><name><narrative>x</narrative></name></codelist-item>" }.joined() + "</codelist-items></codelist>").utf8)
        }
        #expect(checker.checkSectors(againstIATICodelist: xml([("11220", "active"), ("23030", "withdrawn")]), file: "Sector.xml").isEmpty)
        let issues = checker.checkSectors(againstIATICodelist: xml([("11220", "withdrawn"), ("23030", "withdrawn"), ("99999", "active")]), file: "Sector.xml")
        #expect(issues.map(\.field) == ["codes[0].retired", "codes"])
        #expect(issues[1].message.contains("99999"))
        let csv = "id,Aid_Data_purposecode\n1,11220\n2,12345\n3,\n"
        #expect(checker.checkSectors(usedIn: csv, column: "Aid_Data_purposecode", file: "k.csv").map(\.message) == ["12345, used in k.csv, is missing; expected every code the evidence uses"])
    }

    @Test func evidenceProvinceStringsMustResolve() throws {
        let xml = """
            <iati-activities><iati-activity><recipient-country code="VN"/><location><name>Sơn La</name></location><location><name>Sông Đà</name></location></iati-activity>\
            <iati-activity><recipient-country code="LA"/><location><name>Vientiane</name></location></iati-activity></iati-activities>
            """
        let names = try DataCheck.vietNamLocationNames(iatiXML: Array(xml.utf8))
        #expect(names == ["Sơn La", "Sông Đà"])
        let issues = checker.checkProvinceStrings(["adb.xml": names])
        #expect(issues.count == 1)
        #expect(issues.first?.message.hasPrefix("\"Sông Đà\" in adb.xml neither resolves to a unit nor is listed as not a province") == true)
        var r = DataCheckTests.reference
        let g = r.provinces
        r.provinces = Gazetteer(units: g.units, former: g.former, aliases: g.aliases, notProvinces: g.notProvinces + [.init(text: "Sông Đà", note: "a river")])
        #expect(DataCheck(reference: r, today: "2026-12-07").checkProvinceStrings(["adb.xml": names]).isEmpty)
    }
}
