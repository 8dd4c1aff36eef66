import Foundation
import Testing
@testable import PartnerMatchCore

@Suite struct TextFoldingTests {
    @Test func foldsDiacriticsCaseAndD() {
        #expect(TextFolding.fold("Sơn La") == "son la")
        #expect(TextFolding.fold("Điện Biên") == "dien bien")
        #expect(TextFolding.fold("ĐÀ NẴNG") == "da nang")
        #expect(TextFolding.fold("Ðiện Biên") == "dien bien")  // U+00D0, as in the ADB files
        #expect(TextFolding.fold("Quỹ Phát triển") == "quy phat trien")
    }

    @Test func nfcAndNfdFoldAlike() {
        let nfc = "Điện Biên Phủ".precomposedStringWithCanonicalMapping
        let nfd = "Điện Biên Phủ".decomposedStringWithCanonicalMapping
        #expect(Array(nfc.unicodeScalars).count != Array(nfd.unicodeScalars).count)
        #expect(TextFolding.fold(nfc) == TextFolding.fold(nfd))
    }

    @Test func punctuationBecomesSingleSpaces() {
        #expect(TextFolding.fold("  Thua Thien -  Hue ") == "thua thien hue")
    }

    @Test func queryMatchesWordPrefixes() {
        let text = TextFolding.fold("Quỹ Phát triển Ả Rập Xê Út | SFD")
        #expect(TextFolding.matches(query: "quy phat trien", in: text))
        #expect(TextFolding.matches(query: "sfd", in: text))
        #expect(TextFolding.matches(query: "xe ut", in: text))
        #expect(!TextFolding.matches(query: "kuwait", in: text))
    }

    @Test func nearestSuggestsCloseSpellings() {
        #expect(TextFolding.nearest("Son Laa", among: ["Sơn La", "Lai Châu", "Hà Nội"]).first == "Sơn La")
        #expect(TextFolding.editDistance("kitten", "sitting") == 3)
    }
}
