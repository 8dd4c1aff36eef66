import Foundation
import Testing

/// Stating a need (issue 12, items 8-10): nationwide needs everywhere, every assumed
/// default printed with the result, and a warning when every partner is excluded.
@Suite struct StatingTheNeedTests {
    static let assumedProvince = "province national (not given; a nationwide need: partners that work only in some provinces are excluded)"
    static let assumedApplicant = "applicant province (not given; partners that take applications only from others (ministry, commune, ngo, enterprise) are excluded)"
    static let assumedInstrument = "instrument any (not given; every instrument is compatible)"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func assumedFields(_ object: [String: Any]) -> [String] {
        (object["assumed"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    /// Before: a need given by flags without --province was silently a Son La need.
    @Test func adHocNeedWithoutProvinceIsNationwideAndSaysSo() throws {
        let cli = CLI()
        let table = cli.run(["rank", "--sector", "21020", "--budget", "12M", "--top", "2"])
        #expect(table.status == 0)
        #expect(table.stderr == "partnermatch: assumed: \(Self.assumedProvince); \(Self.assumedApplicant); \(Self.assumedInstrument); budget.currency USD (no currency written; USD is the default)\n")
        let r = cli.run(["rank", "--sector", "21020", "--budget", "12M", "--top", "2", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let object = try json(r.stdout)
        #expect(assumedFields(object) == ["province", "applicant", "instrument", "budget.currency"])
        let first = try #require((object["assumed"] as? [[String: Any]])?.first)
        #expect(first["value"] as? String == "national")
        #expect((first["why"] as? String)?.hasPrefix("not given") == true)
    }

    @Test func nationalIsAcceptedByFlags() throws {
        let cli = CLI()
        for spelling in ["national", "Toàn quốc", "nationwide"] {
            let r = cli.run(["rank", "--sector", "21020", "--budget", "USD 12M", "--province", spelling, "--applicant", "ministry", "--instrument", "loan", "--format", "json"])
            #expect(r.status == 0, "\(spelling): \(r.stderr)")
            #expect(assumedFields(try json(r.stdout)).isEmpty)
        }
        let add = cli.run(["needs", "add", "--id", "vn-1", "--title-en", "National programme", "--province", "national", "--applicant", "ministry", "--sector", "12230", "--budget", "5M"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(cli.run(["needs", "show", "vn-1", "--format", "jsonl"]).stdout.contains("\"province\":\"national\""))
        #expect(cli.run(["needs", "list", "--province", "national", "--format", "csv"]).stdout.contains("vn-1"))
    }

    /// A need stated in full, stored or by flags, assumes nothing and prints no note:
    /// the outputs of stated needs do not change.
    @Test func fullyStatedNeedAssumesNothing() throws {
        let cli = CLI()
        let stored = cli.run(["rank", "sla-road-01", "--format", "json"])
        #expect(stored.status == 0)
        #expect(!stored.stdout.contains("\"assumed\""))
        #expect(cli.run(["rank", "sla-road-01"]).stderr == "")
        let flags = cli.run(["rank", "--sector", "21020", "--budget", "USD 12M", "--province", "Sơn La", "--applicant", "province", "--instrument", "loan"])
        #expect(flags.status == 0)
        #expect(flags.stderr == "")
    }

    /// An amount in Vietnamese units says that it read VND, and which year's rate.
    @Test func vietnameseBudgetSaysItsCurrencyAndRateYear() throws {
        let cli = CLI()
        let base = ["rank", "--sector", "21020", "--budget", "300 tỷ", "--province", "Sơn La", "--applicant", "province", "--instrument", "loan", "--top", "1"]
        let undated = cli.run(base)
        #expect(undated.status == 0)
        #expect(undated.stderr == "partnermatch: assumed: budget.currency VND (no currency written; \"tỷ\" is a Vietnamese unit, so VND); budget.rateYear 2025 (the need has no date; 25,000 VND/USD, the latest rate)\n")
        let dated = cli.run(base + ["--date", "2024-04-01", "--format", "json"])
        #expect(assumedFields(try json(dated.stdout)) == ["budget.currency"])
    }

    /// `score`: a record may be nationwide, and what it left to defaults is in its output.
    @Test func scoreRecordsMayBeNationalAndSayWhatTheyAssumed() throws {
        let cli = CLI()
        let record = #"{"id":"n1","title":{"en":"National"},"province":"national","applicant":"ministry","sectors":[{"code":"12230","share":100}],"budgetUSD":80000}"#
        let file = cli.write("n.jsonl", record + "\n")
        let r = cli.run(["score", file, "--top", "1", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""assumed":[{"field":"instrument","value":"any","why":"not given; every instrument is compatible"}]"#))
        let csv = cli.write("n.csv", "id,title_vi,province,applicant,sectors,budget,instrument\nc1,Toàn quốc,Toàn quốc,ministry,12230,2 tỷ,grant\n")
        let c = cli.run(["score", csv, "--top", "1", "--quiet"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains(#""assumed":[{"field":"budget.currency","value":"VND""#))
    }

    /// `serve`: an inline need may leave out province, applicant and instrument (said in
    /// `assumed`), be nationwide, and write its budget in the amount syntax.
    @Test func serveInlineNeedsAssumeAndSaySo() throws {
        let cli = CLI()
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"rank","params":{"need":{"sectors":[{"code":"21020","share":100}],"budget":"300 tỷ","date":"2024-05-01"},"top":1}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"rank","params":{"need":{"province":"national","applicant":"ministry","instrument":"loan","sectors":[{"code":"21020","share":100}],"budgetUSD":12000000},"top":1}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"rank","params":{"need":{"sectors":[{"code":"21020","share":100}],"budget":"1.234"}}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"score","params":{"needs":[{"sectors":[{"code":"21020","share":100}],"budgetUSD":5,"province":"Sơn La","applicant":"commune"}],"top":1}}"#,
        ]
        let r = cli.run(["serve"], stdin: requests.joined(separator: "\n") + "\n")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 4)
        let first = try #require(try json(lines[0])["result"] as? [String: Any])
        #expect(assumedFields(first) == ["province", "applicant", "instrument", "budget.currency"])
        #expect(lines[0].hasPrefix(#"{"jsonrpc":"2.0","id":1,"result":{"assumed":[{"field":"province","value":"national""#))
        let second = try #require(try json(lines[1])["result"] as? [String: Any])
        #expect(second["assumed"] == nil)
        #expect(lines[2].contains("-32004") && lines[2].contains("params.need.budget") && lines[2].contains("ambiguous"))
        #expect(lines[3].contains(#""assumed":[{"field":"instrument""#))
    }

    /// When every partner is excluded, rank, score and serve say so, with the nearest
    /// ticket ranges; before, the output was an empty table and exit 0, without a word.
    @Test func everyPartnerExcludedIsAWarningWithTheNearestTickets() throws {
        let cli = CLI()
        let flags = ["rank", "--sector", "21020", "--budget", "USD 50 billion", "--province", "Sơn La", "--applicant", "province", "--instrument", "loan"]
        let table = cli.run(flags)
        #expect(table.status == 0)
        let warning = try #require(table.stderr.split(separator: "\n").first { $0.hasPrefix("partnermatch: warning: ") })
        #expect(warning.hasPrefix("partnermatch: warning: every partner is excluded (3 of 3) for need ad-hoc (USD 50B); the nearest ticket ranges: "))
        let r = cli.run(flags + ["--format", "json"])
        #expect(r.stderr == "")
        let w = try #require(try json(r.stdout)["warning"] as? [String: Any])
        #expect(w["code"] as? String == "all-excluded")
        let tickets = try #require(w["nearestTickets"] as? [[String: Any]])
        #expect(!tickets.isEmpty && tickets.count <= 3)
        let factors = tickets.compactMap { $0["factor"] as? Double }
        #expect(factors == factors.sorted() && factors.count == tickets.count)
        #expect(tickets.allSatisfy { ($0["instrument"] as? String)?.contains("loan") == true })
        // A ranking with partners left has no warning.
        #expect(cli.run(["rank", "sla-road-01"]).stderr == "")
        // score: a member of the JSONL record, and the reason cell of CSV.
        let file = cli.write("huge.jsonl", #"{"id":"h1","title":{"vi":"x"},"province":"Sơn La","applicant":"province","sectors":[{"code":"21020","share":100}],"budgetUSD":50000000000,"instrument":"loan"}"# + "\n")
        let scored = cli.run(["score", file, "--quiet"])
        #expect(scored.stdout.contains(#""top":[]"#) && scored.stdout.contains(#""warning":{"code":"all-excluded""#))
        let csv = cli.run(["score", file, "--quiet", "--format", "csv"])
        #expect(csv.stdout.contains("every partner is excluded (3 of 3) for need h1 (USD 50B); the nearest ticket ranges: "))
        // serve: a member of the rank answer.
        let served = cli.run(["serve"], stdin: #"{"jsonrpc":"2.0","id":1,"method":"rank","params":{"need":"h0-missing"}}"# + "\n" +
                             #"{"jsonrpc":"2.0","id":2,"method":"rank","params":{"need":{"province":"Sơn La","applicant":"province","instrument":"loan","sectors":[{"code":"21020","share":100}],"budgetUSD":50000000000},"showExcluded":true}}"# + "\n")
        let answer = try #require(served.stdout.split(separator: "\n").last.map(String.init))
        let result = try #require(try json(answer)["result"] as? [String: Any])
        #expect((result["warning"] as? [String: Any])?["code"] as? String == "all-excluded")
        #expect((result["excluded"] as? [Any])?.count == 3)
    }
}
