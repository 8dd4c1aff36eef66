import Foundation
import Testing

/// `serve` transcripts: request lines in `Transcripts/NAME.in`, the exact response lines
/// expected in `Transcripts/NAME.out` (re-record with PARTNERMATCH_RECORD=1).
@Suite struct TranscriptTests {
    static let dir = CLI.testsDir.appendingPathComponent("Transcripts").path

    func check(_ name: String, args: [String] = []) throws {
        let cli = CLI()
        let r = cli.runBytes(["serve"] + args, stdin: try Data(contentsOf: URL(fileURLWithPath: "\(Self.dir)/\(name).in")))
        #expect(r.status == 0)
        #expect(r.stderr.contains("serving JSON-RPC 2.0"))
        CLI.assertGolden(r.stdout, "../Transcripts/\(name).out")
        // Nothing but one JSON document per line on stdout.
        for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            #expect(line.hasPrefix("{\"jsonrpc\":\"2.0\"") || line.hasPrefix("[{\"jsonrpc\":\"2.0\""), "\(line)")
        }
    }

    @Test func protocolErrorsAndCatalogMethods() throws {
        try check("protocol", args: ["--max-line-bytes", "300"])
    }

    @Test func rankScoreExplainAndRules() throws {
        try check("ranking")
    }

    @Test func writesOnlyWithAllowWrites() {
        let cli = CLI()
        let add = #"{"jsonrpc":"2.0","id":1,"method":"needs.add","params":{"need":{"id":"w1","title":{"vi":"Nước sạch"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"14030","share":100}],"budgetUSD":50000}}}"#
        let ro = cli.run(["serve"], stdin: add + "\n")
        #expect(ro.stdout.contains("-32601") && ro.stdout.contains("--allow-writes"))
        let rw = cli.run(["serve", "--allow-writes"], stdin: add + "\n" + #"{"jsonrpc":"2.0","id":2,"method":"needs.get","params":{"id":"w1"}}"# + "\n" + #"{"jsonrpc":"2.0","id":3,"method":"needs.remove","params":{"id":"w1"}}"# + "\n")
        let lines = rw.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("\"result\":{") && lines[0].contains("\"province\":\"son-la\""))
        #expect(lines[1].contains("\"id\":2,\"result\""))
        #expect(lines[2] == #"{"jsonrpc":"2.0","id":3,"result":{"removed":"w1"}}"#)
    }

    @Test func createsAMissingDatabaseBeforeReading() {
        let cli = CLI(initialised: false)
        let r = cli.run(["serve"], stdin: "")
        #expect(r.status == 0)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("partnermatch: created database"))
    }
}
