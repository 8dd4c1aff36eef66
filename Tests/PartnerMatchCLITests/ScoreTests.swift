import Foundation
import Testing

/// Batch scoring through the built binary.
@Suite struct ScoreTests {
    let good1 = #"{"id":"p1","title":{"vi":"Đường"},"province":"Sơn La","applicant":"province","sectors":[{"code":"21020","share":100}],"budgetUSD":12000000,"instrument":"loan"}"#
    let good2 = #"{"id":"p2","title":{"vi":"Trạm y tế"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"12230","share":100}],"budgetUSD":80000,"instrument":"grant"}"#
    let bad = #"{"id":"p3","title":{"vi":"x"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":-5}"#

    @Test func jsonLinesWithBadRecordsKeepsOrderAndReports() {
        let cli = CLI()
        _ = cli.write("p.jsonl", [good1, bad, "{oops", good2].joined(separator: "\n") + "\n")
        let file = "p.jsonl"
        let r = cli.run(["score", file, "--top", "1", "--min-score", "50", "--summary", "--quiet"])
        #expect(r.status == 2)
        CLI.assertGolden(r.stdout, "score-mixed.jsonl")
        #expect(r.stderr == """
            partnermatch: error: \(file):2:126: proposal "p3", field budgetUSD: -5 is not above 0; expected an amount in USD above 0
            partnermatch: error: \(file):3:2: proposal 3: malformed JSON: unexpected 'o' in an object; expected a member name in double quotes
            partnermatch: summary: 4 proposals, 2 failed, 2 fundable (best score above 50)
            Partner id        Partner                                         Proposals in top 1  Their budget (USD)
            ----------------  ----------------------------------------------  ------------------  ------------------
            japan-grassroots  Embassy of Japan: Grassroots Human Security…                     1              80,000
            sfd-loans         Saudi Fund for Development: concessional loans                   1          12,000,000
            partnermatch: 2 of 4 records failed

            """)
    }

    @Test func csvInputAndOutput() {
        let cli = CLI()
        _ = cli.write("p.csv", "id,title_vi,province,applicant,sectors,budget,currency,instrument\nc1,Đường,Sơn La,province,21020,300 tỷ,VND,loan\nc2,Trạm y tế,Sơn La,commune,12230:70;12220:30,80k,,grant\nc3,Sai,Sơn La,commune,99999,5k,,grant\n")
        let file = "p.csv"
        let r = cli.run(["score", file, "--format", "csv", "--top", "2"])
        #expect(r.status == 2)
        CLI.assertGolden(r.stdout, "score-csv.csv")
        #expect(r.stderr.contains("\(file):4:5: proposal \"c3\", field sectors[0].code: unknown sector code \"99999\""))
    }

    @Test func jsonArrayWithElementPositions() throws {
        let cli = CLI()
        let file = cli.write("p.json", "[\n  \(good1),\n  {\"id\": \"p9\",\n   \"title\": 5}\n]\n")
        let r = cli.run(["score", file, "--top", "1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(file):4:13: element 1 (proposal \"p9\"), field title: expected an object, found a number"))
        let lines = r.stdout.split(separator: "\n")
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"proposal_id\":\"p1\",\"index\":0,\"line\":2"))
        #expect(lines[1].hasPrefix("{\"index\":1,\"line\":4,\"column\":13,\"field\":\"title\""))
    }

    @Test func strictStopsAtTheFirstBadRecord() {
        let cli = CLI()
        let file = cli.write("p.jsonl", [good1, bad, good2].joined(separator: "\n"))
        let r = cli.run(["score", file, "--strict"])
        #expect(r.status == 2)
        #expect(r.stdout.split(separator: "\n").count == 2)
        #expect(!r.stdout.contains("\"p2\""))
        #expect(r.stderr.contains("stopped at the first"))
    }

    @Test func twoJobsGiveTheSameOutputInTheSameOrder() {
        let cli = CLI()
        var lines: [String] = []
        for i in 0..<300 {
            let base = i % 2 == 0 ? good1 : good2
            lines.append(base.replacingOccurrences(of: "\"id\":\"p", with: "\"id\":\"n\(i)-p"))
        }
        let file = cli.write("many.jsonl", lines.joined(separator: "\n"))
        let one = cli.run(["score", file, "--jobs", "1", "--top", "3"])
        let two = cli.run(["score", file, "--jobs", "2", "--top", "3"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        let ids = two.stdout.split(separator: "\n").map { $0.split(separator: "\"")[3] }
        #expect(ids == (0..<300).map { "n\($0)-p\($0 % 2 == 0 ? 1 : 2)"[...] })
    }

    @Test func standardInputAndOutFile() throws {
        let cli = CLI()
        let out = cli.dir + "/out.jsonl"
        let r = cli.run(["score", "-", "--out", out], stdin: good1 + "\n")
        #expect(r.status == 0)
        #expect(r.stdout == "")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\"proposal_id\":\"p1\""))
    }
}
