#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor in large chunks, without holding more than one
/// chunk and one line in memory.
///
/// A line longer than `maxLineBytes` is not kept: the reader skips to its end and
/// returns `.tooLong` with its length, so a hostile client cannot make it allocate
/// without bound.
public final class LineReader {
    public enum Line {
        /// The line's bytes without the line end (`\n` or `\r\n`), and its 1-based number.
        case line([UInt8], number: Int)
        case tooLong(bytes: Int, number: Int)
    }

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private var lineNumber = 0
    public let maxLineBytes: Int
    /// Bytes read from the descriptor so far (for progress and ETA).
    public private(set) var bytesRead = 0
    /// Why reading stopped early (EISDIR, EIO...), when it did: the input then ended
    /// before its end, and the caller must say so rather than take it for the end.
    public private(set) var readFailure: String?

    /// Reads from an open descriptor (0 for standard input).
    public init(fileDescriptor: Int32, maxLineBytes: Int = Int.max, chunkSize: Int = 1 << 20) {
        fd = fileDescriptor
        ownsDescriptor = false
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
    }

    /// Opens a file; `-` is standard input.
    public init(path: String, maxLineBytes: Int = Int.max, chunkSize: Int = 1 << 20) throws(StoreError) {
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            let d = open(path, O_RDONLY)
            guard d >= 0 else {
                if errno == ENOENT { throw .fileNotFound(path) }
                throw .cannotRead(path, reason: String(cString: strerror(errno)))
            }
            fd = d
            ownsDescriptor = true
        }
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Fills the buffer after `end`; returns false at end of input.
    private func fill() -> Bool {
        if eof { return false }
        if start > 0 && start == end { start = 0; end = 0 }
        if end == buffer.count {
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    let base = b.baseAddress!
                    memmove(base, base + start, end - start)
                }
                end -= start
                start = 0
            } else {
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
        }
        var n = 0
        repeat {
            n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + end, b.count - end) }
        } while n < 0 && errno == EINTR
        if n < 0 { readFailure = String(cString: strerror(errno)) }
        if n <= 0 { eof = true; return false }
        end += n
        bytesRead += n
        return true
    }

    /// True when a whole line is already read, so that `next()` returns without waiting
    /// for input: a server answering many piped requests writes its answers when this
    /// turns false, in one write, rather than one write per answer.
    public var hasBufferedLine: Bool {
        guard end > start else { return false }
        return buffer.withUnsafeBufferPointer { b in memchr(b.baseAddress! + start, 0x0A, end - start) != nil }
    }

    /// The next line, or nil at end of input.
    public func next() -> Line? {
        var scannedFromStart = 0   // bytes after `start` known to hold no line end
        var skipping = false
        var skipped = 0
        while true {
            let from = start + scannedFromStart
            let found: Int? = buffer.withUnsafeBufferPointer { b in
                guard from < end else { return nil }
                let p = memchr(b.baseAddress! + from, 0x0A, end - from)
                return p.map { UnsafeRawPointer($0) - UnsafeRawPointer(b.baseAddress!) }
            }
            if let nl = found {
                lineNumber += 1
                var stop = nl
                if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                defer { start = nl + 1 }
                if skipping || stop - start > maxLineBytes {
                    return .tooLong(bytes: skipped + (stop - start), number: lineNumber)
                }
                return .line(Array(buffer[start..<stop]), number: lineNumber)
            }
            // No line end in the buffer yet.
            if end - start > maxLineBytes {
                // Drop what we have of this line and keep skipping to its end.
                skipped += end - start
                start = end
                skipping = true
            }
            scannedFromStart = end - start
            if !fill() {
                guard end > start || skipping else { return nil }
                lineNumber += 1
                var stop = end
                if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                defer { start = end }
                if skipping || stop - start > maxLineBytes {
                    return .tooLong(bytes: skipped + (stop - start), number: lineNumber)
                }
                return .line(Array(buffer[start..<stop]), number: lineNumber)
            }
        }
    }
}
