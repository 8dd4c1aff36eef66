import Foundation
import Testing

/// README's tour runs as written on a fresh clone: each command of its `sh` block that
/// does not need the shared evidence folder, in order, in `sh`, against a new database,
/// from a folder that holds only the repository's `Data/` (as a clone would).
@Suite struct TourTests {
    /// The tour's commands: continuation lines joined, comments and the `pm()`
    /// definition left out.
    static func commands() throws -> [String] {
        let readme = try String(contentsOfFile: CLI.packageRoot + "/README.md", encoding: .utf8)
        guard let start = readme.range(of: "## A short tour\n\n```sh\n"),
              let end = readme.range(of: "\n```", range: start.upperBound..<readme.endIndex) else { return [] }
        var out: [String] = []
        var pending = ""
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            let l = pending + line
            if l.hasSuffix("\\") { pending = String(l.dropLast()) + " "; continue }
            pending = ""
            let t = l.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") || t.hasPrefix("pm()") { continue }
            out.append(t)
        }
        return out
    }

    @Test func theTourRunsAsWritten() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 20, "the tour was not found in README.md")
        let cli = CLI(initialised: false)
        // A clone's Data/, nothing else: files the tour names must be in the repository.
        try FileManager.default.createSymbolicLink(atPath: cli.dir + "/Data", withDestinationPath: CLI.packageRoot + "/Data")
        var ran = 0
        for command in commands {
            if command.contains("../shared") {
                // Optional: the shared evidence files are not part of the repository.
                continue
            }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "pm() { \"$PM\" \"$@\"; }\n" + command]
            var env = ProcessInfo.processInfo.environment
            env["PM"] = CLI.binary
            env["PARTNERMATCH_DB"] = cli.db
            env["PARTNERMATCH_DATA"] = cli.dir + "/Data"
            env["HOME"] = cli.dir
            p.environment = env
            p.currentDirectoryURL = URL(fileURLWithPath: cli.dir)
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(command)\n\(errText)")
            ran += 1
        }
        #expect(ran == commands.count - commands.filter { $0.contains("../shared") }.count)
        // What the tour writes is there.
        for file in ["grants.csv", "partners.csv", "brief.html", "dossier.html", "scored.csv", "summary.csv", "shortlists.csv"] {
            #expect(FileManager.default.fileExists(atPath: cli.dir + "/" + file), "\(file)")
        }
    }
}
