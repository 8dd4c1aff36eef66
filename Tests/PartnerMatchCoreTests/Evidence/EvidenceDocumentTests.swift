import Foundation
import Testing
@testable import PartnerMatchCore

/// The hand-written activity document must be byte for byte what `JSONEncoder` writes,
/// or re-importing a file into a database written before it would "update" every row.
@Suite struct EvidenceDocumentTests {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func check(_ a: EvidenceActivity, _ note: String) throws {
        let mine = try #require(EvidenceDocument.encode(a))
        let theirs = try Self.encoder.encode(a)
        #expect(String(decoding: mine, as: UTF8.self) == String(decoding: theirs, as: UTF8.self), "\(note)")
        #expect(try JSONDecoder().decode(EvidenceActivity.self, from: Data(mine)) == a, "\(note)")
        // Read back by hand: the same activity, and the same as JSONDecoder reads.
        #expect(EvidenceDocument.decode(mine) == a, "\(note)")
    }

    @Test func documentsTheHandReaderDoesNotKnowAreLeftToJSONDecoder() {
        let base = #"{"budgets":[],"dates":[],"identifier":"x","locations":[],"participants":[],"recipientCountries":[],"recipientRegions":[],"sectors":[],"sourceFormat":"iati-2.03","titles":[],"transactions":[]}"#
        #expect(EvidenceDocument.decode(Array(base.utf8)) == EvidenceActivity(identifier: "x", sourceFormat: "iati-2.03"))
        for bad in [
            base.replacingOccurrences(of: #""identifier":"x""#, with: #""identifier":null"#),
            base.replacingOccurrences(of: #""titles":[],"#, with: ""),
            base.replacingOccurrences(of: #""identifier":"x""#, with: #""identifier":"x","extra":1"#),
            base.replacingOccurrences(of: #""identifier":"x""#, with: #""identifier":"\u0041""#),
            base.replacingOccurrences(of: #""budgets":[]"#, with: #""budgets":[{"value":01}]"#),
            base.replacingOccurrences(of: #""budgets":[]"#, with: #""budgets":[{"value":1e999}]"#),
            base + " x",
        ] {
            #expect(EvidenceDocument.decode(Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func fixturesEncodeAsJSONEncoderDoes() throws {
        for name in ["iati-2.03.xml", "iati-1.04.xml"] {
            for a in try EvidenceFixtures.read(name).0 { try Self.check(a, a.identifier) }
        }
    }

    static func text(_ g: inout SplitMix) -> String {
        let pool: [String] = ["a", "Z", "0", " ", "/", "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", "\u{7F}", "é", "Đ", "ơ̆", "\u{2028}", "😀", "<", "&", "e"]
        let n = Int.random(in: 0...12, using: &g)
        return (0..<n).map { _ in pool.randomElement(using: &g)! }.joined()
    }

    static func number(_ g: inout SplitMix) -> Double {
        switch Int.random(in: 0...7, using: &g) {
        case 0: return Double(Int.random(in: -1_000_000...1_000_000_000, using: &g))
        case 1: return Double.random(in: -1e6...1e6, using: &g)
        case 2: return Double.random(in: 0...1, using: &g)
        case 3: return [0, -0.0, 1e15, 1e16, 9.999e15, 1e21, 1e-7, 123456789.125, Double.leastNonzeroMagnitude, 1.7976931348623157e308][Int.random(in: 0...9, using: &g)]
        case 4: return Double(Int64.random(in: -(1 << 60)...(1 << 60), using: &g))
        case 5: return Double.random(in: 1e10...1e20, using: &g)
        default: return (Double.random(in: 0...1e7, using: &g) * 100).rounded() / 100
        }
    }

    static func opt<T>(_ g: inout SplitMix, _ make: (inout SplitMix) -> T) -> T? { Bool.random(using: &g) ? make(&g) : nil }

    @Test func randomActivitiesEncodeAsJSONEncoderDoes() throws {
        for seed in 0..<300 as Range<UInt64> {
            var g = SplitMix(seed: seed)
            var a = EvidenceActivity(identifier: Self.text(&g), sourceFormat: Self.text(&g))
            a.projectID = Self.opt(&g, Self.text)
            a.reportingOrg = Self.opt(&g) { g in EvidenceOrg(ref: Self.text(&g), name: Self.text(&g), type: Self.text(&g)) }
            for _ in 0..<Int.random(in: 0...3, using: &g) {
                a.participants.append(EvidenceParticipant(org: EvidenceOrg(ref: Self.opt(&g, Self.text), name: Self.opt(&g, Self.text), partners: Self.opt(&g) { g in [Self.text(&g), Self.text(&g)] }), role: OrgRole.allCases.randomElement(using: &g), roleText: Self.opt(&g, Self.text)))
                a.titles.append(Narrative(lang: Self.opt(&g, Self.text), text: Self.text(&g)))
                a.sectors.append(EvidenceSector(vocabulary: Self.text(&g), code: Self.text(&g), percentage: Self.opt(&g, Self.number), category: Self.opt(&g, Self.text), standing: [.active, .retired, .unknown, .otherVocabulary].randomElement(using: &g)!))
                a.recipientCountries.append(CodeShare(code: Self.text(&g), percentage: Self.opt(&g, Self.number)))
                a.recipientRegions.append(CodeShare(code: Self.text(&g), percentage: Self.opt(&g, Self.number)))
                a.locations.append(EvidenceLocation(name: Self.text(&g), province: Self.opt(&g, Self.text), resolvedBy: Self.opt(&g, Self.text)))
                a.dates.append(ActivityDate(kind: [.startPlanned, .startActual, .endPlanned, .endActual].randomElement(using: &g)!, date: Self.text(&g)))
                var m = Money(value: Self.number(&g), currency: Self.opt(&g, Self.text), date: Self.opt(&g, Self.text))
                m.usd = Self.opt(&g, Self.number)
                m.rate = Self.opt(&g, Self.number)
                m.rateYear = Self.opt(&g) { g in Int.random(in: -5...3000, using: &g) }
                a.budgets.append(m)
                a.transactions.append(EvidenceTransaction(kind: [.commitment, .disbursement, .other, .incomingFunds].randomElement(using: &g)!, typeCode: Self.text(&g), money: m, financeType: Self.opt(&g, Self.text), aidType: Self.opt(&g, Self.text)))
            }
            a.status = Self.opt(&g) { g in ActivityStatus(code: Self.opt(&g, Self.text), text: Self.opt(&g, Self.text)) }
            a.defaultFinanceType = Self.opt(&g, Self.text)
            a.defaultAidType = Self.opt(&g, Self.text)
            a.statedInstrument = Self.opt(&g) { g in Instrument.allCases.randomElement(using: &g)! }
            try Self.check(a, "seed \(seed)")
        }
    }

    @Test func nonFiniteNumbersAreLeftToJSONEncoder() {
        var a = EvidenceActivity(identifier: "x", sourceFormat: "iati-2.03")
        a.budgets = [Money(value: .infinity, currency: nil, date: nil)]
        #expect(EvidenceDocument.encode(a) == nil)
    }
}

@Suite struct TextFoldingASCIITests {
    @Test func theASCIIPathFoldsAsTheUnicodeOne() {
        var g = SplitMix(seed: 7)
        let ascii = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0...20, using: &g)).map { _ in ascii.randomElement(using: &g)! }.joined()
            #expect(TextFolding.foldASCII(s) == TextFolding.foldUnicode(s), "\(s.debugDescription)")
        }
        #expect(TextFolding.foldASCII("Asian Development Bank (ADB)") == "asian development bank adb")
        #expect(TextFolding.foldASCII("  --World  Bank--") == "world bank")
        #expect(TextFolding.foldASCII("Sơn La") == nil)
    }
}
