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
///
/// A read interrupted by a signal (EINTR) is retried. Any other read error (EIO,
/// EISDIR...) ends the lines and sets `readFailure`: `next()` returns nil, as at the end
/// of input, so a caller must check `readFailure` after the loop. The bytes of a line
/// cut short by the error are not returned as a line.
public final class LineReader {
    public enum Line {
        /// The line's bytes without the line end (`\n` or `\r\n`), and its 1-based number.
        case line([UInt8], number: Int)
        case tooLong(bytes: Int, number: Int)
    }

    /// Reads up to `count` bytes to `into`: the count read (0 at end of input), or -1
    /// and the errno.
    typealias ReadFunction = (_ into: UnsafeMutableRawPointer, _ count: Int) -> (count: Int, errno: Int32)

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let readBytes: ReadFunction
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
        readBytes = LineReader.reading(fileDescriptor)
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
    }

    /// Reads through `read` instead of a descriptor: for tests that inject faults.
    init(read: @escaping ReadFunction, maxLineBytes: Int = Int.max, chunkSize: Int = 4096) {
        fd = -1
        ownsDescriptor = false
        readBytes = read
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
    }

    private static func reading(_ fd: Int32) -> ReadFunction {
        { into, count in
            let n = read(fd, into, count)
            return (n, n < 0 ? errno : 0)
        }
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
        readBytes = LineReader.reading(fd)
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Fills the buffer after `end`; returns false at end of input or on a read error
    /// (then `readFailure` says which).
    private func fill() -> Bool {
        if eof { return false }
        if start > 0 && start == end { start = 0; end = 0 }
        if end == buffer.count {
            if start > 0 {
                // Moves the unread bytes start..<end to the front: both ranges lie inside
                // the buffer (0 < start < end == count), and memmove allows the overlap.
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
        var result: (count: Int, errno: Int32)
        repeat {
            // Writes at most `count - end` bytes after `end`: inside the buffer, which
            // `end < count` leaves room in (it grew or was compacted above).
            result = buffer.withUnsafeMutableBufferPointer { b in readBytes(b.baseAddress! + end, b.count - end) }
        } while result.count < 0 && result.errno == EINTR
        let n = result.count
        if n < 0 { readFailure = String(cString: strerror(result.errno)) }
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

    /// The next line, or nil at end of input or after a read error (see `readFailure`).
    public func next() -> Line? {
        var scannedFromStart = 0   // bytes after `start` known to hold no line end
        var skipping = false
        var skipped = 0
        while true {
            let from = start + scannedFromStart
            // memchr reads `end - from` bytes from `from`: inside the buffer's filled part.
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
                // A read error: the bytes since the last line end are part of a line
                // whose end was never read, so they are not a line.
                if readFailure != nil { return nil }
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
