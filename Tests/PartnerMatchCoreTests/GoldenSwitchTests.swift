import PartnerMatchTestSupport
import Testing

/// The one record switch of golden files, and a comparison that Unicode equivalence
/// cannot fool.
@Suite struct GoldenSwitchTests {
    @Test func oneSwitchRecordsAndOnlyOutsideCI() {
        #expect(Golden.mode([:]) == .compare)
        #expect(Golden.mode(["PARTNERMATCH_RECORD": "0"]) == .compare)
        #expect(Golden.mode(["PARTNERMATCH_RECORD": "1"]) == .record)
        #expect(Golden.mode(["PARTNERMATCH_RECORD": "1", "CI": "false"]) == .record)
        guard case .refused(let ci) = Golden.mode(["PARTNERMATCH_RECORD": "1", "CI": "true"]) else {
            Issue.record("recording on CI was not refused")
            return
        }
        #expect(ci.contains("on CI"))
        guard case .refused(let old) = Golden.mode(["RECORD_GOLDEN": "1"]) else {
            Issue.record("the old switch was not refused")
            return
        }
        #expect(old == "RECORD_GOLDEN is no longer read; re-record golden files with PARTNERMATCH_RECORD=1")
    }

    @Test func comparesBytesNotCanonicalEquivalence() {
        let nfc = "Điện Biên", nfd = "Đi\u{0065}\u{0323}\u{0302}n Biên"
        #expect(nfc == nfd, "Swift's == treats them as equal")
        #expect(Golden.difference(actual: nfd, expected: nfc, name: "g") == "output differs from g at line 1:\nexpected: \(nfc)\nactual:   \(nfd)")
        #expect(Golden.difference(actual: "a\nb", expected: "a\nb", name: "g") == nil)
        #expect(Golden.difference(actual: "a\nb", expected: "a\nb\n", name: "g")?.contains("at line 3") == true)
    }
}
