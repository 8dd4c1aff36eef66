/// A byte source that hands on UTF-8 whatever the file's Unicode encoding: told by its
/// byte-order mark, UTF-16 little-endian (`FF FE`, how the OECD publishes its CRS text
/// files), UTF-16 big-endian (`FE FF`) or UTF-8 (with `EF BB BF`, which is passed on,
/// or without a mark). Transcodes chunk by chunk: memory is two buffers, whatever the size.
///
/// A UTF-16 file with an unpaired surrogate or an odd number of bytes is an error of the
/// read (the CSV reader reports it at the line and column it reached).
public struct TextDecodingSource<Base: XMLByteSource>: XMLByteSource {
    public enum Encoding: Sendable, Hashable { case utf8, utf16LE, utf16BE }

    public struct Malformed: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private var base: Base
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    /// Bytes of `input` not yet decoded (`start..<end`).
    private var start = 0, end = 0
    private var baseDone = false
    private var sniffed = false
    /// Bytes already decoded into UTF-8 and not yet handed on.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// A high surrogate waiting for its low half.
    private var high: UInt16?
    private var offset = 0
    /// A malformation found while decoding ahead: thrown once the text before it has
    /// been handed on, so that the reader reports the line and column it is at.
    private var failure: Malformed?
    public private(set) var encoding = Encoding.utf8

    public init(_ base: Base) { self.base = base }

    private mutating func fill() throws {
        if start > 0 {
            for k in start..<end { input[k - start] = input[k] }
            end -= start
            start = 0
        }
        while !baseDone && end < input.count {
            let n = try input.withUnsafeMutableBufferPointer { buffer in
                try base.read(into: UnsafeMutableBufferPointer(rebasing: buffer[end...]))
            }
            if n == 0 { baseDone = true } else { end += n }
            if n > 0 { break }
        }
    }

    public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if !sniffed {
            while end < 2 && !baseDone { try fill() }
            sniffed = true
            if end >= 2 && input[0] == 0xFF && input[1] == 0xFE { encoding = .utf16LE; start = 2; offset = 2 }
            else if end >= 2 && input[0] == 0xFE && input[1] == 0xFF { encoding = .utf16BE; start = 2; offset = 2 }
        }
        if encoding == .utf8 {
            // Pass the bytes through.
            if start == end {
                if baseDone { return 0 }
                start = 0; end = 0
                let n = try base.read(into: buffer)
                if n == 0 { baseDone = true }
                return n
            }
            let n = min(buffer.count, end - start)
            for k in 0..<n { buffer[k] = input[start + k] }
            start += n
            return n
        }
        while pendingStart >= pending.count {
            if let failure { throw failure }
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
            if end - start < 2 { try fill() }
            if end - start < 2 {
                if end - start == 1 { throw Malformed(message: "the UTF-16 file ends in the middle of a character (an odd number of bytes)") }
                if high != nil { throw Malformed(message: "the UTF-16 file ends with half a surrogate pair (byte \(offset))") }
                return 0
            }
            decoding: while end - start >= 2 {
                let u = encoding == .utf16LE ? UInt16(input[start]) | UInt16(input[start + 1]) << 8 : UInt16(input[start]) << 8 | UInt16(input[start + 1])
                start += 2
                offset += 2
                let scalar: UInt32
                if let h = high {
                    guard (0xDC00...0xDFFF).contains(u) else { failure = Malformed(message: "unpaired UTF-16 surrogate at byte \(offset - 4); expected a valid UTF-16 file"); break decoding }
                    high = nil
                    scalar = 0x10000 + ((UInt32(h) - 0xD800) << 10) + (UInt32(u) - 0xDC00)
                } else if (0xD800...0xDBFF).contains(u) {
                    high = u
                    continue
                } else if (0xDC00...0xDFFF).contains(u) {
                    failure = Malformed(message: "unpaired UTF-16 surrogate at byte \(offset - 2); expected a valid UTF-16 file")
                    break decoding
                } else {
                    scalar = UInt32(u)
                }
                switch scalar {
                case ..<0x80: pending.append(UInt8(scalar))
                case ..<0x800: pending.append(contentsOf: [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)])
                case ..<0x10000: pending.append(contentsOf: [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | (scalar >> 6) & 0x3F), UInt8(0x80 | scalar & 0x3F)])
                default: pending.append(contentsOf: [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | (scalar >> 12) & 0x3F), UInt8(0x80 | (scalar >> 6) & 0x3F), UInt8(0x80 | scalar & 0x3F)])
                }
            }
        }
        let n = min(buffer.count, pending.count - pendingStart)
        for k in 0..<n { buffer[k] = pending[pendingStart + k] }
        pendingStart += n
        return n
    }
}
