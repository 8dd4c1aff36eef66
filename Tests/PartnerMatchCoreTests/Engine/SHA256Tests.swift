import Testing
@testable import PartnerMatchCore

/// The hand-written SHA-256 against the known answers of FIPS 180-4 (the NIST examples
/// "abc" and the 448-bit message, the empty message and a million "a"s), and split
/// updates against one, across the 64-byte block and the 56-byte padding boundaries.
@Suite struct SHA256Tests {
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func digest(_ bytes: [UInt8]) -> String {
        var h = SHA256()
        h.update(bytes)
        return hex(h.finalize())
    }

    @Test func knownAnswers() {
        #expect(Self.digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Self.digest(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(
            Self.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000])
    func splitUpdatesEqualOne(_ length: Int) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = Self.digest(message)
        for cut in Set([0, 1, length / 3, length / 2, max(length - 1, 0), length]) where cut <= length {
            var h = SHA256()
            h.update(message[..<cut])
            h.update(message[cut...])
            #expect(Self.hex(h.finalize()) == whole, "length \(length) cut at \(cut)")
        }
    }
}
