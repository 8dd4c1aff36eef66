import Foundation
import Testing
@testable import PartnerMatchCore

@Suite struct EvidenceProfileTests {
    /// Four activities whose profile was worked out by hand (see the expectations).
    static var handChecked: [EvidenceActivity] {
        let tax = Fixtures.reference.sectors
        func act(_ id: String, year: Int, sectors: [(String, String, Double?)], provinces: [String]) -> EvidenceActivity {
            var a = EvidenceActivity(identifier: id, sourceFormat: "test")
            a.dates = [ActivityDate(kind: .startActual, date: "\(year)-01-01")]
            a.sectors = sectors.map { EvidenceSector.classify(vocabulary: $0.0, code: $0.1, percentage: $0.2, taxonomy: tax) }
            a.locations = provinces.map { EvidenceLocation(name: $0, province: $0, resolvedBy: "name") }
            return a
        }
        func money(_ usd: Double) -> Money { var m = Money(value: usd, currency: "USD", date: nil); m.usd = usd; return m }
        var a = act("A", year: 2020, sectors: [("1", "31120", 60), ("1", "32161", 40)], provinces: ["son-la"])
        a.transactions = [EvidenceTransaction(kind: .commitment, typeCode: "2", money: money(100))]
        a.defaultFinanceType = "110"
        var b = act("B", year: 2021, sectors: [("1", "31120", nil)], provinces: ["son-la", "dien-bien"])
        b.transactions = [EvidenceTransaction(kind: .commitment, typeCode: "2", money: money(300)), EvidenceTransaction(kind: .disbursement, typeCode: "3", money: money(999))]
        b.defaultFinanceType = "110"
        var c = act("C", year: 2021, sectors: [], provinces: [])
        c.budgets = [money(50)]
        var d = act("D", year: 2022, sectors: [("2", "140", 100)], provinces: [])
        d.transactions = [EvidenceTransaction(kind: .disbursement, typeCode: "3", money: money(1000))]
        d.defaultAidType = "D02"
        return [a, b, c, d]
    }

    @Test func handCheckedProfile() {
        let p = EvidenceProfile.compute(Self.handChecked, latest: 2)
        #expect(p.activities == 4 && p.withValue == 4 && p.valueUSD == 1450)
        #expect(p.basis == ["commitments": 2, "budgets": 1, "disbursements": 1])
        #expect(p.byYear.map { "\($0.year):\($0.activities):\($0.valueUSD)" } == ["2020:1:100.0", "2021:2:350.0", "2022:1:1000.0"])
        #expect(p.sectors.map { "\($0.code):\($0.valueUSD):\($0.activities)" } == ["31120:360.0:2", "32161:40.0:1"])
        #expect(p.sectors[0].share == 360.0 / 1450)
        #expect(p.categories.map { "\($0.code):\($0.valueUSD)" } == ["140:1000.0", "311:360.0", "321:40.0"])
        #expect(p.tickets.map { "\($0.instrument):\($0.count):\($0.p10):\($0.p50):\($0.p90)" } == [
            "grant:2:120.0:200.0:280.0", "technical-assistance:1:1000.0:1000.0:1000.0", "unknown:1:50.0:50.0:50.0",
        ])
        #expect(p.provinces.map { "\($0.province):\($0.activities):\($0.valueUSD)" } == ["son-la:2:250.0", "dien-bien:1:150.0"])
        #expect(p.latest.map(\.identifier) == ["D", "C"])
    }

    @Test func untilSeesOnlyEarlierEvidence() {
        let p = EvidenceProfile.compute(Self.handChecked, until: 2021)
        #expect(p.activities == 3 && p.valueUSD == 450 && p.lastYear == 2021)
        #expect(!p.tickets.contains { $0.instrument == "technical-assistance" })
    }

    @Test func percentilesInterpolate() {
        #expect(EvidenceProfile.percentile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(EvidenceProfile.percentile([5], 0.9) == 5)
        #expect(EvidenceProfile.percentile([0, 10], 0.1) == 1)
    }
}

@Suite struct PartnerLinkerTests {
    static let partners = [
        Partner(id: "adb-a", name: LocalizedText(en: "ADB loans"), aliases: ["Asian Development Bank", "Asia Development Bank"], iatiRefs: ["46004"],
                kind: .multilateralBank, origin: "multilateral", instruments: [], sectorPriorities: [], sources: []),
        Partner(id: "adb-b", name: LocalizedText(en: "ADB TA"), aliases: ["ADB TA"], iatiRefs: ["46004"],
                kind: .multilateralBank, origin: "multilateral", instruments: [], sectorPriorities: [], sources: []),
        Partner(id: "sfd", name: LocalizedText(en: "Saudi Fund", vi: "Quỹ Phát triển Ả Rập Xê Út"), kind: .developmentFund, origin: "SA", instruments: [], sectorPriorities: [], sources: []),
    ]

    @Test func linksByRefAndAliasCaseAndDiacriticInsensitiveNeverByGuess() {
        let l = PartnerLinker(partners: Self.partners)
        #expect(l.links(for: EvidenceOrg(ref: "XM-DAC-46004")).map(\.partnerID) == ["adb-a", "adb-b"])
        #expect(l.links(for: EvidenceOrg(name: "ASIA  development-bank")).map(\.partnerID) == ["adb-a"])
        #expect(l.links(for: EvidenceOrg(name: "quy phat trien a rap xe ut")).map(\.partnerID) == ["sfd"])
        #expect(l.links(for: EvidenceOrg(name: "Asian Development Bank Institute")).isEmpty)
        #expect(l.links(for: EvidenceOrg(name: "Saudi")).isEmpty)
        #expect(l.funderIdentity([EvidenceOrg(name: "Asia Development Bank")]) == l.funderIdentity([EvidenceOrg(name: "Asian Development Bank")]))
    }

    @Test func matchKeysFindTheProjectNumberInsideAnIATIIdentifier() {
        let xml = EvidenceActivity(identifier: "US-501c3-522318905-SG-38196-013", sourceFormat: "iati-1.04")
        var csv = EvidenceActivity(identifier: "ADB-38196-013", sourceFormat: "csv:adb.json")
        csv.projectID = "38196-013"
        let shared = Set(EvidenceMatchKeys.keys(for: xml, funder: "f")).intersection(EvidenceMatchKeys.keys(for: csv, funder: "f"))
        #expect(shared == ["f|38196-013"])
        #expect(Set(EvidenceMatchKeys.keys(for: xml, funder: "g")).isDisjoint(with: EvidenceMatchKeys.keys(for: csv, funder: "f")))
    }

    @Test func matchKeysOfASCIIAndOtherIdentifiersFollowOneRule() {
        // ASCII identifiers take a byte path; every identifier gives what the rule on
        // Strings gives (the rule as written before the byte path)
        func rule(_ id: String) -> [String] {
            var numbers: Set<String> = []
            let parts = id.uppercased().split(separator: "-", omittingEmptySubsequences: false)
            for n in [2, 3] where parts.count > n {
                let suffix = parts.suffix(n).joined(separator: "-")
                if suffix.contains(where: \.isNumber) && suffix.count >= 5 { numbers.insert(suffix) }
            }
            return numbers.sorted().map { "f|" + $0 }
        }
        let ids = ["US-501c3-522318905-sg-38196-013", "xm-dac-41114-abcde", "KR-GOV-SG-013", "A-B-C-D", "ONE-12345", "X--12345",
                   "NO-DASHES12345", "-", "", "a-b-c-1234", "VN-Hà-Nội-12345", "X-Y-1\r\n23", "X-Y-1\r\n234", "JP-JICA-Ⅻ-ABCD", "XM-DAC-2-10-1996-0042"]
        for id in ids {
            #expect(EvidenceMatchKeys.keys(for: EvidenceActivity(identifier: id, sourceFormat: "iati-2.03"), funder: "f") == rule(id), "\(id)")
        }
        #expect(rule("US-501c3-522318905-sg-38196-013") == ["f|38196-013", "f|SG-38196-013"])
    }
}
