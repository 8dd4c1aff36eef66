import Foundation
import Testing

/// Finding sector codes, themes and places without knowing them, and places that
/// resolve to their province with the merger said.
@Suite struct ReferenceSearchTests {
    let data = CLI.packageRoot + "/Data"

    @Test func sectorsSearchIsDiacriticInsensitiveInBothLanguages() {
        let cli = CLI()
        let vi = cli.run(["sectors", "search", "giao thông", "--data", data, "--format", "csv"])
        #expect(vi.status == 0, "\(vi.stderr)")
        #expect(vi.stdout.contains("210,category,Transport & Storage,"))
        let folded = cli.run(["sectors", "search", "GIAO THONG", "--data", data, "--format", "csv"])
        #expect(folded.stdout == vi.stdout)
        let en = cli.run(["sectors", "search", "transport", "--data", data, "--format", "json"])
        #expect(en.stdout.contains("\"code\": \"21010\"") || en.stdout.contains("\"code\":\"21010\""), "\(en.stdout.prefix(400))")
        // Retired codes are not offered.
        #expect(!vi.stdout.contains("21005"))
        let table = cli.run(["sectors", "search", "311", "--data", data, "--lang", "vi"])
        #expect(table.stdout.contains("31120"))
    }

    @Test func themesListAndSearch() {
        let cli = CLI()
        let all = cli.run(["themes", "list", "--data", data, "--format", "csv"])
        #expect(all.status == 0)
        #expect(all.stdout.contains("green-growth,Green growth,Tăng trưởng xanh"))
        let vi = cli.run(["themes", "search", "tang truong", "--data", data, "--format", "csv", "--lang", "vi"])
        #expect(vi.stdout.contains("green-growth,Tăng trưởng xanh,Green growth"))
        #expect(vi.stdout.components(separatedBy: "\r\n").count < all.stdout.components(separatedBy: "\r\n").count)
    }

    @Test func provincesSearchFindsFormerDistrictsAndCommunes() {
        let cli = CLI()
        let r = cli.run(["provinces", "search", "moc chau", "--data", data, "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Mộc Châu,former district,son-la,Sơn La"))
        #expect(r.stdout.contains("Mộc Châu,ward,son-la,Sơn La"))
        let h = cli.run(["provinces", "search", "Hoa Binh", "--data", data, "--format", "csv"])
        #expect(h.stdout.contains("Hòa Bình,former province (merged 1 July 2025),phu-tho,Phú Thọ"))
    }

    @Test func aPlaceFlagResolvesToItsProvinceAndSaysHow() {
        let cli = CLI()
        let env = ["PARTNERMATCH_DATA": data]
        let moc = cli.run(["rank", "--sector", "21020", "--budget", "1M", "--province", "Mộc Châu", "--format", "json"], environment: env)
        #expect(moc.status == 0, "\(moc.stderr)")
        #expect(moc.stdout.contains("Mộc Châu -> Sơn La"))
        let sop = cli.run(["partners", "list", "--province", "Sốp Cộp"], environment: env)
        #expect(sop.status == 0, "\(sop.stderr)")
        #expect(sop.stderr.contains("Sốp Cộp -> Sơn La"))
        let hb = cli.run(["rank", "--sector", "21020", "--budget", "1M", "--province", "Hòa Bình"], environment: env)
        #expect(hb.status == 0, "\(hb.stderr)")
        #expect(hb.stderr.contains("Hòa Bình -> Phú Thọ, merged 1 July 2025"))
    }
}
