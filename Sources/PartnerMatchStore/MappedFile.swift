#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file's bytes mapped into memory, read-only: a run of hundreds of megabytes is parsed
/// without being copied, and its pages cost nothing once parsed.
///
/// ```swift
/// let file = try MappedFile(path: "run.txt")
/// let run = try file.withBytes { try TrecRun(parsing: $0, fileName: "run.txt") }
/// ```
public final class MappedFile {
    private let base: UnsafeMutableRawPointer?
    private let count: Int
    /// Standard input (`-`), or a file that cannot be mapped, is read into memory instead.
    private let bytes: [UInt8]?

    /// Maps `path`, or reads standard input for `-`.
    /// - Throws: `StoreError.fileNotFound` or `.cannotRead`, naming the file.
    public init(path: String) throws(StoreError) {
        if path == "-" {
            bytes = try FileIO.read(path)
            base = nil
            count = 0
            return
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw .fileNotFound(path) }
        if isDir.boolValue { throw .cannotRead(path, reason: "it is a directory; expected a file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(path, reason: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        guard size > 0, (info.st_mode & S_IFMT) == S_IFREG else {
            // Empty files and pipes: read normally.
            bytes = try FileIO.read(path)
            base = nil
            count = 0
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw .cannotRead(path, reason: String(cString: strerror(errno)))
        }
        base = p
        count = size
        bytes = nil
    }

    deinit {
        if let base { munmap(base, count) }
    }

    /// Calls `body` with the file's bytes, valid only during the call.
    public func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        if let bytes {
            let result: Result<R, E> = bytes.withUnsafeBytes { raw in
                do throws(E) { return .success(try body(raw)) } catch { return .failure(error) }
            }
            return try result.get()
        }
        return try body(UnsafeRawBufferPointer(start: base, count: count))
    }
}
