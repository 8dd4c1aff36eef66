import Foundation
@testable import PartnerMatchCore

/// Shared fixtures: the small reference data of `Tests/Fixtures/data`.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/data")

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) -> T {
        let bytes = Array(FileManager.default.contents(atPath: root.appendingPathComponent(name).path)!)
        let value = try! JSONParser.parse(bytes)
        return try! JSONValueDecoder(rejectUnknownKeys: false).decode(T.self, from: value)
    }

    static let reference = ReferenceData(
        sectors: decode(SectorTaxonomy.self, "sectors.json"),
        provinces: decode(Gazetteer.self, "provinces.json"),
        themes: decode(ThemeVocabulary.self, "themes.json"),
        rates: decode(RateTable.self, "rates.json"))
}

extension Fixtures {
    static func bytes(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: root.appendingPathComponent(name).path)!)
    }
}
