import Foundation
import Testing
@testable import PartnerMatchCore

/// Issue 14 item 6: what IATI 2.0x says that the reader lost or counted twice, and
/// item 13: one activity's transactions do not pile up in memory.
@Suite struct IATIReliabilityTests {
    func activity(_ id: String, country: String? = nil) throws -> EvidenceActivity? {
        try EvidenceFixtures.read("iati-2.03-reliability.xml", country: country).0.first { $0.identifier == id }
    }

    @Test func aRevisedBudgetReplacesTheOriginalOfItsPeriod() throws {
        let a = try #require(try activity("XM-TEST-2-BUDGETS"))
        // 2024: revised 1.2M (not 1.0M + 1.2M); 2025: the original 0.3M stands.
        #expect(a.budgets.map(\.value) == [1_200_000, 300_000])
        #expect(a.value == ActivityValue(usd: 1_500_000, basis: .budgets, unconverted: 0))
    }

    @Test func countryAndSectorGivenOnTransactionsAreUsed() throws {
        let a = try #require(try activity("XM-TEST-2-TX-PLACES"))
        #expect(a.recipientCountries.map(\.code) == ["VN"])
        #expect(a.sectors.map(\.code) == ["14030"])
        #expect(a.sectors.first?.category == "140")
        // --country VN keeps it.
        #expect(try activity("XM-TEST-2-TX-PLACES", country: "VN") != nil)
        #expect(try activity("XM-TEST-2-TX-PLACES", country: "LA") == nil)
    }

    @Test func theDACAidTypeWinsOverOtherVocabularies() throws {
        let a = try #require(try activity("XM-TEST-2-AID-TYPES"))
        #expect(a.defaultAidType == "D02")
        #expect(a.instrument == .technicalAssistance)
        // A transaction's aid type of another vocabulary is not read as a DAC code.
        #expect(a.transactions.map(\.aidType) == [nil])
    }

    /// An activity of many transactions: kept as published up to a bound, then summed
    /// per type, currency and year, so that the value is the same and memory flat.
    @Test func transactionsBeyondTheBoundAreSummedWithTheSameValue() throws {
        let n = 5_000
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03"><iati-activity default-currency="USD">
            <iati-identifier>XM-TEST-2-MANY</iati-identifier>
            <reporting-org ref="XM-TEST-2"><narrative>Test Agency</narrative></reporting-org>
            <recipient-country code="VN"/>

            """
        var commitments = 0.0
        for t in 0..<n {
            let kind = t % 5 == 0 ? 2 : 3
            let amount = Double(1000 + t)
            if kind == 2 { commitments += amount }
            xml += "<transaction><transaction-type code=\"\(kind)\"/><transaction-date iso-date=\"\(2000 + t % 10)-0\(1 + t % 9)-15\"/><value>\(Int(amount))</value></transaction>\n"
        }
        xml += "</iati-activity></iati-activities>\n"
        var r = IATIReader(source: MemoryByteSource(Array(xml.utf8)), context: EvidenceFixtures.context)
        let a = try #require(try r.next())
        #expect(a.transactions.count <= 2 * 10)
        #expect(a.value == ActivityValue(usd: commitments, basis: .commitments, unconverted: 0))
        #expect(a.startDate == "2000-01-15")
        #expect(r.warnings.entries.contains { $0.kind.hasPrefix("activities with more than") && $0.examples == ["XM-TEST-2-MANY"] })
    }
}

@Suite struct IATINumberTests {
    /// Issue 14 item 5's rule for IATI amounts too: only the grouping of three digits is
    /// tolerated; `Double` alone reads `0x10` as 16.
    @Test func amountsAreDecimalsNotWhateverDoubleAccepts() {
        #expect(number("1000.50") == 1000.5)
        #expect(number(" -3.2E3 ") == -3200)
        #expect(number("1,000,000") == 1_000_000)
        #expect(number("1 000 000.5") == 1_000_000.5)
        for bad in ["225,26", "0x10", "1.234,5", "inf", "nan", "1e", "", "12 34"] { #expect(number(bad) == nil, "\(bad)") }
    }
}
