import Foundation
import Testing
@testable import PartnerMatchCore

/// Dates and shares as people write them here.
@Suite struct DateSyntaxTests {
    @Test(arguments: [
        ("2017-03-20", "2017-03-20"), ("20/3/2017", "2017-03-20"), ("20-03-2017", "2017-03-20"),
        ("20.3.2017", "2017-03-20"), ("1/1/2024", "2024-01-01"), ("29/2/2024", "2024-02-29"), (" 5/12/2025 ", "2025-12-05"),
    ])
    func readsDayFirstAndISO(text: String, iso: String) {
        #expect(DateSyntax.parse(text) == iso)
    }

    @Test(arguments: ["29/2/2023", "31/4/2017", "20/13/2017", "2017-3-20", "20/03-2017", "3/20", "20/3/17", "hôm nay", ""])
    func refusesWhatIsNotADate(text: String) {
        #expect(DateSyntax.parse(text) == nil)
    }

    @Test func theNeedsYearComesFromADayFirstDate() {
        #expect(AmountSyntax.year(ofDate: "20/3/2017") == 2017)
    }

    @Test func sharesWithAPercentSign() throws {
        let s = try SectorSyntax.parse("31120:70%;32161:30 %")
        #expect(s.map(\.share) == [70, 30])
        #expect(try SectorSyntax.parse("31120:87,5%;32161:12,5%").map(\.share) == [87.5, 12.5])
        let json = try JSONParser.parse(#"{"code": "31120", "share": "70%"}"#)
        #expect(try JSONValueDecoder().decode(SectorShare.self, from: json).share == 70)
        #expect(throws: JSONValueDecoder.Failure.self) { try JSONValueDecoder().decode(SectorShare.self, from: JSONParser.parse(#"{"code": "31120", "share": "much"}"#)) }
    }
}

/// Places below the province reach their province, and every merger is said.
@Suite struct LocalityTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let gazetteer: Gazetteer = {
        let data = try! Data(contentsOf: packageRoot.appendingPathComponent("Data/provinces.json"))
        return try! JSONValueDecoder(rejectUnknownKeys: false).decode(Gazetteer.self, from: JSONParser.parse(Array(data)))
    }()

    @Test(arguments: [
        ("Mộc Châu", "son-la"), ("moc chau", "son-la"), ("Huyện Mộc Châu", "son-la"), ("Sốp Cộp", "son-la"), ("xã Sốp Cộp", "son-la"),
        ("Phường Thảo Nguyên", "son-la"), ("Mai Châu", "phu-tho"), ("Tủa Chùa", "dien-bien"), ("Sìn Hồ", "lai-chau"),
    ])
    func aFormerDistrictOrACommuneResolvesToItsProvince(text: String, province: String) throws {
        let r = try #require(Self.gazetteer.resolveWithNote(text))
        #expect(r.unit.id == province)
        #expect(r.note?.contains("->") == true)
        #expect(try Self.gazetteer.require(text).id == province)
    }

    @Test func aMergerIsSaid() throws {
        let r = try #require(Self.gazetteer.resolveWithNote("Hòa Bình"))
        #expect(r.unit.id == "phu-tho")
        #expect(r.note == "Hòa Bình -> Phú Thọ, merged 1 July 2025")
        let mai = try #require(Self.gazetteer.resolveWithNote("Mai Châu"))
        #expect(mai.note?.contains("Hòa Bình -> Phú Thọ, merged 1 July 2025") == true)
        #expect(Self.gazetteer.resolveWithNote("Sơn La")?.note == nil)
    }

    /// Place names of imported records (evidence) are not resolved through the commune
    /// lists: "Tân Yên" is a Sơn La commune and a former Bắc Giang district.
    @Test func importedPlaceNamesDoNotGoThroughTheCommuneLists() {
        #expect(Self.gazetteer.resolve("Tân Yên") == nil)
        #expect(Self.gazetteer.resolve("Hòa Bình")?.id == "phu-tho")
        if case .unit = Self.gazetteer.lookup("Mộc Châu") { Issue.record("lookup should not resolve a commune list name") }
    }

    @Test func everyListSaysWhereItComesFrom() {
        #expect(!Self.gazetteer.localities.isEmpty)
        for l in Self.gazetteer.localities {
            #expect(l.source.url.hasPrefix("http"))
            #expect(DateSyntax.parse(l.source.checked) != nil)
        }
    }
}
