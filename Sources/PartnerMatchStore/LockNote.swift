import Foundation

/// Which operation of which process holds the catalog's write lock: a small file beside
/// the database (`catalog.sqlite.lock-note`), written once the write lock is taken and
/// removed before it is released, so that a writer that waited in vain can say who it
/// waited for ("pid 4242: evidence import big.xml, since 21:40:01 UTC").
///
/// The note cannot live in the database: what the holder writes there is invisible to
/// other connections until it commits. A note left by a killed process names a pid that
/// is gone, and is reported as such.
struct LockNote {
    let path: String

    init?(databasePath: String) {
        guard databasePath != ":memory:" && !databasePath.isEmpty else { return nil }
        path = databasePath + ".lock-note"
    }

    /// Records `operation` as the holder's (best effort: a note that cannot be written
    /// only makes a waiter's message vaguer).
    func write(operation: String) {
        let since = ISO8601DateFormatter().string(from: Date())
        let text = "\(getpid())\t\(since)\t\(operation.replacingOccurrences(of: "\n", with: " "))\n"
        // Best effort: without a note, a waiting writer only cannot name the holder.
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    func remove() {
        unlink(path)
    }

    /// What the note says, for an error message; nil when there is none.
    func holder() -> String? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.trimmingCharacters(in: .newlines).split(separator: "\t", maxSplits: 2).map(String.init)
        guard parts.count == 3, let pid = Int32(parts[0]) else { return nil }
        let alive = kill(pid, 0) == 0 || errno == EPERM
        return "pid \(pid)\(alive ? "" : ", no longer running"): \(parts[2]), since \(parts[1])"
    }
}
