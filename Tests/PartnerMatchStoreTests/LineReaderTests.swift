import Foundation
import Testing
@testable import PartnerMatchStore

@Suite struct LineReaderTests {
    func lines(_ text: String, max: Int = .max, chunk: Int = 4096) throws -> [String] {
        let path = temporaryPath("l.txt")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = try LineReader(path: path, maxLineBytes: max, chunkSize: chunk)
        var out: [String] = []
        while let l = r.next() {
            switch l {
            case .line(let b, let n): out.append("\(n):\(String(decoding: b, as: UTF8.self))")
            case .tooLong(let bytes, let n): out.append("\(n):TOO LONG \(bytes)")
            }
        }
        return out
    }

    @Test func splitsOnLFAndCRLFAcrossChunks() throws {
        let long = String(repeating: "x", count: 10_000)
        #expect(try lines("a\r\nbb\n\n\(long)\nlast") == ["1:a", "2:bb", "3:", "4:\(long)", "5:last"])
        #expect(try lines("") == [])
        #expect(try lines("only\n") == ["1:only"])
    }

    @Test func skipsLinesOverTheLimitWithoutKeepingThem() throws {
        let huge = String(repeating: "y", count: 50_000)
        #expect(try lines("ok\n\(huge)\nafter\n\(huge)", max: 100) == ["1:ok", "2:TOO LONG 50000", "3:after", "4:TOO LONG 50000"])
        #expect(try lines("12345\n123456\n", max: 5) == ["1:12345", "2:TOO LONG 6"])
    }

    @Test func missingFileIsAnError() {
        #expect { try LineReader(path: "/nonexistent/x") } throws: { "\($0)" == "/nonexistent/x: no such file" }
    }

    /// Reads `chunks` one per call, then the end of input (0), or `error` instead of it.
    /// `interrupted` calls before each chunk fail with EINTR.
    static func faulty(_ chunks: [String], interrupted: Int = 0, error: Int32? = nil) -> LineReader.ReadFunction {
        var pending = chunks.map { Array($0.utf8) }
        var interruptions = 0
        return { into, count in
            if interruptions < interrupted { interruptions += 1; return (-1, EINTR) }
            interruptions = 0
            guard !pending.isEmpty else { return error.map { (-1, $0) } ?? (0, 0) }
            let bytes = pending.removeFirst()
            precondition(bytes.count <= count, "test chunk larger than the reader's room")
            bytes.withUnsafeBytes { into.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            return (bytes.count, 0)
        }
    }

    static func drain(_ r: LineReader) -> [String] {
        var out: [String] = []
        while let l = r.next() {
            switch l {
            case .line(let b, let n): out.append("\(n):\(String(decoding: b, as: UTF8.self))")
            case .tooLong(let bytes, let n): out.append("\(n):TOO LONG \(bytes)")
            }
        }
        return out
    }

    @Test func retriesReadsInterruptedBySignals() {
        let r = LineReader(read: Self.faulty(["a\nb", "b\n", "c"], interrupted: 3))
        #expect(Self.drain(r) == ["1:a", "2:bb", "3:c"])
        #expect(r.readFailure == nil)
        #expect(r.bytesRead == 6)
    }

    /// EIO in the middle of a line: the lines before it, then nil with the error, and the
    /// cut line is not passed off as a line.
    @Test func anIOErrorIsAFailureNotTheEndOfInput() {
        let r = LineReader(read: Self.faulty(["a\nbb\n", "cut sh"], error: EIO))
        #expect(Self.drain(r) == ["1:a", "2:bb"])
        #expect(r.readFailure == String(cString: strerror(EIO)))
        #expect(Self.drain(r) == [], "stays at the failure")
    }

    @Test func anIOErrorAfterALineEndLosesNothingRead() {
        let r = LineReader(read: Self.faulty(["a\n"], interrupted: 1, error: EIO))
        #expect(Self.drain(r) == ["1:a"])
        #expect(r.readFailure == String(cString: strerror(EIO)))
    }

    /// A real failing read(2): a directory opened for reading gives EISDIR.
    @Test func aDescriptorThatCannotBeReadIsAFailure() throws {
        let fd = open(NSTemporaryDirectory(), O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let r = LineReader(fileDescriptor: fd)
        #expect(Self.drain(r) == [])
        #expect(r.readFailure == String(cString: strerror(EISDIR)))
    }
}
