import Foundation

/// Golden files, shared by every test target: an output is compared with its recorded
/// file, or recorded with the one switch, `PARTNERMATCH_RECORD=1`.
///
/// ```swift
/// if let difference = Golden.check(output, against: goldenDir + "/rank.txt") {
///     Issue.record(difference)
/// }
/// ```
public enum Golden {
    /// The environment variable that re-records golden files (`PARTNERMATCH_RECORD=1`).
    public static let recordVariable = "PARTNERMATCH_RECORD"

    /// What the environment asks: record, compare, or a mistake to report.
    public enum Mode: Equatable, Sendable {
        case compare
        case record
        /// Recording asked for where it must not happen, or through a switch that is no
        /// longer read: the message says which.
        case refused(String)
    }

    public static func mode(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Mode {
        if environment["RECORD_GOLDEN"] != nil {
            return .refused("RECORD_GOLDEN is no longer read; re-record golden files with \(recordVariable)=1")
        }
        guard environment[recordVariable] == "1" else { return .compare }
        if let ci = environment["CI"], !ci.isEmpty, ci != "0", ci != "false" {
            return .refused("\(recordVariable)=1 on CI (CI=\(ci)): golden files are recorded and reviewed by a person, not by CI")
        }
        return .record
    }

    /// Compares `actual` with the file at `path` (or records it, see `mode`).
    ///
    /// - Returns: nil when they are equal or the file was recorded; else what differs: the
    ///   first differing line of each, or why the file could not be read or written.
    public static func check(_ actual: String, against path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let name = (path as NSString).lastPathComponent
        switch mode(environment) {
        case .refused(let why):
            return why
        case .record:
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
                return nil
            } catch {
                return "cannot record \(path): \(error)"
            }
        case .compare:
            guard let data = FileManager.default.contents(atPath: path) else {
                return "missing golden file \(name); run with \(recordVariable)=1"
            }
            return difference(actual: actual, expected: String(decoding: data, as: UTF8.self), name: name)
        }
    }

    /// The first line where `actual` and `expected` differ, byte for byte (not by
    /// Unicode canonical equivalence, which `String ==` uses), or nil.
    public static func difference(actual: String, expected: String, name: String) -> String? {
        if Array(actual.utf8) == Array(expected.utf8) { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, a).enumerated().first { Array($0.element.0.utf8) != Array($0.element.1.utf8) }?.offset ?? min(e.count, a.count)
        return """
            output differs from \(name) at line \(line + 1):
            expected: \(line < e.count ? String(e[line]) : "<end>")
            actual:   \(line < a.count ? String(a[line]) : "<end>")
            """
    }
}
