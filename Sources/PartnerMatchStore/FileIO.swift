import Foundation
import PartnerMatchCore

/// Reading and writing whole files, with errors that name the file.
public enum FileIO {
    /// The bytes of a file, or of standard input for `-`.
    public static func read(_ path: String) throws(StoreError) -> [UInt8] {
        if path == "-" {
            // read(2) rather than FileHandle, which traps on a read error (stdin a folder).
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { Foundation.read(0, $0.baseAddress!, $0.count) }
                if n == 0 { return out }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .cannotRead("<stdin>", reason: String(cString: strerror(errno)))
                }
                out.append(contentsOf: chunk[0..<n])
            }
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw .fileNotFound(path) }
        if isDir.boolValue { throw .cannotRead(path, reason: "it is a directory; expected a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotRead(path, reason: "permission denied or unreadable") }
        return Array(data)
    }

    /// Writes a file atomically (a temporary file renamed into place), so a failed
    /// write never leaves half a file.
    public static func write(_ text: String, to path: String) throws(StoreError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path, reason: (error as NSError).localizedDescription)
        }
    }
}
