import Testing
@testable import PartnerMatchCore

/// Freshness and language of what `partners show` and the brief print: facts as of,
/// each instrument's status and ceiling, volumes with their year, and Vietnamese labels
/// and free text under `--lang vi`.
@Suite struct CatalogTextTests {
    static let reference: ReferenceData = {
        var r = EngineFixtures.reference
        r.rates = RateTable(rates: [.init(currency: "EUR", year: 2025, perUSD: 0.8, source: "fixture", estimate: false)])
        return r
    }()

    /// Agri Fund with two sources checked on different days, a dormant grant window with
    /// a EUR ceiling, bilingual terms, notes and window note, and a 2019 volume.
    static let partner: Partner = {
        var p = EngineFixtures.partners.first { $0.id == "agri-fund" }!
        p.sources.append(Source(id: "s2", title: "Annual report 2021", url: "https://example.org/ar2021", checked: "2024-06-30"))
        p.instruments[0].status = InstrumentStatus(state: .dormant, lastCommitment: "2019-05", asOf: "2026-11-30", provenance: Provenance(source: "s2", note: "no grant since 2019"))
        p.instruments[0].ceiling = Ceiling(amount: 2_400_000, currency: "EUR", year: 2025, provenance: Provenance(source: "s1"))
        p.instruments[0].terms = LocalizedText(en: "matching grant, 20% own share", vi: "viện trợ đối ứng, tự góp 20%")
        p.notes = LocalizedText(en: "Apply through the provincial DPI.", vi: "Nộp hồ sơ qua Sở Tài chính tỉnh.")
        p.recentVolume = VolumeFigure(usdPerYear: 8_100_000, year: 2019, provenance: Provenance(source: "s2"))
        if !p.applicationWindows.isEmpty { p.applicationWindows[0].note = LocalizedText(en: "one call a year", vi: "mỗi năm một đợt") }
        return p
    }()

    func card(_ l: Language) -> String { CatalogViews(reference: Self.reference, language: l).partnerCard(Self.partner) }

    @Test func cardShowsFreshnessStatusCeilingAndVolumeYear() {
        let en = card(.en)
        #expect(en.contains("Facts as of 2024-06-30 (oldest source checked; newest 2026-03-20)\n"))
        #expect(en.contains("    status: dormant, last commitment 2019-05, as of 2026-11-30 [s2]\n"))
        #expect(en.contains("    ceiling: EUR 2,400,000 (2025) = USD 3,000,000 at 0.8 EUR/USD [s1]\n"))
        #expect(en.contains("USD 8.1M a year (2019) [s2]"))
        #expect(en.contains("; matching grant, 20% own share"))
        #expect(en.contains("Notes: Apply through the provincial DPI."))
    }

    @Test func vietnameseCardHasNoEnglishLabelOrText() {
        let vi = card(.vi)
        #expect(vi.contains("Thông tin tính đến 2024-06-30 (nguồn cũ nhất; mới nhất 2026-03-20)\n"))
        #expect(vi.contains("    tình trạng: tạm ngừng, cam kết gần nhất 2019-05, tính đến 2026-11-30 [s2]\n"))
        #expect(vi.contains("    mức trần: EUR 2.400.000 (2025) = USD 3.000.000 theo tỷ giá 0,8 EUR/USD [s1]\n"))
        #expect(vi.contains("USD 8,1M mỗi năm (2019) [s2]"))
        #expect(vi.contains("; viện trợ đối ứng, tự góp 20%"))
        #expect(vi.contains("Ghi chú: Nộp hồ sơ qua Sở Tài chính tỉnh."))
        for english in ["Instruments", "status", "ceiling", "typical", "Facts as of", "Sector priorities", "Themes", "Eligibility",
                        "applicants", "Geography", "Recent volume", "a year", "Application windows", "Contacts", "Sources", "checked",
                        "Notes", "kind:", "origin:", "aliases", "grants", "matching grant", "Apply through", "one call a year", "fiscal year"] {
            #expect(!vi.contains(english), "\"\(english)\" in the Vietnamese card")
        }
    }

    @Test func briefShowsFreshnessAndStatusInBothLanguages() {
        var catalog = EngineFixtures.catalog(partners: EngineFixtures.partners.map { $0.id == "agri-fund" ? Self.partner : $0 })
        catalog = CompiledCatalog(partners: catalog.partners, reference: Self.reference, rule: catalog.rule)
        let need = EngineFixtures.tea
        func brief(_ l: Language) -> MeetingBrief { MeetingBrief(need: need, ranking: catalog.rank(need, top: 10, explain: true), catalog: catalog, language: l) }
        let en = brief(.en).markdown()
        #expect(en.contains("grants USD 200,000–3,000,000 (matching grant, 20% own share) — dormant, last commitment May 2019, as of 30 November 2026; ceiling EUR 2,400,000 (2025) = USD 3,000,000 at 0.8 EUR/USD"))
        #expect(en.contains("- Facts as of 30 June 2024 (oldest source checked; newest 20 March 2026)\n"))
        let vi = brief(.vi).markdown()
        #expect(vi.contains("viện trợ không hoàn lại USD 200.000–3.000.000 (viện trợ đối ứng, tự góp 20%) — tạm ngừng, cam kết gần nhất 5/2019, tính đến 30/11/2026; mức trần EUR 2.400.000 (2025) = USD 3.000.000 theo tỷ giá 0,8 EUR/USD"))
        #expect(vi.contains("- Thông tin tính đến 30/6/2024 (nguồn cũ nhất; mới nhất 20/3/2026)\n"))
        #expect(!vi.contains("matching grant") && !vi.contains("Facts as of") && !vi.contains("dormant"))
        let html = brief(.vi).html()
        // The printed page asks for the offer that answers the need, with its ceiling and
        // status; the facts' date heads the source line.
        #expect(html.contains("<p><b>Đề nghị:</b> viện trợ không hoàn lại USD 2.100.000 (mức tài trợ USD 200k-3M; mức trần EUR 2.400.000 (2025)); tạm ngừng, cam kết gần nhất 5/2019</p>"), "\(html)")
        #expect(html.contains("<p class=\"sources\">Thông tin tính đến 30/6/2024 (nguồn cũ nhất); nguồn:"))
    }
}
