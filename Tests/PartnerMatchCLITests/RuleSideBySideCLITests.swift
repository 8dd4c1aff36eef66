import Foundation
import Testing

/// Several rules for one need: `rank --rule A --rule B` side by side (table, CSV, JSON,
/// TREC), `serve`'s `rank` with `rules`, `brief --compare-rule`, and one-rule commands
/// refusing several --rule instead of using the last.
@Suite struct RuleSideBySideCLITests {
    @Test func rankShowsEachPartnersRankUnderEachRule() {
        let cli = CLI()
        let table = cli.run(["rank", "sla-tea-03", "--rule", "default", "--rule", "sector-heavy"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout == """
            sla-tea-03: 2 rules side by side, the partners in the top 10 of any

            Partner       Name                         default rank  score  sector-heavy rank  score
            ------------  ---------------------------  ------------  -----  -----------------  -----
            koica-grants  KOICA grants                            1   78.1                  1   68.6
            sfd-loans     Saudi Fund for Development…      excluded                         2   12.3
            top 3 shared by default and sector-heavy: 1 of 3

            """)
        let csv = cli.run(["rank", "sla-tea-03", "--rule", "default", "--rule", "sector-heavy", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("partner,name,default.rank,default.score,sector-heavy.rank,sector-heavy.score\r\nkoica-grants,KOICA grants,1,78.1,1,68.6\r\n") || csv.stdout.hasPrefix("partner,name,default.rank,default.score,sector-heavy.rank,sector-heavy.score\nkoica-grants,KOICA grants,1,78.1,1,68.6\n"), "\(csv.stdout)")
        let json = cli.run(["rank", "sla-tea-03", "--rule", "default", "--rule", "sector-heavy", "--format", "json"])
        #expect(json.stdout.contains(#"{"partner":"sfd-loans","name":"Saudi Fund for Development: concessional loans","default.rank":"excluded","default.score":null,"sector-heavy.rank":2,"sector-heavy.score":12.26}"#), "\(json.stdout)")
        let trec = cli.run(["rank", "sla-tea-03", "--rule", "default", "--rule", "sector-heavy", "--format", "trec"])
        #expect(trec.stdout.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" } == ["default", "sector-heavy", "sector-heavy"])
        // The single-rule path is unchanged: one --rule, one ranking.
        let one = cli.run(["rank", "sla-tea-03", "--rule", "sector-heavy", "--format", "csv"])
        #expect(one.status == 0 && !one.stdout.contains("default.rank"))
        // Repeats and one-rule options are refused.
        let twice = cli.run(["rank", "sla-tea-03", "--rule", "default", "--rule", "default"])
        #expect(twice.status == 1 && twice.stderr.contains("--rule default is given twice"))
        let explain = cli.run(["rank", "sla-tea-03", "--rule", "default", "--rule", "sector-heavy", "--explain"])
        #expect(explain.status == 1 && explain.stderr.contains("--explain and --show-excluded show one rule"))
    }

    @Test func oneRuleCommandsRefuseSeveralInsteadOfUsingTheLast() {
        let cli = CLI()
        for args in [["explain", "sla-tea-03", "koica-grants"], ["brief", "sla-tea-03", "--out", cli.dir + "/b.md"]] {
            let r = cli.run(args + ["--rule", "default", "--rule", "sector-heavy"])
            #expect(r.status == 1 && r.stderr.contains("--rule is given 2 times; this command uses one rule"), "\(args[0]): \(r.stderr)")
        }
        let proposals = cli.write("p.jsonl", #"{"id": "p1", "title": {"en": "Tea"}, "province": "Sơn La", "applicant": "province", "sectors": [{"code": "32161", "share": 100}], "budgetUSD": 2000000, "instrument": "grant"}"# + "\n")
        let score = cli.run(["score", proposals, "--rule", "default", "--rule", "sector-heavy"])
        #expect(score.status == 1 && score.stderr.contains("--rule is given 2 times"))
    }

    @Test func serveRanksUnderSeveralRules() {
        let cli = CLI()
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"rank","params":{"need":"sla-tea-03","rules":["default","sector-heavy"],"top":2}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"rank","params":{"need":"sla-tea-03","rule":"default","rules":["default"]}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"rank","params":{"need":"sla-tea-03","rules":["default","nope"]}}"#,
        ]
        let r = cli.run(["serve"], stdin: requests.joined(separator: "\n") + "\n")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(r.stdout)")
        guard lines.count == 3 else { return }
        #expect(lines[0].contains(#""partner":"sfd-loans","placements":[{"excluded":true,"rule":"default"},{"rank":2,"rule":"sector-heavy","score":12.26}]"#), "\(lines[0])")
        #expect(lines[0].contains(#""placements":[{"rank":1,"rule":"default","score":78.1},{"rank":1,"rule":"sector-heavy","score":68.6}]"#))
        #expect(lines[0].contains(#""top":2"#) && lines[0].contains(#""name":"sector-heavy","version":"1.0""#))
        #expect(lines[1].contains(#""code":-32602"#) && lines[1].contains("give either rule or rules, not both"))
        #expect(lines[2].contains(#""code":-32007"#), "an unknown rule is named as for one rule: \(lines[2])")
    }

    @Test func briefComparesWithAnotherRule() throws {
        let cli = CLI()
        let out = cli.dir + "/b.md"
        let r = cli.run(["brief", "sla-tea-03", "--lang", "en", "--out", out, "--compare-rule", "sector-heavy"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: out, encoding: .utf8)
        #expect(md.contains("Under rule sector-heavy 1.0: 1. KOICA grants (here 1); 2. Saudi Fund for Development: concessional loans (not in this list)\n"))
        let html = cli.dir + "/b.html"
        #expect(cli.run(["brief", "sla-tea-03", "--lang", "vi", "--out", html, "--compare-rule", "sector-heavy"]).status == 0)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<footer>Theo quy tắc sector-heavy 1.0: 1. "))
        let plain = cli.run(["brief", "sla-tea-03", "--lang", "en", "--out", cli.dir + "/p.md"])
        let plainText = try String(contentsOfFile: cli.dir + "/p.md", encoding: .utf8)
        #expect(plain.status == 0 && !plainText.contains("Under rule"))
    }
}
