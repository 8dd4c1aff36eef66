import Foundation
import PartnerMatchCore

/// The bundled data a fuzz target needs (reference data, partners, the default rule),
/// loaded once from the repository's `Data/` (or `$PARTNERMATCH_DATA`). A target that
/// cannot load it stops at once with a message: that is a broken setup, not a finding.
enum FuzzData {
    static let dataDir: String = {
        if let d = ProcessInfo.processInfo.environment["PARTNERMATCH_DATA"], !d.isEmpty { return d }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data").path
    }()

    static func bytes(_ name: String) -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: dataDir + "/" + name) else {
            fatalError("fuzz setup: cannot read \(dataDir)/\(name); set PARTNERMATCH_DATA")
        }
        return Array(d)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) -> T {
        do {
            return try JSONValueDecoder(rejectUnknownKeys: false).decode(T.self, from: try JSONParser.parse(bytes(name)))
        } catch {
            fatalError("fuzz setup: \(name): \(error)")
        }
    }

    static let reference = ReferenceData(
        sectors: decode(SectorTaxonomy.self, "sectors.json"),
        provinces: decode(Gazetteer.self, "provinces.json"),
        themes: decode(ThemeVocabulary.self, "themes.json"),
        rates: decode(RateTable.self, "rates.json"))

    static let partners: [Partner] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dataDir + "/partners")) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var out: [Partner] = []
        for n in names {
            do { out += try RecordFile(reference: reference).partners(from: bytes("partners/" + n), file: n) } catch { fatalError("fuzz setup: partners/\(n): \(error)") }
        }
        return out
    }()

    static let rule: Rule = {
        do { return try Rule.parse(bytes("rules/default.json")) } catch { fatalError("fuzz setup: rules/default.json: \(error)") }
    }()

    /// Evidence contexts (building one resolves the gazetteer: once, not per input).
    static let evidenceContext = EvidenceContext(reference: reference)
    static let evidenceContextVN = EvidenceContext(reference: reference, country: "VN")

    static let catalog = CompiledCatalog(partners: partners, reference: reference, rule: rule)
}

/// Bytes of the fuzzer's input.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}
