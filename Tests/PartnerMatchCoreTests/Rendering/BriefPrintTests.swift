import Foundation
import Testing
@testable import PartnerMatchCore

/// The printed brief and the dossier (issue 18, items 13-16): body text of 9 pt or more,
/// nothing cut inside a word, partners left out rather than shrunk, page breaks, the
/// meeting facts, bars that survive a black-and-white printer, and Vietnamese throughout.
@Suite struct BriefPrintTests {
    let catalog = EngineFixtures.catalog()

    func brief(_ need: Need, _ l: Language, pages: Int = 1, prepared: String? = "2026-12-08") -> MeetingBrief {
        MeetingBrief(need: need, ranking: catalog.rank(need, top: 10, explain: true, showExcluded: true), catalog: catalog, language: l, prepared: prepared, pages: pages)
    }

    // MARK: Item 13: legible print

    @Test func noFontSizeBelowNinePoints() throws {
        let sizes = MeetingBrief.style.matches(of: #/font-size: ([0-9.]+)pt/#).map { Double($0.1)! }
        #expect(!sizes.isEmpty)
        #expect(sizes.allSatisfy { $0 >= 9 }, "\(sizes)")
        #expect(MeetingBrief.style.contains("body { font-family: \"Noto Sans\", \"DejaVu Sans\", Arial, sans-serif; font-size: 9.0pt"))
    }

    @Test(arguments: ["Upgrading 360 Kindergartens in the northern mountains", "a b c d e f g h", "Supercalifragilistic expialidocious words", "x", "short"])
    func clipNeverCutsInsideAWord(text: String) {
        for n in 1...text.count + 2 {
            let c = BriefText.clipAtWord(text, n)
            if c == text { continue }
            #expect(c.hasSuffix("…"))
            let kept = String(c.dropLast())
            #expect(text.hasPrefix(kept), "\(n): \(c)")
            // What is kept ends where a word ends: at the text's end or before a space.
            let next = text.dropFirst(kept.count).first
            #expect(next == " " || next == nil || kept.last.map { ",;:–-(".contains($0) } == true || text.dropFirst(kept.count).hasPrefix(" "), "\(n): \(c)")
            #expect(!kept.isEmpty)
        }
        #expect(BriefText.clipAtWord("Upgrading 360 Kindergartens", 16) == "Upgrading 360…")
    }

    /// Every "…" of the printed page follows a whole word of the unclipped text, which the
    /// Markdown brief holds in full.
    @Test func printedTextIsCutOnlyAfterWholeWords() {
        for need in [EngineFixtures.tea, EngineFixtures.roads, EngineFixtures.water] {
            for l in Language.allCases {
                var b = brief(need, l)
                let html = b.html()
                b.pages = 2
                let full = b.markdown()
                for m in html.matches(of: #/([^\s>]+)…/#) {
                    let word = String(m.1)
                    #expect(full.contains(word + " ") || full.contains(word + ",") || full.contains(word + ";") || full.contains(word + ".") || full.contains(word + "\n"),
                            "\(need.id) \(l): \"\(word)…\" is not a whole word")
                }
            }
        }
    }

    /// Ten partners with long entries: one page at 9 pt holds only some, named instead;
    /// two pages hold more.
    static let wordyCatalog: CompiledCatalog = {
        let base = EngineFixtures.partners[0]
        let partners = (1...10).map { i -> Partner in
            var p = base
            p.id = "road-bank-\(i)"
            p.name = LocalizedText(en: "Road Bank programme number \(i) for rural roads, bridges and mountain passes", vi: "Ngân hàng Đường bộ chương trình số \(i) cho đường nông thôn, cầu và đèo núi")
            p.applicationWindows = [ApplicationWindow(kind: .rolling, note: LocalizedText(en: "Requests go from the province through the Ministry of Finance and the Ministry of Planning, which negotiate with the bank", vi: "Đề xuất đi từ tỉnh qua Bộ Tài chính"))]
            return p
        }
        return EngineFixtures.catalog(partners: partners)
    }()

    @Test func fewerPartnersRatherThanSmallerPrint() {
        let c = Self.wordyCatalog
        let r = c.rank(EngineFixtures.roads, top: 10, explain: true, showExcluded: true)
        #expect(r.entries.count == 10)
        let one = MeetingBrief(need: EngineFixtures.roads, ranking: r, catalog: c, language: .en, pages: 1)
        let two = MeetingBrief(need: EngineFixtures.roads, ranking: r, catalog: c, language: .en, pages: 2)
        let plan1 = one.layout(), plan2 = two.layout()
        #expect(plan1.pages.count == 1)
        #expect(!plan1.omitted.isEmpty && !plan1.pages[0].isEmpty)
        #expect(plan1.pages[0].count + plan1.omitted.count == 10)
        #expect(plan2.pages.count == 2)
        #expect(plan2.pages.joined().count > plan1.pages[0].count)
        #expect(one.printedPartners == plan1.pages[0].count)
        // The estimate of each page stays within A4.
        for plan in [plan1, plan2] {
            #expect(plan.pages[0].count % 2 == 0 || plan.pages.count == 1)
        }
        let html = one.html()
        for b in plan1.omitted {
            #expect(html.contains(BriefText.escapeHTML("\(b.entry.rank). \(b.partner.name.text(.en)) (")))
            #expect(!html.contains("<h2><span>\(b.entry.rank). "))
        }
        #expect(html.contains("brief --pages 2 prints them"))
        #expect(two.html().components(separatedBy: "<section class=\"page brief\"").count - 1 == 2)
        #expect(two.html().contains("(continued)"))
    }

    @Test func pageEstimateGrowsWithText() {
        let w = MeetingBrief.Print.columnWidth
        #expect(MeetingBrief.Print.lines("short", width: w) == 1)
        let long = Array(repeating: "word", count: 200).joined(separator: " ")
        #expect(MeetingBrief.Print.lines(long, width: w) > MeetingBrief.Print.lines(long, width: w * 2))
        #expect(MeetingBrief.Print.lines(String(repeating: "x", count: 400), width: w) >= 4)
        #expect(MeetingBrief.Print.width("Việt", size: 9) > MeetingBrief.Print.width("Viet", size: 9))
    }

    /// A partner never spans a page, pages break with CSS, and the first page's head is
    /// printed once.
    @Test func pageBreakStructure() {
        let b = brief(EngineFixtures.tea, .en, pages: 2)
        let html = b.html()
        #expect(MeetingBrief.style.contains(".page { break-after: page; page-break-after: always; }"))
        #expect(MeetingBrief.style.contains(".partner { break-inside: avoid;"))
        let pages = html.components(separatedBy: "<section class=\"page brief\"").count - 1
        #expect(pages == b.layout().pages.count)
        #expect(html.components(separatedBy: "<h1>").count == 2)
        #expect(html.components(separatedBy: "<footer>").count == 2)
        #expect(TagBalance.check(html) == nil, "\(TagBalance.check(html) ?? "")")
    }

    // MARK: Item 14: meeting facts

    @Test func meetingFactsInEnglish() {
        let b = brief(EngineFixtures.roads, .en)
        let html = b.html(), md = b.markdown()
        // Road Bank: 15% counterpart of USD 12,000,000 = USD 1,800,000; the need plans 2M.
        #expect(html.contains("<p><b>Eligibility:</b> no sovereign guarantee; counterpart at least 15%; applicants: a province, a ministry</p>"))
        #expect(html.contains("<p><b>Counterpart to raise:</b> USD 1,800,000 (15% of the budget); the need plans USD 2,000,000: enough</p>"))
        #expect(md.contains("- **Counterpart to raise**: USD 1,800,000 (15% of USD 12,000,000); the need plans USD 2,000,000: enough\n"))
        // Ask: the budget less the larger counterpart (2M), within the concessional ticket.
        #expect(md.contains("- **Ask for**: \(Instrument.concessionalLoan.name(.en)) USD 10,000,000 (the budget less USD 2,000,000 counterpart; tickets USD 9.5-13.6M)\n"), "\(md)")
        #expect(html.contains("<p><b>Apply:</b> rolling, any time</p>"))
        #expect(html.contains("Prepared 8 December 2026"))
        #expect(html.contains("Facts as of 20 March 2026"))
        #expect(md.contains("Prepared 8 December 2026 · partners' facts as of (sources checked): 20 March 2026"))
        // Who is excluded and why, on one line, counted by filter.
        let x = b.excludedLine
        #expect(x != nil)
        #expect(x?.text.hasPrefix("\(b.ranking.excludedCount) of \(b.ranking.partnerCount): ") == true)
        #expect(x?.text.contains("partnermatch rank sla-roads --show-excluded") == true)
        #expect(!(x?.text.contains("\n") ?? true))
        #expect(html.contains("<dt>Excluded</dt>"))
    }

    @Test func excludedLineWithoutTheRankingsExclusions() {
        // A ranking made without showExcluded: the brief asks the catalog.
        let r = catalog.rank(EngineFixtures.roads, top: 10, explain: true)
        let b = MeetingBrief(need: EngineFixtures.roads, ranking: r, catalog: catalog, language: .en)
        #expect(b.excludedLine?.text == brief(EngineFixtures.roads, .en).excludedLine?.text)
    }

    @Test func askStopsAtTheTicketMaximum() {
        var need = EngineFixtures.roads
        need.budgetUSD = 40_000_000
        need.counterpartUSD = nil
        let b = brief(need, .en)
        let bank = catalog.partner(id: "road-bank-loans")!
        // 40M less 15% = 34M, above the non-concessional minimum of 20M and below 100M;
        // the concessional window (max 13.6M) would need other sources.
        let ask = b.ask(bank).text
        #expect(ask.contains("USD 34,000,000"), "\(ask)")
        #expect(b.counterpartToRaise(bank) == "USD 6,000,000 (15% of USD 40,000,000); the need states no counterpart")
    }

    /// A partner with no points still says why: its largest shortfall.
    @Test func aPartnerWithoutPointsSaysWhatItLacks() {
        let r = catalog.rank(EngineFixtures.tea, top: 10, explain: true)
        for e in r.entries {
            let why = MeetingBrief.why(e.explanation!, .en)
            #expect(!why.isEmpty, "\(e.partnerID)")
            if e.score == 0 { #expect(why.hasPrefix("short: ") || e.explanation!.dormancy != nil, "\(e.partnerID): \(why)") }
        }
        let html = brief(EngineFixtures.tea, .en, pages: 2).html()
        #expect(!html.contains("<p><b>Why:</b> </p>"))
    }

    @Test func askChoosesTheOfferNearestTheAmount() {
        var need = EngineFixtures.roads
        need.budgetUSD = 17_000_000
        need.counterpartUSD = nil
        let bank = catalog.partner(id: "road-bank-loans")!
        // 17M less 15% = 14.45M: 6% above the concessional maximum (13.6M), 38% below the
        // non-concessional minimum (20M): ask the concessional window for its maximum.
        let ask = brief(need, .en).ask(bank).text
        #expect(ask.hasPrefix("\(Instrument.concessionalLoan.name(.en)) USD 13,600,000, its maximum ("), "\(ask)")
        #expect(ask.hasSuffix("USD 850,000 left to other sources"), "\(ask)")
    }

    @Test func vietnameseBriefHasNoEnglishLabels() {
        for need in [EngineFixtures.tea, EngineFixtures.roads, EngineFixtures.water] {
            let b = brief(need, .vi, pages: 2)
            let html = b.html(), md = b.markdown()
            for label in ["Điều kiện", "Vốn đối ứng tỉnh cần huy động", "Đề nghị", "Nộp hồ sơ", "Lập ngày 8/12/2026", "Thanh điểm", "Thông tin tính đến"] {
                #expect(html.contains(label), "\(need.id): \(label)")
            }
            for english in ["Eligibility", "Counterpart", "Ask for", "Apply:", "Prepared", "Excluded", "Facts as of", "sources:", "tickets", "sovereign", "applicants", "the budget", "not printed", "Bars:", "continued"] {
                #expect(!html.contains(english), "\(need.id) html: \(english)")
                #expect(!md.contains(english), "\(need.id) md: \(english)")
            }
        }
        let roads = brief(EngineFixtures.roads, .vi).html()
        #expect(roads.contains("<p><b>Vốn đối ứng tỉnh cần huy động:</b> USD 1.800.000 (15% ngân sách); nhu cầu đã dự kiến USD 2.000.000: đủ</p>"))
        #expect(roads.contains("<dt>Bị loại</dt>"))
    }

    @Test func conversionNoteInTheVietnameseBrief() throws {
        let rates = RateTable(rates: [.init(currency: "VND", year: 2025, perUSD: 25_000)])
        let vnd = try AmountSyntax.parse("50 tỷ", rates: rates)
        var need = EngineFixtures.tea
        need.date = nil
        need.budgetInput = vnd.conversionNote
        #expect(BriefText.conversionNote(vnd.conversionNote!, need: need, rates: rates, .vi) == "VND 50.000.000.000 theo tỷ giá 25.000 VND/USD (2025)")
        #expect(BriefText.conversionNote("as written by hand", need: need, rates: rates, .vi) == "as written by hand")
        #expect(BriefText.conversionNote(vnd.conversionNote!, need: need, rates: rates, .en) == vnd.conversionNote)
        // The brief reads the note with the catalog's rates.
        var reference = EngineFixtures.reference
        reference.rates = rates
        let c = CompiledCatalog(partners: EngineFixtures.partners, reference: reference, rule: EngineFixtures.defaultRule, evidence: [:])
        let md = MeetingBrief(need: need, ranking: c.rank(need, top: 3, explain: true), catalog: c, language: .vi).markdown()
        let vi = "VND 50.000.000.000 theo tỷ giá 25.000 VND/USD (2025)"
        #expect(md.contains("[\(vi)]"))
    }

    // MARK: Item 15: bars in black and white

    @Test func barsCarryPatternsLabelsAndALegend() {
        let b = brief(EngineFixtures.tea, .en)
        let html = b.html()
        let e = b.entries[0].explanation
        let bar = MeetingBrief.bar(e, .en)
        for f in e.features where f.contribution > 0 {
            #expect(bar.contains("fill=\"url(#pm-\(f.feature.rawValue))\""))
            // A segment wide enough carries its points.
            if f.contribution >= 8 { #expect(bar.contains(">\(Int(f.contribution.rounded()))</text>"), "\(f.feature)") }
        }
        // Each used feature has its own pattern, defined once, and a legend swatch.
        #expect(html.components(separatedBy: "<pattern id=").count - 1 == Feature.allCases.count)
        for f in catalog.rule.features.used {
            #expect(html.contains("<rect width=\"48\" height=\"32\" fill=\"url(#pm-\(f.rawValue))\""))
        }
        let marks = Feature.allCases.map(MeetingBrief.hatch)
        #expect(Set(marks).count == marks.count, "every feature has its own mark")
        // No stretched text: the bar keeps its aspect ratio.
        #expect(!bar.contains("preserveAspectRatio=\"none\""))
    }

    @Test func scoreHasItsOwnColumnBesideALongTitle() {
        let html = brief(EngineFixtures.tea, .en).html()
        #expect(MeetingBrief.style.contains("grid-template-columns: minmax(0, 1fr) auto"))
        #expect(html.contains("<span class=\"score\">"))
    }

    // MARK: Item 16: the dossier

    @Test func dossierCoverRanksNeedsByBestMatch() {
        let needs: [Need] = [EngineFixtures.water, EngineFixtures.tea, EngineFixtures.roads]
        let ranked: [(need: Need, ranking: Ranking)] = needs.map { n in (need: n, ranking: catalog.rank(n, top: 5, explain: true, showExcluded: true)) }
        let d = MeetingDossier(ranked: ranked, catalog: catalog, language: .en, prepared: "2026-12-08")
        let scored: [(id: String, score: Double)] = ranked.map { r in (id: r.need.id, score: r.ranking.entries.first?.score ?? -1) }
        let best: [String] = scored.sorted { a, b in a.score != b.score ? a.score > b.score : a.id < b.id }.map(\.id)
        #expect(d.coverOrder.map(\.need.id) == best)
        let html = d.html()
        #expect(TagBalance.check(html) == nil, "\(TagBalance.check(html) ?? "")")
        #expect(html.contains("<section class=\"page cover\">"))
        #expect(html.components(separatedBy: "<section class=\"page brief\"").count - 1 == 3)
        #expect(html.components(separatedBy: "<style>").count == 2)
        #expect(html.contains("Prepared 8 December 2026"))
        // The need pages follow the cover's order.
        let positions = best.map { html.range(of: "data-need=\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
        for row in d.coverRows {
            #expect(html.contains("<td class=\"num\">\(row.rank)</td><td>\(BriefText.escapeHTML(row.need))</td>"))
        }
        let strong = ranked.filter { $0.ranking.hasStrongMatch }.count
        #expect(d.coverSummary.hasPrefix("3 needs: \(strong) fundable"))
        let vi = MeetingDossier(ranked: ranked, catalog: catalog, language: .vi, prepared: "2026-12-08").html()
        #expect(vi.contains("Hồ sơ cuộc họp") && vi.contains("Lập ngày 8/12/2026") && !vi.contains("Meeting dossier"))
        let md = d.markdown()
        #expect(md.hasPrefix("# Meeting dossier"))
        #expect(md.components(separatedBy: "\n---\n\n# Partner shortlist: ").count == 4)
    }

    @Test func dossierPrintsEachNeedOnOnePage() {
        var two = brief(EngineFixtures.roads, .en, pages: 2)
        two.pages = 2
        let d = MeetingDossier(briefs: [two], language: .en)
        #expect(d.briefs.allSatisfy { $0.pages == 1 })
    }
}
