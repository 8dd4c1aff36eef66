import Foundation
import Testing
@testable import PartnerMatchCore

/// The meeting brief and the ranking renderers on the fixture catalog.
///
/// The Markdown brief is compared with `Golden/brief-sla-tea.en.md` and
/// `Golden/brief-sla-tea.vi.md`; run with `RECORD_GOLDEN=1` to rewrite them.
@Suite struct BriefTests {
    let catalog = EngineFixtures.catalog()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func brief(_ need: Need, _ l: Language) -> MeetingBrief {
        MeetingBrief(need: need, ranking: catalog.rank(need, top: 10, explain: true), catalog: catalog, language: l)
    }

    func compareGolden(_ text: String, _ name: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if text != expected {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name) differs at line \(i + 1):\n  got:      \(i < a.count ? String(a[i]) : "<end>")\n  expected: \(i < b.count ? String(b[i]) : "<end>")")
        }
    }

    @Test func goldenMarkdownBrief() throws {
        try compareGolden(brief(EngineFixtures.tea, .en).markdown(), "brief-sla-tea.en.md")
        try compareGolden(brief(EngineFixtures.roads, .vi).markdown(), "brief-sla-roads.vi.md")
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
                #expect(html.components(separatedBy: "<svg").count - 1 == b.ranking.entries.count)
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
