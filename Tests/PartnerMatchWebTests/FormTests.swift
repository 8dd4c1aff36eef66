import Foundation
import Hummingbird
import HummingbirdTesting
import PartnerMatchCore
import Testing
@testable import PartnerMatchWeb

/// Issue 19: adding and editing a need through the forms, only with --allow-writes, with a
/// CSRF token, the CLI's checks and messages, and nothing stored from a bad form.
@Suite struct FormTests {
    typealias F = WebFixtures

    @Test func withoutAllowWritesEveryWriteIsRefused() async throws {
        let desk = try F.desk(allowWrites: false)
        try await F.app(desk).test(.router) { client in
            for uri in ["/needs/new", "/needs/sla-road-01/edit"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .forbidden, "\(uri)")
                    #expect(r.text.contains("--allow-writes"), "\(uri)")
                }
            }
            try await client.execute(uri: "/needs/new", method: .post, headers: F.formHeaders, body: F.form(F.goodNeed())) { r in
                #expect(r.status == .forbidden)
            }
            try await client.execute(uri: "/needs/sla-road-01/edit", method: .post, headers: F.formHeaders,
                                     body: F.form([("id", "sla-road-01"), ("title_en", "changed"), ("csrf", F.token)])) { r in
                #expect(r.status == .forbidden)
            }
            // No "add" link either.
            try await client.execute(uri: "/needs", method: .get) { r in #expect(!r.text.contains("/needs/new")) }
        }
        #expect(try desk.store.needs().count == 3)
        #expect(try desk.store.need(id: "sla-road-01")?.title.en == "Inter-commune road in Muong Lan")
    }

    @Test func aFormWithoutTheRightTokenIsRejectedAndStoresNothing() async throws {
        let desk = try F.desk(allowWrites: true)
        try await F.app(desk).test(.router) { client in
            for token in [nil, "", "wrong", F.token + "x"] {
                try await client.execute(uri: "/needs/new", method: .post, headers: F.formHeaders, body: F.form(F.goodNeed(token: token))) { r in
                    #expect(r.status == .forbidden, "\(token ?? "nil")")
                    #expect(r.text.contains("security token"), "\(token ?? "nil")")
                }
            }
            try await client.execute(uri: "/needs/sla-road-01/edit", method: .post, headers: F.formHeaders,
                                     body: F.form([("id", "sla-road-01"), ("title_en", "changed"), ("csrf", "wrong")])) { r in
                #expect(r.status == .forbidden)
            }
        }
        #expect(try desk.store.needs().count == 3)
        #expect(try desk.store.need(id: "sla-road-01")?.title.en == "Inter-commune road in Muong Lan")
    }

    @Test func theFormCarriesTheToken() async throws {
        try await F.app(try F.desk(allowWrites: true)).test(.router) { client in
            try await client.execute(uri: "/needs/new", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(F.token)\">"))
            }
        }
    }

    @Test func aBadFormShowsEachErrorAtItsFieldAndStoresNothing() async throws {
        let desk = try F.desk(allowWrites: true)
        let fields = F.goodNeed().map { k, v in
            switch k {
            case "budget": return (k, "five million")
            case "sector": return (k, "14030:60;99999:40")
            case "province": return (k, "Atlantis")
            case "title_vi": return (k, "<script>x</script>")
            default: return (k, v)
            }
        }
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/new", method: .post, headers: F.formHeaders, body: F.form(fields)) { r in
                #expect(r.status == .unprocessableContent)
                let html = r.text
                #expect(html.contains("id=\"f-budget-error\""))
                #expect(html.contains("id=\"f-province-error\""))
                #expect(html.contains("or &quot;national&quot; for a nationwide need"))
                // The values typed come back, escaped.
                #expect(html.contains("value=\"five million\""))
                #expect(html.contains("value=\"&lt;script&gt;x&lt;/script&gt;\""))
                #expect(!html.contains("<script>x"))
            }
            // The sector message is the validator's once the syntax errors are fixed.
            let onlySector = F.goodNeed().map { k, v in k == "sector" ? (k, "14030:60;99999:40") : (k, v) }
            try await client.execute(uri: "/needs/new", method: .post, headers: F.formHeaders, body: F.form(onlySector)) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.text.contains("id=\"f-sector-error\">unknown sector code &quot;99999&quot;"))
            }
            // A duplicate id is an error at the id.
            try await client.execute(uri: "/needs/new", method: .post, headers: F.formHeaders, body: F.form(F.goodNeed(id: "sla-road-01"))) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.text.contains("id=\"f-id-error\">need &quot;sla-road-01&quot; already exists"))
            }
            // Required fields, as `needs add` from flags requires them.
            try await client.execute(uri: "/needs/new", method: .post, headers: F.formHeaders, body: F.form([("csrf", F.token)])) { r in
                #expect(r.status == .unprocessableContent)
                for f in ["id", "title_vi", "province", "sector", "budget"] { #expect(r.text.contains("id=\"f-\(f)-error\""), "\(f)") }
            }
        }
        #expect(try desk.store.needs().count == 3)
        #expect(desk.needs.count == 3)
    }

    @Test func aGoodFormAddsTheNeedAsTheCLIWould() async throws {
        let desk = try F.desk(allowWrites: true)
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/new?lang=vi", method: .post, headers: F.formHeaders, body: F.form(F.goodNeed())) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/needs/sla-water-01?saved=added&lang=vi")
            }
            try await client.execute(uri: "/needs/sla-water-01?saved=added&lang=vi", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Đã thêm nhu cầu."))
            }
        }
        let stored = try #require(try desk.store.need(id: "sla-water-01"))
        // Parsed by the CLI's syntaxes: the province resolved, the VND budget converted.
        let amount = try AmountSyntax.parse("VND 5 tỷ", rates: desk.reference.rates)
        #expect(stored.province == desk.reference.provinces.resolve("son la")?.id)
        #expect(stored.budgetUSD == amount.usd)
        #expect(stored.budgetInput == amount.conversionNote)
        #expect(stored.applicant == .commune)
        #expect(stored.instrument == .grant)
        #expect(stored.sectors == [SectorShare(code: "14030", share: 100)])
    }

    @Test func editingChangesTheFieldsAndKeepsTheId() async throws {
        let desk = try F.desk(allowWrites: true)
        let before = try #require(desk.need(id: "sla-road-01"))
        var form = NeedForm(before, reference: desk.reference)
        form.values[.titleEn] = "Road to Muong Lan, phase 2"
        form.values[.budget] = "15M"
        let fields = NeedForm.Field.allCases.map { ($0.rawValue, form.values[$0] ?? "") } + [("csrf", F.token)]
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/sla-road-01/edit", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("value=\"sla-road-01\" readonly"))
            }
            try await client.execute(uri: "/needs/sla-road-01/edit", method: .post, headers: F.formHeaders, body: F.form(fields)) { r in
                #expect(r.status == .seeOther)
            }
            // The id cannot change.
            let moved = fields.map { k, v in k == "id" ? (k, "other-id") : (k, v) }
            try await client.execute(uri: "/needs/sla-road-01/edit", method: .post, headers: F.formHeaders, body: F.form(moved)) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.text.contains("cannot change a need&#39;s id; expected sla-road-01"))
            }
        }
        let after = try #require(try desk.store.need(id: "sla-road-01"))
        #expect(after.title.en == "Road to Muong Lan, phase 2")
        #expect(after.budgetUSD == 15_000_000)
        // Everything else as it was.
        #expect(after.sectors == before.sectors && after.province == before.province && after.themes == before.themes)
        #expect(after.counterpartUSD == before.counterpartUSD && after.stage == before.stage && after.date == before.date && after.commune == before.commune)
        #expect(try desk.store.need(id: "other-id") == nil)
    }

    @Test func savingTheEditFormUnchangedKeepsAConvertedBudget() async throws {
        let desk = try F.desk(allowWrites: true)
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/new", method: .post, headers: F.formHeaders, body: F.form(F.goodNeed())) { r in
                #expect(r.status == .seeOther)
            }
        }
        let added = try #require(desk.need(id: "sla-water-01"))
        let form = NeedForm(added, reference: desk.reference)
        // The amount as written, not the conversion note.
        #expect(form.values[.budget] == "VND 5,000,000,000")
        let fields = NeedForm.Field.allCases.map { ($0.rawValue, form.values[$0] ?? "") } + [("csrf", F.token)]
        try await F.app(desk).test(.router) { client in
            try await client.execute(uri: "/needs/sla-water-01/edit", method: .post, headers: F.formHeaders, body: F.form(fields)) { r in
                #expect(r.status == .seeOther, "\(r.text)")
            }
        }
        #expect(try desk.store.need(id: "sla-water-01") == added)
    }
}
