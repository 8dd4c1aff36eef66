import Foundation
import Testing

/// One exit-status convention: 64 for a wrong command line, 1 for wrong input or data.
@Suite struct ExitCodeTests {
    @Test(arguments: [
        ["partners", "list", "--instrument", "bond"],
        ["partners", "list", "--sector", "99999"],
        ["partners", "list", "--theme", "no-such-theme"],
        ["partners", "list", "--province", "Atlantis"],
        ["rank", "--sector", "99999", "--budget", "1M"],
        ["rank", "--sector", "21020", "--budget", "lots"],
        ["rank", "--budget", "1M"],
        ["explain", "sla-road-01", "sfd-loans", "--format", "csv"],
        ["export", "needs", "--format", "table"],
        ["import", "needs", "x.csv", "--format", "xml"],
    ])
    func aWrongCommandLineExits64(args: [String]) {
        let r = CLI().run(args)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stderr.contains("error:"))
    }

    @Test func wrongInputExits1() {
        let cli = CLI()
        #expect(cli.run(["needs", "show", "no-such-need"]).status == 1)
        _ = cli.write("bad.json", "{\"id\": \"x\"}")
        #expect(cli.run(["import", "needs", "bad.json"]).status == 1)
    }

    @Test func helpTextsSayWhatTheCommandsAccept() {
        let cli = CLI()
        let explain = cli.run(["explain", "--help"]).stdout
        #expect(explain.contains("table, json or markdown"))
        #expect(cli.run(["explain", "sla-road-01", "sfd-loans", "--format", "markdown"]).status == 0)
        let export = cli.run(["export", "--help"]).stdout
        #expect(export.contains("json, jsonl or csv"))
        #expect(!export.contains("table"))
        let score = cli.run(["score", "--help"]).stdout
        let jobs = score.split(separator: "\n").drop { !$0.contains("--jobs") }.prefix(2).joined(separator: " ")
        #expect(jobs.contains("one per core"))
        #expect(jobs.firstRange(of: #/default: \d/#) == nil, "\(jobs)")
    }

    @Test func briefDoesNotOverwriteWithoutForce() throws {
        let cli = CLI()
        let path = cli.dir + "/brief.html"
        try "my notes".write(toFile: path, atomically: true, encoding: .utf8)
        let r = cli.run(["brief", "sla-road-01", "--out", "brief.html"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--force"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my notes")
        let f = cli.run(["brief", "sla-road-01", "--out", "brief.html", "--force"])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("<html"))
    }
}
