import Foundation
import Hummingbird
import HummingbirdTesting
import PartnerMatchCore
import Testing
@testable import PartnerMatchWeb

/// Issue 19, the web desk: every page through Hummingbird's router test framework.
@Suite struct PageTests {
    typealias F = WebFixtures

    @Test func everyPageAnswers200AsHTMLWithoutExternalAssets() async throws {
        let app = F.app(try F.desk())
        try await app.test(.router) { client in
            for uri in ["/needs", "/needs?q=son+la", "/partners", "/partners?q=koica", "/partners/koica-grants", "/partners/sfd-loans",
                        "/needs/sla-road-01", "/needs/sla-road-01?rule=sector-heavy&compare=default&top=5", "/needs/sla-tea-03/brief"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    #expect(r.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
                    let html = r.text
                    #expect(html.hasPrefix("<!DOCTYPE html>"), "\(uri)")
                    // No script, no stylesheet, font or image from elsewhere.
                    #expect(!html.contains("<script"), "\(uri)")
                    #expect(!html.contains("<link"), "\(uri)")
                    // url() only of a fragment of the page itself (the bars' fill patterns).
                    #expect(!html.contains("@import") && html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") }, "\(uri)")
                    #expect(!html.contains("src=\"http"), "\(uri)")
                }
            }
            try await client.execute(uri: "/?lang=vi", method: .get) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/needs?lang=vi")
            }
        }
    }

    @Test func theNeedPageShowsRankingBarsReasonsExclusionsAndVerdict() async throws {
        let desk = try F.desk()
        let need = try #require(desk.need(id: "sla-road-01"))
        let catalog = try desk.catalog(desk.defaultRule)
        let ranking = catalog.rank(need, top: 10, explain: true, showExcluded: true)
        try #require(!ranking.entries.isEmpty)
        try #require(!ranking.excluded.isEmpty, "the fixture need should exclude a partner")
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/sla-road-01", method: .get) { r in
                let html = r.text
                // One stacked bar per ranked partner, and each partner's name linked.
                #expect(html.components(separatedBy: "<svg class=\"bar\"").count - 1 == ranking.entries.count)
                for e in ranking.entries { #expect(html.contains("href=\"/partners/\(e.partnerID)?lang=en\"")) }
                #expect(html.contains("class=\"verdict"))
                #expect(html.contains("Why:"))
                #expect(html.contains("Excluded partners and why"))
                for x in ranking.excluded { #expect(html.contains(HTML.text(RankingRenderer.exclusionText(x, .en)))) }
                // The rule picker lists the bundled rules; the brief and CSV are linked.
                #expect(html.contains("<option value=\"default\" selected>"))
                #expect(html.contains("<option value=\"sector-heavy\">"))
                #expect(html.contains("href=\"/needs/sla-road-01/brief?lang=en\""))
                #expect(html.contains("/needs/sla-road-01/ranking.csv?top=10&amp;lang=en"))
                // No dossier link while no renderer is wired.
                #expect(!html.contains("/dossier"))
            }
            try await client.execute(uri: "/needs/sla-road-01?compare=sector-heavy", method: .get) { r in
                #expect(r.text.contains("Side by side: default and sector-heavy"))
            }
        }
    }

    @Test func languageSwitchesEveryLabel() async throws {
        try await F.app(try F.desk()).test(.router) { client in
            try await client.execute(uri: "/needs/sla-road-01?lang=vi", method: .get) { r in
                let html = r.text
                #expect(html.contains("<html lang=\"vi\">"))
                #expect(html.contains("Đường giao thông liên xã Mường Lạn"))
                #expect(html.contains("Đối tác bị loại và lý do"))
                #expect(html.contains("Bản tóm tắt để in (A4)"))
                for english in ["Excluded partners", "Printable brief", "Ranked partners", "Why:", "Budget", "Province", "Rule<"] {
                    #expect(!html.contains(english), "\(english)")
                }
                // The switch back to English keeps the path.
                #expect(html.contains("href=\"/needs/sla-road-01?lang=en\""))
            }
            try await client.execute(uri: "/needs/sla-road-01?lang=en", method: .get) { r in
                #expect(r.text.contains("<html lang=\"en\">"))
                #expect(r.text.contains("Inter-commune road in Muong Lan"))
                #expect(r.text.contains("href=\"/needs/sla-road-01?lang=vi\""))
            }
            try await client.execute(uri: "/partners/koica-grants?lang=vi", method: .get) { r in
                #expect(r.text.contains("Hình thức, quy mô và tình trạng"))
                #expect(!r.text.contains("Instruments, tickets"))
            }
            try await client.execute(uri: "/needs/sla-road-01/brief?lang=vi", method: .get) { r in
                #expect(r.text.contains("<html lang=\"vi\">"))
            }
        }
    }

    @Test func theNeedsListSearchIgnoresDiacritics() async throws {
        try await F.app(try F.desk()).test(.router) { client in
            for q in ["muong+lan", "M%C6%B0%E1%BB%9Dng+L%E1%BA%A1n", "MUONG%20LAN"] {
                try await client.execute(uri: "/needs?q=\(q)", method: .get) { r in
                    #expect(r.text.contains("href=\"/needs/sla-road-01?lang=en\""), "\(q)")
                    #expect(r.text.contains("1 of 3 needs match"), "\(q)")
                }
            }
            try await client.execute(uri: "/needs?q=zzzz", method: .get) { r in
                #expect(r.text.contains("No need matches this search."))
            }
        }
    }

    @Test func userAndCatalogTextIsEscaped() async throws {
        var evil = Need(id: "evil-01", title: LocalizedText(en: "<script>alert('x')</script> & \"quotes\"", vi: "<script>alert(1)</script>"),
                        province: "Sơn La", applicant: .province, sectors: [SectorShare(code: "21020", share: 100)], budgetUSD: 1_000_000, instrument: .loan)
        evil.commune = "<img src=x onerror=alert(1)>"
        let desk = try F.desk(extraNeeds: [evil])
        try await F.app(desk).test(.router) { client in
            for uri in ["/needs/evil-01", "/needs/evil-01?lang=vi", "/needs", "/needs/evil-01/brief", "/needs?q=%3Cscript%3E"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    #expect(!r.text.contains("<script"), "\(uri)")
                    #expect(!r.text.contains("<img"), "\(uri)")
                    #expect(r.text.contains("&lt;script&gt;"), "\(uri)")
                }
            }
            // A search echoes the query escaped, in the field and in the count.
            try await client.execute(uri: "/needs?q=%22%3E%3Cb%3Ex", method: .get) { r in
                #expect(!r.text.contains("\"><b>x"))
                #expect(r.text.contains("value=\"&quot;&gt;&lt;b&gt;x\""))
            }
            // An unknown id is echoed escaped in the 404 page.
            try await client.execute(uri: "/needs/%3Cscript%3E", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(!r.text.contains("<script"))
            }
        }
    }

    @Test func theRankingDownloadsAsCSVWithAByteOrderMark() async throws {
        let desk = try F.desk()
        let need = try #require(desk.need(id: "sla-road-01"))
        let catalog = try desk.catalog(desk.defaultRule)
        let expected = RankingRenderer.render(catalog.rank(need, top: 10, explain: true), format: .csv, catalog: catalog, language: .vi)
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/sla-road-01/ranking.csv?lang=vi", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(r.headers[.contentDisposition] == "attachment; filename=\"sla-road-01-default.csv\"")
                let bytes = Array(r.body.readableBytesView)
                #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
                #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == expected)
                #expect(expected.hasPrefix("rank,partner_id,partner_name,score"))
            }
        }
    }

    @Test func unknownPagesNeedsPartnersAndRulesAreErrorPages() async throws {
        try await F.app(try F.desk()).test(.router) { client in
            for (uri, status, text) in [
                ("/nowhere", HTTPResponse.Status.notFound, "There is no page at /nowhere."),
                ("/nowhere?lang=vi", .notFound, "Không tìm thấy trang"),
                ("/needs/sla-road-0", .notFound, "did you mean sla-road-01"),
                ("/partners/koica-grant", .notFound, "did you mean koica-grants"),
                ("/needs/sla-road-01?rule=nope", .badRequest, "Unknown rule \"nope\"; expected one of: default, sector-heavy"),
                ("/needs/sla-road-01?top=0", .badRequest, "expected a whole number from 1 to 100"),
                ("/needs/sla-road-01/dossier", .notFound, "not available"),
                ("/needs?q=%ZZ", .badRequest, "not well formed"),
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == status, "\(uri)")
                    #expect(r.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    #expect(r.text.contains(HTML.text(text)), "\(uri): \(r.text.prefix(2000))")
                }
            }
        }
    }

    @Test func thePartnerPageChartsEvidenceOrSaysThereIsNone() async throws {
        let desk = try F.desk()
        let withEvidence = try desk.partners.filter { try !desk.store.evidenceActivities(partnerID: $0.id).isEmpty }
        let without = try desk.partners.filter { try desk.store.evidenceActivities(partnerID: $0.id).isEmpty }
        try #require(!withEvidence.isEmpty && !without.isEmpty)
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/partners/\(withEvidence[0].id)", method: .get) { r in
                #expect(r.text.contains("Value committed by year (USD)"))
                #expect(r.text.contains("Projects by ticket size"))
                #expect(r.text.contains("<svg class=\"chart\""))
                #expect(r.text.contains("Checked on"))
            }
            try await client.execute(uri: "/partners/\(without[0].id)?lang=vi", method: .get) { r in
                #expect(r.text.contains("Chưa nhập bằng chứng nào cho đối tác này"))
                #expect(!r.text.contains("<svg class=\"chart\""))
            }
        }
    }

    @Test func pathsAndQueriesArePercentEncoded() {
        #expect(HTML.path("sla-road-01_v2.x") == "sla-road-01_v2.x")
        #expect(HTML.path("a b/<é>?&") == "a%20b%2F%3C%C3%A9%3E%3F%26")
        #expect(HTML.query([("q", "sơn la"), ("rule", nil), ("top", ""), ("lang", "vi")]) == "?q=s%C6%A1n%20la&lang=vi")
        #expect(HTML.query([]) == "")
    }

    @Test func aWiredDossierIsLinkedAndServed() async throws {
        let desk = try F.desk()
        desk.dossier = { input in "<!DOCTYPE html><p>dossier \(input.need.id) \(input.ranking.entries.count) \(input.language.rawValue)</p>" }
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/sla-road-01?lang=vi", method: .get) { r in
                #expect(r.text.contains("href=\"/needs/sla-road-01/dossier?lang=vi\""))
            }
            try await client.execute(uri: "/needs/sla-road-01/dossier?lang=vi", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.hasPrefix("<!DOCTYPE html><p>dossier sla-road-01 "))
                #expect(r.text.hasSuffix(" vi</p>"))
            }
        }
    }

    @Test func theMeetingDossierOfListedNeeds() async throws {
        let desk = try F.desk()
        let ids = desk.needs.prefix(2).map(\.id)
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs?q=&lang=vi", method: .get) { r in
                #expect(r.text.contains("href=\"/dossier?lang=vi\""))
            }
            try await client.execute(uri: "/dossier?needs=\(ids.joined(separator: ","))&lang=vi", method: .get) { r in
                #expect(r.status == .ok)
                // A cover, then a page per need, each need's id named.
                for id in ids { #expect(r.text.contains(id)) }
                #expect(r.text.contains("<!DOCTYPE html>"))
            }
            try await client.execute(uri: "/dossier?needs=no-such-need", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(r.text.contains("no-such-need"))
            }
        }
    }
}
