import Foundation
import Testing
@testable import PartnerMatchCore

/// The evidence fixtures, `Tests/Fixtures/evidence`.
enum EvidenceFixtures {
    static let dir = Fixtures.root.deletingLastPathComponent().appendingPathComponent("evidence")
    static func bytes(_ name: String) -> [UInt8] { Array(FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)!) }
    static var context: EvidenceContext { EvidenceContext(reference: Fixtures.reference) }

    static func read(_ name: String, country: String? = nil) throws -> ([EvidenceActivity], IATIReader<MemoryByteSource>) {
        var r = IATIReader(source: MemoryByteSource(bytes(name)), context: EvidenceContext(reference: Fixtures.reference, country: country))
        var out: [EvidenceActivity] = []
        while let a = try r.next() { out.append(a) }
        return (out, r)
    }
}

@Suite struct IATIReaderTests {
    @Test func reads203WithNarrativesSectorsAndCurrencies() throws {
        let (acts, reader) = try EvidenceFixtures.read("iati-2.03.xml")
        #expect(reader.version == "2.03")
        #expect(acts.map(\.identifier) == ["XM-TEST-1-SLA-0001", "XM-TEST-1-LA-0002", "XM-TEST-1-VN-0003"])
        let a = acts[0]
        #expect(a.titles.map(\.lang) == ["en", "vi", "fr"])
        #expect(a.title == "Tea processing in Son La & Dien Bien")
        #expect(a.titles[2].text == "Transformation du thé à Son La")
        #expect(a.funders == [EvidenceOrg(ref: "KR-TEST-KOICA", name: "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)", type: "10")])
        #expect(a.participants.map(\.role) == [.funding, .implementing])
        #expect(a.status == ActivityStatus(code: "2", text: "Implementation"))
        #expect(a.sectors.map(\.code) == ["31120", "32161", "31191", "311"])
        #expect(a.sectors.map(\.standing) == [.active, .active, .retired, .active])
        #expect(a.sectors.map(\.category) == ["311", "321", "311", "311"])
        #expect(a.sectors.map(\.percentage) == [60, 30, 10, 100])
        #expect(a.provinces == ["son-la", "dien-bien"])
        #expect(a.year == 2024)
        #expect(a.instrument == .grant)
        // EUR by default currency at the rate of its value date's year (2025: 0.9 per USD),
        // VND at the 2024 rate, JPY unknown to the fixture rates: kept without USD.
        let t = a.transactions
        #expect(t.map(\.kind) == [.commitment, .commitment, .disbursement])
        #expect(t[0].money.currency == "EUR" && t[0].money.usd == 1_000_000 && t[0].money.rateYear == 2025)
        #expect(t[1].money.usd == 100_000 && t[1].money.rate == 24000)
        #expect(t[2].money.currency == "JPY" && t[2].money.usd == nil && t[2].money.value == 1_000_000)
        #expect(a.value == ActivityValue(usd: 1_100_000, basis: .commitments, unconverted: 0))
        // Minimal activities: no reporting org, no dates; a budget gives the value.
        let c = acts[2]
        #expect(c.reportingOrg == nil && c.funders.isEmpty)
        #expect(c.value == ActivityValue(usd: 120_000, basis: .budgets, unconverted: 1))
        #expect(c.instrument == .technicalAssistance)
        #expect(c.year == 2023)
        #expect(acts[1].sectors == [EvidenceSector(vocabulary: "1", code: "31199", percentage: nil, category: "311", standing: .unknown)])
        let kinds = reader.warnings.entries.map(\.kind)
        #expect(kinds.contains("retired sector codes (kept, mapped to their category)"))
        #expect(kinds.contains("unknown sector codes (kept, mapped to their category)"))
        #expect(reader.warnings.entries.first { $0.kind.hasPrefix("amounts in an unknown currency") }?.examples == ["JPY", "XYZ"])
    }

    @Test func countryFilterKeepsOneRecipientAndCounts() throws {
        let (acts, reader) = try EvidenceFixtures.read("iati-2.03.xml", country: "vn")
        #expect(acts.map(\.identifier) == ["XM-TEST-1-SLA-0001", "XM-TEST-1-VN-0003"])
        #expect(reader.skippedByCountry == 1)
        // The filtered-out activity's unknown sector is not counted.
        #expect(!reader.warnings.entries.contains { $0.kind.hasPrefix("unknown sector") })
    }

    @Test func reads104WordsRolesDACVocabularyAndCodeZero() throws {
        let (acts, reader) = try EvidenceFixtures.read("iati-1.04.xml")
        #expect(reader.version == "1.04")
        let a = acts[0]
        #expect(a.sourceFormat == "iati-1.04")
        #expect(a.titles == [Narrative(lang: "en", text: "Northern Power Transmission Expansion (Sector) Project")])
        #expect(a.funders.map(\.name) == ["Asia Development Bank"])
        #expect(a.reportingOrg?.name == "AidData")
        #expect(a.participants[1].org.ref == nil)
        #expect(a.status?.code == "2")
        #expect(a.sectors.map { "\($0.vocabulary):\($0.code)" } == ["1:31140", "2:140"])
        #expect(a.transactions.map(\.kind) == [.disbursement, .commitment])
        #expect(a.value == ActivityValue(usd: 1000, basis: .commitments, unconverted: 0))
        // A district resolves to its province through the gazetteer's "within"; the country does not.
        #expect(a.locations.map(\.province) == [nil, "son-la", nil])
        #expect(acts[1].recipientCountries.isEmpty && acts[1].sectors.isEmpty)
        #expect(reader.warnings.entries.first { $0.kind.hasPrefix("sectors given as code") }?.count == 2)
    }
}
