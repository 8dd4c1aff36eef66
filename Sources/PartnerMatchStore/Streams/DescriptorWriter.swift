import Foundation

/// Writes every byte to a file descriptor or says why it could not: a full disk
/// (ENOSPC), a reader that has gone (EPIPE, when SIGPIPE is ignored), a closed
/// descriptor (EBADF). `FileHandle.write` traps on all three.
///
/// Unbuffered: each call is one or more `write(2)` calls, retried on EINTR and on short
/// writes, so a response reaches its reader at once.
public struct DescriptorWriter: Sendable {
    public let fileDescriptor: Int32
    /// What the error messages call the destination: "standard output" or a path.
    public let name: String

    public init(fileDescriptor: Int32, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
    }

    public static let standardOutput = DescriptorWriter(fileDescriptor: 1, name: "standard output")
    public static let standardError = DescriptorWriter(fileDescriptor: 2, name: "standard error")

    /// - Throws: `StoreError.cannotWrite` with the system's reason.
    public func write(_ text: String) throws(StoreError) {
        try write(Array(text.utf8))
    }

    public func write(_ data: Data) throws(StoreError) {
        try write(Array(data))
    }

    public func write(_ bytes: [UInt8]) throws(StoreError) {
        var failure: StoreError?
        bytes.withUnsafeBytes { buffer in
            do throws(StoreError) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public func write(_ buffer: UnsafeRawBufferPointer) throws(StoreError) {
        guard var p = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            #if canImport(Glibc)
            let n = Glibc.write(fileDescriptor, p, left)
            #else
            let n = Darwin.write(fileDescriptor, p, left)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // A non-blocking descriptor that is full: wait until it drains.
                    var waiting = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&waiting, 1, -1)
                    continue
                }
                throw .cannotWrite(name, reason: DescriptorWriter.reason(errno))
            }
            if n == 0 { throw .cannotWrite(name, reason: "nothing was written") }
            p += n
            left -= n
        }
    }

    /// Flushes a file to the disk and closes it, so that a full disk or an I/O error
    /// surfaces here rather than after the file is renamed into place.
    public func syncAndClose() throws(StoreError) {
        if fsync(fileDescriptor) != 0 && errno != EINVAL && errno != EROFS {
            let reason = DescriptorWriter.reason(errno)
            _ = close(fileDescriptor)
            throw .cannotWrite(name, reason: reason)
        }
        if close(fileDescriptor) != 0 { throw .cannotWrite(name, reason: DescriptorWriter.reason(errno)) }
    }

    /// Closes without checking: the file is being abandoned.
    public func discard() {
        _ = close(fileDescriptor)
    }

    /// Like `write`, for diagnostics on standard error: a failure there cannot be
    /// reported anywhere, so it is ignored (and never traps).
    public func writeIgnoringErrors(_ text: String) {
        do { try write(text) } catch {}
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case EPIPE: return "the reader has gone (broken pipe)"
        case ENOSPC: return "no space left on the device"
        case EBADF: return "it is closed"
        default: return String(cString: strerror(code))
        }
    }
}

/// The standard descriptors as a command starts.
public enum StandardDescriptors {
    /// Opens /dev/null on each of 0, 1 and 2 that is closed, so that no file or database
    /// opened later takes its number (output meant for the terminal would land in it), and
    /// returns the closed ones.
    @discardableResult
    public static func reserveClosed() -> Set<Int32> {
        var closed: Set<Int32> = []
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
            closed.insert(fd)
        }
        return closed
    }
}
