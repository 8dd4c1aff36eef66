import Foundation
import Testing

/// `brief --pages`, `--prepared` and the dossier (`brief --needs A,B | --all`), on the
/// fixture catalog (needs sla-road-01, sla-health-02, sla-tea-03).
@Suite struct BriefDossierCLITests {
    static let needs = ["sla-health-02", "sla-road-01", "sla-tea-03"]

    @Test func dossierOfChosenNeeds() throws {
        let cli = CLI()
        let r = cli.run(["brief", "--needs", "sla-tea-03,sla-road-01", "--lang", "en", "--prepared", "2026-12-08", "--out", "dossier.html"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote dossier.html: 2 needs, "))
        let html = try String(contentsOfFile: cli.dir + "/dossier.html", encoding: .utf8)
        #expect(html.contains("<section class=\"page cover\">"))
        #expect(html.components(separatedBy: "<section class=\"page brief\"").count - 1 == 2)
        #expect(html.contains("data-need=\"sla-tea-03\"") && html.contains("data-need=\"sla-road-01\""))
        #expect(!html.contains("data-need=\"sla-health-02\""))
        #expect(html.contains("Prepared 8 December 2026"))
        #expect(html.contains("2 needs: "))
    }

    @Test func dossierOfEveryNeedInVietnameseAndMarkdown() throws {
        let cli = CLI()
        let r = cli.run(["brief", "--all", "--prepared", "2026-12-08", "--out", "all.html"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: cli.dir + "/all.html", encoding: .utf8)
        #expect(html.contains("<html lang=\"vi\">") && html.contains("Hồ sơ cuộc họp"))
        for id in Self.needs { #expect(html.contains("data-need=\"\(id)\"")) }
        let md = cli.run(["brief", "--all", "--lang", "en", "--prepared", "2026-12-08", "--out", "all.md"])
        #expect(md.status == 0, "\(md.stderr)")
        let text = try String(contentsOfFile: cli.dir + "/all.md", encoding: .utf8)
        #expect(text.hasPrefix("# Meeting dossier"))
        #expect(text.components(separatedBy: "\n# Partner shortlist: ").count - 1 == 3)
    }

    @Test func unknownNeedsAreNamedAndNothingIsWritten() {
        let cli = CLI()
        let r = cli.run(["brief", "--needs", "sla-road-01,sla-raod-01,nope", "--out", "d.html"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown need \"sla-raod-01\"; did you mean \"sla-road-01\""), "\(r.stderr)")
        #expect(r.stderr.contains("unknown need \"nope\""))
        #expect(r.stderr.contains("2 of 3 ids unknown; nothing written"))
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/d.html"))
    }

    @Test(arguments: [
        ["brief", "--out", "x.html"],
        ["brief", "sla-road-01", "--all", "--out", "x.html"],
        ["brief", "sla-road-01", "--needs", "sla-tea-03", "--out", "x.html"],
        ["brief", "--needs", "sla-road-01", "--all", "--out", "x.html"],
        ["brief", "--needs", "sla-road-01,,sla-tea-03", "--out", "x.html"],
        ["brief", "--needs", "sla-road-01,sla-road-01", "--out", "x.html"],
        ["brief", "--all", "--pages", "2", "--out", "x.html"],
        ["brief", "--all", "--compare-rule", "default", "--out", "x.html"],
        ["brief", "sla-road-01", "--pages", "3", "--out", "x.html"],
        ["brief", "sla-road-01", "--pages", "0", "--out", "x.html"],
        ["brief", "sla-road-01", "--prepared", "8/12/2026x", "--out", "x.html"],
    ])
    func wrongCommandLinesExit64(args: [String]) {
        let cli = CLI()
        let r = cli.run(args)
        #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains("error:"))
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/x.html"))
    }

    @Test func pagesAndPreparedOfOneBrief() throws {
        let cli = CLI()
        for pages in ["1", "2"] {
            let r = cli.run(["brief", "sla-road-01", "--lang", "vi", "--pages", pages, "--top", "10", "--prepared", "2026-12-08", "--out", "b\(pages).html"])
            #expect(r.status == 0, "\(r.stderr)")
            let html = try String(contentsOfFile: cli.dir + "/b\(pages).html", encoding: .utf8)
            #expect(html.contains("Lập ngày 8/12/2026"))
            #expect(html.components(separatedBy: "<section class=\"page brief\"").count - 1 <= Int(pages)!)
            #expect(!html.contains("Eligibility") && html.contains("Điều kiện"))
        }
    }

    /// The currency a budget writes none of is assumed in Vietnamese under --lang vi.
    @Test func assumedCurrencyInVietnamese() {
        let r = CLI().run(["rank", "--sector", "21020", "--budget", "50 tỷ", "--province", "Sơn La", "--applicant", "province", "--instrument", "loan", "--lang", "vi"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ngân sách: đơn vị tiền VND (không ghi đơn vị tiền; \"tỷ\" là đơn vị tiếng Việt nên là VND)"), "\(r.stderr)")
        #expect(!r.stderr.contains("no currency written"))
        #expect(!r.stderr.contains("the latest rate"))
    }
}
