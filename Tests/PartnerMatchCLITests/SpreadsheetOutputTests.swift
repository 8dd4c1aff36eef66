import Foundation
import Testing

/// CSV files a person opens in Excel: a BOM when asked, numbers as people read them,
/// one table per file; and `rank --all`.
@Suite struct SpreadsheetOutputTests {
    let proposals = "id,title_vi,province,applicant,sectors,budget,currency,instrument\nc1,Đường,Sơn La,province,21020,8 tỷ,VND,loan\nc2,Trạm y tế,Sơn La,commune,12230:70%;12220:30%,80k,,grant\n"

    @Test func everyCSVWriterTakesBom() {
        let cli = CLI()
        _ = cli.write("p.csv", proposals)
        let score = cli.run(["score", "p.csv", "--format", "csv", "--bom", "--quiet"])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.hasPrefix("\u{FEFF}proposal_id,"))
        let rank = cli.run(["rank", "sla-road-01", "--format", "csv", "--bom"])
        #expect(rank.status == 0, "\(rank.stderr)")
        #expect(rank.stdout.hasPrefix("\u{FEFF}"))
        let all = cli.run(["rank", "--all", "--format", "csv", "--bom"])
        #expect(all.stdout.hasPrefix("\u{FEFF}need_id,"))
        let noBom = cli.run(["score", "p.csv", "--format", "csv", "--quiet"])
        #expect(noBom.stdout.hasPrefix("proposal_id,"))
        #expect(cli.run(["eval", "--help"]).stdout.contains("--bom"))
    }

    @Test func theSummaryGoesToItsOwnFileWithWholeAmounts() throws {
        let cli = CLI()
        _ = cli.write("p.csv", proposals)
        let r = cli.run(["score", "p.csv", "--format", "csv", "--summary-out", "summary.csv", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        // One table in the output: the header and one row per proposal and partner.
        #expect(!r.stdout.contains("summary"))
        #expect(!r.stdout.contains("\r\n\r\n"))
        #expect(r.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("partner_id") || $0.hasPrefix("summary") }.isEmpty)
        let summary = try String(contentsOfFile: cli.dir + "/summary.csv", encoding: .utf8)
        #expect(summary.hasPrefix("partner_id,partner_name,proposals_in_top_5,budget_usd\r\n"))
        // 8 tỷ VND is a fraction of a dollar away from a whole number at any rate: written whole.
        for line in summary.split(separator: "\r\n").dropFirst() {
            #expect(!line.split(separator: ",").last!.contains("."), "\(line)")
        }
        let s = cli.run(["score", "p.csv", "--format", "csv", "--summary", "--quiet"])
        #expect(!s.stdout.contains("summary"))
        #expect(s.stderr.contains("2 proposals, 0 failed"))
        #expect(s.stderr.contains("Proposals in top 5"))
    }

    @Test func fundableOnlyAboveTheMinimum() throws {
        let cli = CLI()
        _ = cli.write("p.csv", proposals)
        let plain = cli.run(["score", "p.csv", "--top", "1", "--quiet"])
        let line = try #require(plain.stdout.split(separator: "\n").firstIndex { $0.contains("\"score\":") }, "\(plain.stdout)")
        let best = try #require(plain.stdout.split(separator: "\n")[line].firstMatch(of: #/"score":([0-9.]+)/#).map { String($0.1) })
        // At exactly the best score: not fundable; just below it: fundable.
        let at = cli.run(["score", "p.csv", "--top", "1", "--quiet", "--min-score", best])
        #expect(at.stdout.split(separator: "\n")[line].contains("\"fundable\":false"), "\(at.stdout)")
        let below = cli.run(["score", "p.csv", "--top", "1", "--quiet", "--min-score", String(Double(best)! - 0.05)])
        #expect(below.stdout.split(separator: "\n")[line].contains("\"fundable\":true"))
    }

    @Test func rankAllListsEveryStoredNeedWithItsTopPartners() {
        let cli = CLI()
        let csv = cli.run(["rank", "--all", "--format", "csv", "--top", "2"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(lines.first == "need_id,need_title,budget_usd,rank,partner_id,partner_name,score,note")
        for id in ["sla-road-01", "sla-health-02", "sla-tea-03"] {
            let rows = lines.filter { $0.hasPrefix(id + ",") }
            #expect((1...2).contains(rows.count), "\(id): \(rows)")
        }
        let table = cli.run(["rank", "--all"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("sla-tea-03"))
        #expect(cli.run(["rank", "sla-road-01", "--all"]).status == 64)
    }
}
