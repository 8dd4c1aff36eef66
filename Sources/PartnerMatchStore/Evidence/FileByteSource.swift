import Foundation
import PartnerMatchCore

/// A file read with read(2) in chunks, hashed as it is read: the byte source of the
/// streaming IATI reader. Memory is the caller's buffer, whatever the file size.
public final class FileByteSource: XMLByteSource {
    public let path: String
    private let fd: Int32
    /// Bytes read so far and their FNV-1a 64-bit hash: with the size, the identity of
    /// the file's content (same file imported twice -> same hash).
    public private(set) var size = 0
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init(path: String) throws(StoreError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw .fileNotFound(path) }
        if isDir.boolValue { throw .cannotRead(path, reason: "it is a directory; expected a file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        while true {
            let n = Foundation.read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.cannotRead(path, reason: String(cString: strerror(errno)))
            }
            var h = hash
            for k in 0..<n { h = (h ^ UInt64(buffer[k])) &* 0x100_0000_01b3 }
            hash = h
            size += n
            return n
        }
    }

    /// Reads whatever is left (to finish the hash) and returns `size:fnv1a64`.
    public func fingerprint() throws -> String {
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        while try scratch.withUnsafeMutableBufferPointer({ try read(into: $0) }) > 0 {}
        return "\(size):fnv1a64:" + String(hash, radix: 16)
    }
}

/// The streaming reader needs a value type; this forwards to the shared file.
struct FileSourceHandle: XMLByteSource {
    let file: FileByteSource
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        try file.read(into: buffer)
    }
}
