import Foundation
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// Issue 14 item 7: every export format reads back to the same catalog. Export, import
/// into an empty store and export again must give the same bytes, also for values that
/// a careless CSV loses: CR LF inside a field, spaces at a value's ends, list items
/// holding the list separator.
@Suite struct ExportRoundTripTests {
    let dir = DataDirectory(path: fixtureData)

    /// The fixture catalog, with hostile but valid values.
    func catalog() throws -> (ReferenceData, [Partner], [Need]) {
        let reference = try dir.loadReference()
        var (partners, needs) = try dir.loadBundledCatalog(reference: reference)
        partners[0].notes = LocalizedText(en: "  first line\r\nsecond line \r\n", vi: " ghi chú ")
        partners[0].name.en = " Padded name "
        partners[0].aliases = [" spaced alias ", "A|B", "semi;colon"]
        partners[1].notes = LocalizedText(en: "a \"quoted\" word, a comma\nand a bare LF")
        needs[0].description = LocalizedText(en: " leading and trailing ", vi: "dòng một\r\ndòng hai")
        needs[0].title.en = "  Title with spaces  "
        return (reference, partners, needs)
    }

    func exportImportExport(_ format: RecordExport.Format) throws -> (first: String, second: String, partners: Int, needs: Int) {
        let (reference, partners, needs) = try catalog()
        // Given a store holding the catalog
        let source = try CatalogStore.inMemory()
        _ = try source.importPartners(partners)
        _ = try source.importNeeds(needs)
        // When it is exported, imported into an empty store and exported again
        let p1 = try RecordExport.partners(try source.partners(), format: format)
        let n1 = try RecordExport.needs(try source.needs(), format: format)
        let reader = RecordFile(reference: reference)
        let target = try CatalogStore.inMemory()
        let ext = format == .jsonl ? "jsonl" : format.rawValue
        let readPartners = try reader.partners(from: Array(p1.utf8), file: "partners.\(ext)")
        let readNeeds = try reader.needs(from: Array(n1.utf8), file: "needs.\(ext)")
        _ = try target.importPartners(readPartners)
        _ = try target.importNeeds(readNeeds)
        let p2 = try RecordExport.partners(try target.partners(), format: format)
        let n2 = try RecordExport.needs(try target.needs(), format: format)
        return (p1 + n1, p2 + n2, readPartners.count, readNeeds.count)
    }

    @Test func jsonRoundTripsByteForByte() throws {
        let r = try exportImportExport(.json)
        #expect(r.partners > 1 && r.needs > 0)
        #expect(r.first == r.second)
    }

    @Test func jsonLinesRoundTripsByteForByte() throws {
        let r = try exportImportExport(.jsonl)
        #expect(r.partners > 1 && r.needs > 0)
        #expect(r.first == r.second)
    }

    @Test func csvRoundTripsByteForByte() throws {
        let r = try exportImportExport(.csv)
        #expect(r.partners > 1 && r.needs > 0)
        #expect(r.first == r.second)
        // The notes cell is JSON (bilingual notes): CR LF written as \r\n inside it;
        // the plain cells keep their spaces inside quotes.
        #expect(r.first.contains("\" Padded name \""))
    }

    @Test func jsonLinesIsRecognisedWithoutItsName() throws {
        let (reference, partners, _) = try catalog()
        let text = try RecordExport.partners(Array(partners.prefix(3)), format: .jsonl)
        // From standard input (no name to tell the format by).
        let read = try RecordFile(reference: reference).partners(from: Array(text.utf8), file: "<stdin>")
        #expect(read.map(\.id) == partners.prefix(3).map(\.id))
    }

    @Test func jsonLinesErrorsNameTheirLine() throws {
        let (reference, partners, _) = try catalog()
        var lines = try RecordExport.partners(Array(partners.prefix(3)), format: .jsonl).split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].dropLast())
        do {
            _ = try RecordFile(reference: reference).partners(from: Array(lines.joined(separator: "\n").utf8), file: "p.jsonl")
            Issue.record("a truncated line must be an error")
        } catch {
            #expect(error.errors.first?.line == 3)
        }
    }
}
