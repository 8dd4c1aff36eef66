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
}
