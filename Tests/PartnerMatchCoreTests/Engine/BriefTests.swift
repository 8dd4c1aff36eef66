import Foundation
import PartnerMatchTestSupport
import Testing
@testable import PartnerMatchCore

/// The meeting brief and the ranking renderers on the fixture catalog.
///
/// The Markdown brief is compared with `Golden/brief-sla-tea.en.md` and
/// `Golden/brief-sla-roads.vi.md`; run with `PARTNERMATCH_RECORD=1` to rewrite them.
@Suite struct BriefTests {
    let catalog = EngineFixtures.catalog()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func brief(_ need: Need, _ l: Language) -> MeetingBrief {
        MeetingBrief(need: need, ranking: catalog.rank(need, top: 10, explain: true), catalog: catalog, language: l)
    }

    func compareGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let difference = Golden.check(text, against: Self.golden.appendingPathComponent(name).path) {
            Issue.record(Comment(rawValue: difference), sourceLocation: sourceLocation)
        }
    }

    @Test func goldenMarkdownBrief() throws {
        compareGolden(brief(EngineFixtures.tea, .en).markdown(), "brief-sla-tea.en.md")
        compareGolden(brief(EngineFixtures.roads, .vi).markdown(), "brief-sla-roads.vi.md")
    }

    @Test func mostRelevantPastProjects() {
        // Tea (32161 70%, 31120 30%) against agri-fund's projects:
        // a1 (31120): 0.7 x 0.25 (group 300) + 0.3 x 1 = 0.475;
        // a2 (32161 50%, 14030 50%): 0.7 x 0.5 + 0.3 x 0.25 x 0.5 = 0.3875;
        // a3 (21020) shares nothing with the need and is not shown.
        let all = PastProject.mostRelevant(EvidenceFeatureTests.agriFund, to: EngineFixtures.tea, taxonomy: EngineFixtures.sectors)
        #expect(all.map(\.identifier) == ["a1", "a2"])
        #expect(abs(all[0].overlap - 0.475) < 1e-9 && abs(all[1].overlap - 0.3875) < 1e-9)
        #expect(PastProject.mostRelevant(EvidenceFeatureTests.agriFund, to: EngineFixtures.tea, taxonomy: EngineFixtures.sectors, until: 2001).map(\.identifier) == ["a1"])
        // Up to 2000 agri-fund has nothing on record: no line at all; the roads need
        // finds a3 only.
        let byPartner = PastProject.byPartner(["agri-fund": EvidenceFeatureTests.agriFund], to: EngineFixtures.tea, taxonomy: EngineFixtures.sectors, until: 2000)
        #expect(byPartner.isEmpty)
        #expect(PastProject.mostRelevant(EvidenceFeatureTests.agriFund, to: EngineFixtures.roads, taxonomy: EngineFixtures.sectors).map(\.identifier) == ["a3"])
    }

    @Test func briefShowsPastProjectsWhenThereIsEvidence() {
        let past = PastProject.byPartner(["agri-fund": EvidenceFeatureTests.agriFund, "climate-facility": []], to: EngineFixtures.tea, taxonomy: EngineFixtures.sectors)
        let b = MeetingBrief(need: EngineFixtures.tea, ranking: catalog.rank(EngineFixtures.tea, top: 10, explain: true), catalog: catalog, language: .en, pastProjects: past.merging(["climate-facility": []]) { a, _ in a })
        let md = b.markdown()
        #expect(md.contains("- **Past projects**: 2001 Project a1 (USD 1,000,000); 2002 Project a2 (USD 3,000,000)\n"))
        #expect(md.contains("- **Past projects**: none in the need's sectors\n"))
        #expect(b.html().contains("<p><b>Past projects:</b> 2001 Project a1 (USD 1,000,000); 2002 Project a2 (USD 3,000,000)</p>"))
        var vi = b
        vi.language = .vi
        #expect(vi.markdown().contains("- **Dự án trước đây**: 2001 Project a1 (USD 1.000.000); 2002 Project a2 (USD 3.000.000)\n"))
        // Without evidence the brief is as before.
        #expect(!brief(EngineFixtures.tea, .en).markdown().contains("Past projects"))
    }

    @Test func htmlIsWellFormedAndNamesEveryTopPartner() throws {
        for need in [EngineFixtures.tea, EngineFixtures.roads, EngineFixtures.water] {
            for l in Language.allCases {
                let b = brief(need, l)
                let html = b.html()
                #expect(TagBalance.check(html) == nil, "\(need.id) \(l): \(TagBalance.check(html) ?? "")")
                #expect(html.contains("@page { size: A4"))
                #expect(!html.contains("http://") || !html.contains("<link"))
                #expect(!html.contains("<script"))
                for e in b.ranking.entries {
                    let name = BriefText.escapeHTML(catalog.partner(id: e.partnerID)!.name.text(l))
                    #expect(html.contains(name), "\(e.partnerID) missing")
                }
                #expect(html.contains(b.ranking.shortHash))
                #expect(html.components(separatedBy: "<svg class=\"bar\"").count - 1 == b.ranking.entries.count)
            }
        }
    }

    @Test func htmlEscapesText() {
        var need = EngineFixtures.tea
        need.title = LocalizedText(en: "Tea <script>alert('x')</script> & co")
        let html = brief(need, .en).html()
        #expect(!html.contains("<script>"))
        #expect(html.contains("Tea &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
    }

    @Test func vietnameseNumbersAndDates() {
        #expect(BriefText.usd(1_234_567, .vi) == "USD 1.234.567")
        #expect(BriefText.date("2017-03-20", .vi) == "20/3/2017")
        #expect(BriefText.date("2017-03-20", .en) == "20 March 2017")
        #expect(BriefText.date("03-01", .vi) == "1/3")
        #expect(BriefText.score(82.44, .vi) == "82,4")
    }

    @Test func rendererFormats() throws {
        let ranking = catalog.rank(EngineFixtures.tea, top: 3, explain: true, showExcluded: true)
        let table = RankingRenderer.render(ranking, format: .table, catalog: catalog)
        #expect(table.hasPrefix("#  partner"))
        #expect(table.contains("agri-fund"))
        #expect(table.contains("rule default 1.1 · catalog sha256:\(ranking.shortHash)"))
        let csv = RankingRenderer.render(ranking, format: .csv, catalog: catalog)
        #expect(csv.split(separator: "\n").count == ranking.entries.count + 1)
        let json = RankingRenderer.render(ranking, format: .json, catalog: catalog)
        let parsed = try JSONParser.parse(json)
        #expect(parsed["catalogSHA256"] != nil)
        if case .array(let entries)? = parsed["entries"]?.node { #expect(entries.count == ranking.entries.count) } else { Issue.record("no entries") }
        let md = RankingRenderer.render(ranking, format: .markdown, catalog: catalog)
        #expect(md.contains("| 1 | Agri Fund (`agri-fund`)"))
    }

    /// `rank --explain` in the table format: a points table per partner whose points sum
    /// to the score; without it, no points table.
    @Test func explainPrintsEachPartnersPoints() throws {
        let ranking = catalog.rank(EngineFixtures.tea, top: 3, explain: true)
        let plain = RankingRenderer.render(ranking, format: .table, catalog: catalog)
        let table = RankingRenderer.render(ranking, format: .table, catalog: catalog, points: true)
        #expect(!plain.contains("points"))
        let first = try #require(ranking.entries.first)
        let x = try #require(first.explanation)
        #expect(table.contains("\n1. Agri Fund (agri-fund)\n"))
        #expect(table.contains("    feature"))
        for f in x.features { #expect(table.contains(f.feature.name(.en))) }
        // The points printed under the first partner sum to its printed score.
        let block = table.components(separatedBy: "\n1. Agri Fund (agri-fund)\n")[1].components(separatedBy: "\n\n")[0]
        let lines = block.split(separator: "\n").dropFirst()
        let points = lines.dropLast().compactMap { Double($0.split(separator: " ").last ?? "") }
        #expect(points.count == x.features.count)
        let score = try #require(Double(lines.last?.split(separator: " ").last ?? ""))
        #expect(abs(score - (first.score * 10).rounded() / 10) < 0.001)
        #expect(abs(points.reduce(0, +) - score) <= 0.05 * Double(points.count) + 0.001)
        let md = RankingRenderer.render(ranking, format: .markdown, catalog: catalog, language: .vi, points: true)
        #expect(md.contains("| tiêu chí | giá trị | điểm |"))
    }
}

/// A tiny HTML tag-balance checker: every opened element is closed in order, void
/// elements excepted; comments, the doctype and `<style>` content are skipped.
enum TagBalance {
    static let void: Set<String> = ["meta", "br", "img", "hr", "link", "input", "col", "area", "base", "wbr", "source"]

    /// nil when balanced, else what went wrong.
    static func check(_ html: String) -> String? {
        var stack: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return "unclosed comment" }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { return "unclosed tag" }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            let selfClosing = tag.hasSuffix("/")
            let isEnd = tag.hasPrefix("/")
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if name.isEmpty { return "bad tag <\(tag)>" }
            if isEnd {
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else if !selfClosing && !void.contains(name) {
                stack.append(name)
                if name == "style" || name == "script" {
                    guard let end = rest.range(of: "</\(name)>") else { return "unclosed <\(name)>" }
                    rest = rest[end.lowerBound...]
                }
            }
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "> <"))>"
    }
}
