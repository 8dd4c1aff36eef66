import Foundation
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// The OECD CRS bulk files and the IATI Datastore's CSV, imported through their mapping
/// files (`Data/evidence-maps/crs.json`, `iati-datastore.json`) with the bundled catalog.
/// The fixtures are hand-written to the published column layouts.
@Suite struct CRSImportTests {
    typealias F = EvidenceStoreFixtures
    static let root = URL(fileURLWithPath: fixtureData).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func store() throws -> (CatalogStore, EvidenceContext) {
        let store = try CatalogStore.inMemory()
        let dir = DataDirectory(path: root + "/Data")
        let reference = try dir.loadReference()
        let (partners, _) = try dir.loadBundledCatalog(reference: reference)
        _ = try store.importPartners(partners)
        return (store, EvidenceContext(reference: reference))
    }

    static func mapping(_ name: String) throws -> EvidenceMapping {
        let path = root + "/Data/evidence-maps/" + name
        return try EvidenceMapping.parse(try FileIO.read(path), file: path)
    }

    static func temp(_ name: String, _ bytes: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// UTF-16 little-endian with a byte-order mark, as the OECD publishes the files.
    static func utf16LE(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test func crsRowsOfVietNamBecomeLinkedActivities() throws {
        // Given the catalog and a CRS file of 8 rows, 6 of Viet Nam (two rows of one KOICA activity)
        let (store, ctx) = try Self.store()
        // When it is imported with crs.json
        let s = try store.importCSV(path: F.path("crs-2015-sample.txt"), mapping: try Self.mapping("crs.json"), context: ctx)
        // Then 5 activities are kept, the Lao and Cambodian rows skipped and reported
        #expect(s.activities == 5)
        #expect(s.skippedByFilter == 2)
        #expect(s.keptRows == "Viet Nam (RecipientCode 769)")
        // and amounts are USD millions times 10^6, linked by the mapping's partners
        let kfaed = try store.evidenceActivities(partnerID: "kfaed-loans")
        #expect(kfaed.count == 1)
        #expect(kfaed.first?.value?.usd == 12_500_000)
        #expect(kfaed.first?.instrument == .concessionalLoan)
        #expect(kfaed.first?.year == 2015)
        #expect(try store.evidenceActivities(partnerID: "kfaed-technical-assistance-grants").count == 1)
        let koica = try store.evidenceActivities(partnerID: "koica-grants")
        #expect(koica.count == 1)
        #expect(koica.first?.value?.usd == 500_000)
        #expect(koica.first?.sectors.map(\.code).sorted() == ["12220", "12261"])
        #expect(koica.first?.instrument == .grant)
        // JICA's loan and its technical co-operation grant (the title's quote is text)
        let jica = try store.evidenceActivities(partnerID: "jica-technical-cooperation")
        #expect(jica.map { $0.title ?? "" }.sorted() == ["North-west irrigation", "Training on \"smart\" agriculture"])
        // The Arab Fund has no catalog partner: stored, unlinked and said
        #expect(s.warnings.lines.contains { $0.contains("funders not named in the mapping's partners") && $0.contains("Arab Fund (AFESD) / Arab Fund for Economic and Social Development") })
        let arab = try store.evidenceOrgs().first { $0.name?.hasPrefix("Arab Fund") == true }
        #expect(arab?.links.isEmpty == true)
        let kf = try store.evidenceOrgs().first { $0.name?.hasPrefix("Kuwait") == true }
        #expect(kf?.links.map(\.partnerID) == ["kfaed-loans", "kfaed-technical-assistance-grants"])
        #expect(kf?.links.first?.via == "mapping")
    }

    @Test func utf16AndUtf8FilesGiveTheSameActivities() throws {
        let text = String(decoding: try FileIO.read(F.path("crs-2015-sample.txt")), as: UTF8.self)
        let utf16 = try Self.temp("crs-2015-utf16.txt", Self.utf16LE(text))
        let (a, ctx) = try Self.store()
        let (b, _) = try Self.store()
        let mapping = try Self.mapping("crs.json")
        let s8 = try a.importCSV(path: F.path("crs-2015-sample.txt"), mapping: mapping, context: ctx)
        let s16 = try b.importCSV(path: utf16, mapping: mapping, context: ctx)
        #expect((s16.activities, s16.skippedByFilter) == (s8.activities, s8.skippedByFilter))
        for id in ["kfaed-loans", "koica-grants", "jica-oda-loans"] {
            #expect(try a.evidenceActivities(partnerID: id) == b.evidenceActivities(partnerID: id))
        }
    }

    @Test func utf16WithAnUnpairedSurrogateIsRefusedAtItsLine() throws {
        let lines = String(decoding: try FileIO.read(F.path("crs-2015-sample.txt")), as: UTF8.self).components(separatedBy: "\r\n")
        var bytes = Self.utf16LE(lines[0] + "\r\n" + lines[1] + "\r\n2015|")
        bytes += [0x00, 0xD8, 0x41, 0x00]   // a high surrogate followed by "A"
        let path = try Self.temp("bad.txt", bytes)
        let (store, ctx) = try Self.store()
        #expect {
            _ = try store.importCSV(path: path, mapping: try Self.mapping("crs.json"), context: ctx)
        } throws: { error in
            "\(error)".contains("bad.txt") && "\(error)".contains("unpaired UTF-16 surrogate") && "\(error)".contains(":3:")
        }
        #expect(try F.count(store, "evidence_activity") == 0)
    }

    @Test func aBadAmountNamesFileLineAndColumnAndStoresNothing() throws {
        var lines = String(decoding: try FileIO.read(F.path("crs-2015-sample.txt")), as: UTF8.self).components(separatedBy: "\r\n")
        lines[2] = lines[2].replacingOccurrences(of: "|95.3|", with: "|95,3|")
        let path = try Self.temp("crs-bad.txt", Array(lines.joined(separator: "\r\n").utf8))
        let (store, ctx) = try Self.store()
        #expect {
            _ = try store.importCSV(path: path, mapping: try Self.mapping("crs.json"), context: ctx)
        } throws: { error in
            let m = "\(error)"
            // USD_Commitment is the 21st column; its field starts at this character of line 3.
            let column = lines[2].components(separatedBy: "|").prefix(20).reduce(0) { $0 + $1.count + 1 } + 1
            return m.contains("crs-bad.txt:3:\(column)") && m.contains("USD_Commitment") && m.contains("\"95,3\"")
        }
        #expect(try F.count(store, "evidence_activity") == 0)
    }

    @Test func reimportingACRSFileChangesNothing() throws {
        let (store, ctx) = try Self.store()
        let mapping = try Self.mapping("crs.json")
        _ = try store.importCSV(path: F.path("crs-2015-sample.txt"), mapping: mapping, context: ctx)
        let again = try store.importCSV(path: F.path("crs-2015-sample.txt"), mapping: mapping, context: ctx)
        #expect((again.inserted, again.updated, again.unchanged) == (0, 0, 5))
    }

    @Test func everyPartnerOfTheCRSMappingIsInTheCatalog() throws {
        let (store, _) = try Self.store()
        let known = Set(try store.partners().map(\.id))
        let named = Set(try Self.mapping("crs.json").partners.values.joined())
        #expect(named.subtracting(known).isEmpty)
        #expect(named.count >= 20)
    }

    @Test func iatiDatastoreRowsSumTheirTransactionsByType() throws {
        let (store, ctx) = try Self.store()
        let s = try store.importCSV(path: F.path("iati-datastore-sample.csv"), mapping: try Self.mapping("iati-datastore.json"), context: ctx.withCountry("VN"))
        // The Lao activity is skipped by --country VN; the Mekong one (VN and KH) is kept.
        #expect((s.activities, s.skippedByCountry) == (2, 1))
        let adb = try store.evidenceActivities(partnerID: "adb-concessional-loans").sorted { $0.identifier < $1.identifier }
        #expect(adb.map(\.identifier) == ["XM-DAC-46004-TEST-1", "XM-DAC-46004-TEST-2"])
        // Commitments (type 2) only: 50M for the first, 0.8M + 0.2M for the second
        #expect(adb.map { $0.value?.usd } == [50_000_000, 1_000_000])
        #expect(adb[0].transactions.filter { $0.kind == .disbursement }.map(\.money.value) == [3_000_000])
        #expect(adb[0].title == "Northern mountain roads")
        #expect(adb[0].startDate == "2018-05-10")
        #expect(adb[0].provinces.count == 2)
        #expect(adb[1].recipientCountries.map(\.code) == ["VN", "KH"])
        #expect(adb[1].instrument == .technicalAssistance)
    }
}

extension EvidenceContext {
    func withCountry(_ c: String) -> EvidenceContext { EvidenceContext(reference: reference, country: c) }
}
