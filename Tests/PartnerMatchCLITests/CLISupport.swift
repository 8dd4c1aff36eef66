import Foundation
import PartnerMatchTestSupport
import Testing

/// Runs the built `partnermatch` binary, as a user would.
struct CLI {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtureData = testsDir.deletingLastPathComponent().appendingPathComponent("Fixtures/data").path
    static let packageRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent().path

    /// The binary beside the test bundle (SwiftPM builds every product for `swift test`).
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("partnermatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot + "/.build/debug/partnermatch"
    }()

    /// A fresh folder with a database path in it.
    let dir: String
    var db: String { dir + "/catalog.sqlite" }

    /// `initialised` runs `partnermatch init` first, so that outputs hold no first-use note.
    init(initialised: Bool = true) {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-cli-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if initialised { run(["init"]) }
    }

    /// Runs with `--data` on the fixtures and `--db` in the fresh folder, unless `plain`.
    @discardableResult
    func run(_ args: [String], stdin: String? = nil, plain: Bool = false, environment: [String: String] = [:], shell: Bool = false) -> Result {
        runBytes(args, stdin: stdin.map { Data($0.utf8) }, plain: plain, environment: environment, shell: shell)
    }

    /// Like `run`, with standard input as raw bytes (for invalid UTF-8).
    @discardableResult
    /// `shell` runs `/bin/sh` with `args` instead of the binary.
    func runBytes(_ args: [String], stdin: Data?, plain: Bool = false, environment: [String: String] = [:], shell: Bool = false) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: shell ? "/bin/sh" : CLI.binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["PARTNERMATCH_DB"] = plain ? nil : db
        env["PARTNERMATCH_DATA"] = plain ? nil : CLI.fixtureData
        env["HOME"] = dir
        env["XDG_DATA_HOME"] = nil
        // Tables fit COLUMNS when set: tests see full rows unless they set it.
        env["COLUMNS"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try! p.run()
        let writer = input.fileHandleForWriting
        let feed = stdin ?? Data()
        DispatchQueue.global().async {
            writer.write(feed)
            try? writer.close()
        }
        // Read both pipes before waiting, so large outputs cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box()
        let group = DispatchGroup()
        group.enter()
        let reader = out.fileHandleForReading
        DispatchQueue.global().async { outBox.data = reader.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let outData = outBox.data
        p.waitUntilExit()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self), status: p.terminationStatus)
    }

    func write(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Compares with `Golden/NAME`; `PARTNERMATCH_RECORD=1` re-records it.
    static func assertGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = testsDir.appendingPathComponent("Golden/\(name)").standardized.path
        if let difference = Golden.check(actual, against: path) {
            Issue.record(Comment(rawValue: difference), sourceLocation: sourceLocation)
        }
    }
}
