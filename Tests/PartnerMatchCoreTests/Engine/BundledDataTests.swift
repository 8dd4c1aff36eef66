import Foundation
import Testing
@testable import PartnerMatchCore

/// The bundled catalog in the main checkout, when it is there: every need against every
/// partner, fast path against the reference scorer. Skipped when the data is absent.
@Suite struct BundledDataTests {
    static let dataDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Data").standardized

    static func load<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        let bytes = try [UInt8](Data(contentsOf: dataDir.appendingPathComponent(path)))
        return try JSONValueDecoder(rejectUnknownKeys: false).decode(T.self, from: try JSONParser.parse(bytes))
    }

    static var available: Bool {
        ["sectors.json", "provinces.json", "themes.json", "needs", "partners", "rules/default.json"].allSatisfy {
            FileManager.default.fileExists(atPath: dataDir.appendingPathComponent($0).path)
        }
    }

    @Test(.enabled(if: available, "bundled Data/ not present"))
    func everyBundledPairMatchesTheReference() throws {
        let reference = ReferenceData(
            sectors: try Self.load(SectorTaxonomy.self, "sectors.json"),
            provinces: try Self.load(Gazetteer.self, "provinces.json"),
            themes: try Self.load(ThemeVocabulary.self, "themes.json"),
            rates: RateTable(rates: []))
        let fm = FileManager.default
        let partners = try fm.contentsOfDirectory(atPath: Self.dataDir.appendingPathComponent("partners").path).filter { $0.hasSuffix(".json") }.sorted()
            .map { try Self.load(Partner.self, "partners/" + $0) }
        let needs = try fm.contentsOfDirectory(atPath: Self.dataDir.appendingPathComponent("needs").path).filter { $0.hasSuffix(".json") }.sorted()
            .flatMap { try Self.load([Need].self, "needs/" + $0) }
        #expect(!partners.isEmpty && !needs.isEmpty)
        let rules = try fm.contentsOfDirectory(atPath: Self.dataDir.appendingPathComponent("rules").path).filter { $0.hasSuffix(".json") }.sorted()
        var pairs = 0
        for file in rules {
            let rule = try Rule.parse([UInt8](Data(contentsOf: Self.dataDir.appendingPathComponent("rules/" + file))))
            let catalog = CompiledCatalog(partners: partners, reference: reference, rule: rule)
            let scorer = ReferenceScorer(rule: rule, reference: reference)
            for need in needs {
                let fast = catalog.allScores(need)
                for p in partners {
                    let r = scorer.score(need, p)
                    if r.budgetMargin < 1e-4 { continue }
                    pairs += 1
                    if let expected = r.score {
                        #expect(abs(Double(fast[p.id]!) - expected) < 2e-3, "\(file) \(need.id) \(p.id)")
                    } else {
                        #expect(fast[p.id]! == -1, "\(file) \(need.id) \(p.id)")
                    }
                }
                let ranking = catalog.rank(need, top: 10, explain: true)
                for entry in ranking.entries {
                    #expect(abs(entry.explanation!.score - entry.score) < 1e-3)
                }
            }
        }
        #expect(pairs > 0)
    }
}
