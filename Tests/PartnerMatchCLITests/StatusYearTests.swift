import Foundation
import Testing

/// Every command that ranks a dated need judges the windows' statuses as of the need's
/// year, as `eval` does: Belgium's bilateral window (last programme 2011, closed on
/// 2019-06-30) was open for a 2014 need and is closed for an undated one.
@Suite struct StatusYearTests {
    /// The bundled catalog in a fresh database.
    func bundled() -> (CLI, [String: String]) {
        let cli = CLI(initialised: false)
        return (cli, ["PARTNERMATCH_DB": cli.dir + "/bundled.sqlite"])
    }

    let need = ["--sector", "14030", "--budget", "12M", "--instrument", "grant", "--province", "Ninh Thuận", "--applicant", "province"]
    let inline = #"{"id":"n","title":{"en":"Water"},"province":"Ninh Thuận","applicant":"province","sectors":[{"code":"14030","share":100}],"budgetUSD":12000000,"instrument":"grant""#

    @Test func rankJudgesTheWindowsAsOfTheNeedsDate() {
        let (cli, env) = bundled()
        let dated = cli.run(["rank"] + need + ["--date", "2014-05-01", "--top", "100", "--format", "csv"], plain: true, environment: env)
        #expect(dated.status == 0, "\(dated.stderr)")
        #expect(dated.stdout.contains("enabel-belgium"))
        let today = cli.run(["rank"] + need + ["--top", "100", "--show-excluded", "--format", "json"], plain: true, environment: env)
        #expect(today.status == 0, "\(today.stderr)")
        #expect(today.stdout.contains("window-closed") && today.stdout.contains("closed since 2019-06-30"), "\(today.stdout.prefix(400))")
    }

    @Test func explainAndScoreJudgeTheWindowsAsOfTheNeedsDate() throws {
        let (cli, env) = bundled()
        for (id, date) in [("w14", ["--date", "2014-05-01"]), ("wnow", [])] {
            let add = cli.run(["needs", "add", "--id", id, "--title-vi", "Nước sạch"] + need + date, plain: true, environment: env)
            #expect(add.status == 0, "\(add.stderr)")
        }
        let past = cli.run(["explain", "w14", "enabel-belgium"], plain: true, environment: env)
        #expect(past.status == 0, "\(past.stderr)")
        #expect(!past.stdout.contains("closed for Viet Nam"), "\(past.stdout.prefix(600))")
        let now = cli.run(["explain", "wnow", "enabel-belgium"], plain: true, environment: env)
        #expect(now.stdout.contains("closed for Viet Nam"), "\(now.stdout.prefix(600))")

        let file = cli.write("p.jsonl", inline + #","date":"2014-05-01"}"# + "\n" + inline.replacingOccurrences(of: #""id":"n""#, with: #""id":"m""#) + "}\n")
        let scored = cli.run(["score", file, "--top", "100", "--quiet", "--format", "csv"], plain: true, environment: env)
        #expect(scored.status == 0, "\(scored.stderr)")
        let lines = scored.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.contains { $0.hasPrefix("n,") && $0.contains("enabel-belgium") })
        #expect(!lines.contains { $0.hasPrefix("m,") && $0.contains("enabel-belgium") })
    }

    @Test func serveJudgesTheWindowsAsOfTheNeedsDate() {
        let (cli, env) = bundled()
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"rank","params":{"top":100,"need":"# + inline + #","date":"2014-05-01"}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"rank","params":{"top":100,"need":"# + inline + "}}}",
            #"{"jsonrpc":"2.0","id":3,"method":"score","params":{"top":100,"needs":["# + inline + #","date":"2014-05-01"},"# + inline + "}]}}",
        ]
        let r = cli.run(["serve"], stdin: requests.joined(separator: "\n") + "\n", plain: true, environment: env)
        let answers = r.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(answers.count == 3, "\(r.stdout.prefix(300)) \(r.stderr)")
        guard answers.count == 3 else { return }
        #expect(answers[0].contains("enabel-belgium"))
        #expect(!answers[1].contains("enabel-belgium"))
        // The batch: the dated need first, with Belgium; the undated one without (each
        // ranking's entries come before its "need" member).
        let parts = answers[2].components(separatedBy: "\"need\":")
        #expect(parts.count == 3 && parts[0].contains("enabel-belgium") && !parts[1].contains("enabel-belgium"), "\(answers[2].prefix(300))")
    }
}
