import Foundation
import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// Checks of the bundled catalog in `Data/`: everything resolves and every figure is
/// sourced or flagged as an estimate.
@Suite struct BundledDataTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dataDir = DataDirectory(path: packageRoot.appendingPathComponent("Data").path)
    static let evidenceDir = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/evidence").path

    let reference: ReferenceData
    let partners: [Partner]
    let needs: [Need]

    init() throws {
        reference = try Self.dataDir.loadReference()
        (partners, needs) = try Self.dataDir.loadBundledCatalog(reference: reference)
    }

    @Test func catalogIsLargeEnough() {
        #expect(partners.count >= 40)
        #expect(needs.filter { $0.province == "son-la" }.count >= 25)
        #expect(reference.provinces.units.count == 34)
        #expect(reference.provinces.former.count == 63)
        #expect(reference.sectors.codes.filter { $0.retired != true }.count >= 290)
        #expect(reference.sectors.categories.count >= 44)
    }

    @Test func everyPartnerHasInstrumentSectorAndSource() {
        for p in partners {
            #expect(!p.instruments.isEmpty, "\(p.id)")
            #expect(p.instruments.allSatisfy { $0.ticket.min > 0 && $0.ticket.min <= $0.ticket.typical && $0.ticket.typical <= $0.ticket.max }, "\(p.id)")
            #expect(!p.sectorPriorities.isEmpty, "\(p.id)")
            #expect(!p.sources.isEmpty, "\(p.id)")
            for f in CatalogAudit.figures(of: p) {
                #expect(f.sourced || (f.estimate && !(f.provenance?.note ?? "").isEmpty), "\(p.id) \(f.field)")
            }
        }
    }

    /// The one checker (what CI runs as `partnermatch data check`) finds nothing in Data/.
    @Test func dataCheckFindsNoProblem() throws {
        let report = try Self.dataDir.check(today: Self.todayUTC)
        let first = report.problems.prefix(5).map(\.description).joined(separator: "\n")
        #expect(report.problems.count == 0, "\(report.problems.count) problem(s); the first:\n\(first)")
    }

    static var todayUTC: String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func partnersTheContextNamesArePresent() {
        let ids = Set(partners.map(\.id))
        for id in ["sfd-loans", "opec-fund-public-sector-loans", "opec-fund-private-sector", "kfaed-loans", "kfaed-technical-assistance-grants",
                   "jica-oda-loans", "jica-grant-aid", "jica-technical-cooperation", "japan-grassroots-human-security-grants",
                   "koica-grants", "korea-edcf-loans", "israel-mashav-technical-cooperation", "australia-direct-aid-program",
                   "nordic-development-fund", "world-bank-ibrd-loans", "afd-loans", "occitanie-son-la-cooperation"] {
            #expect(ids.contains(id), "\(id)")
        }
    }

    @Test func everyCodeProvinceAndThemeResolves() {
        for p in partners {
            for s in p.sectorPriorities { #expect(reference.sectors.resolve(s.sector) != nil, "\(p.id) \(s.sector)") }
            for s in p.excludedSectors { #expect(reference.sectors.resolve(s) != nil, "\(p.id) \(s)") }
            for t in p.themes { #expect(reference.themes.theme(t) != nil, "\(p.id) \(t)") }
            for pr in p.geography.provinces { #expect(reference.provinces.unit(id: pr) != nil, "\(p.id) \(pr)") }
        }
        for n in needs {
            #expect(reference.provinces.unit(id: n.province) != nil, "\(n.id)")
            for s in n.sectors { #expect(reference.sectors.code(s.code) != nil, "\(n.id) \(s.code)") }
        }
    }

    @Test func usedCodesHaveVietnameseNames() {
        for code in Set(partners.flatMap { $0.sectorPriorities.map(\.sector) } + needs.flatMap { $0.sectors.map(\.code) }) {
            let r = reference.sectors.resolve(code)!
            let vi: String? = switch r.level {
            case .code: reference.sectors.code(code)?.vi
            case .category: reference.sectors.category(code)?.vi
            case .group: reference.sectors.group(code)?.vi
            }
            #expect(vi != nil, "\(code) has no Vietnamese name")
        }
    }

    @Test func readmeDocumentsEveryFile() throws {
        let readme = try String(contentsOfFile: Self.dataDir.file("README.md"), encoding: .utf8)
        for name in ["partners/", "needs/", "sectors.json", "provinces.json", "themes.json", "rates.json", "rules/"] {
            #expect(readme.contains(name), "Data/README.md does not mention \(name)")
        }
    }

    /// Every province string in the shared evidence resolves or is listed as not a province.
    @Test func evidenceProvinceStringsResolve() throws {
        guard FileManager.default.fileExists(atPath: Self.evidenceDir) else {
            print("skipped: \(Self.evidenceDir) is absent (the shared evidence files sit beside the project)")
            return
        }
        var strings = Set<String>()
        for (file, column) in [("worldbank_ibrd_ida_vietnam_projects.csv", "provinces_adm1"), ("adb_vietnam_projects_1998_2005.csv", "provinces_adm1")] {
            let rows = try CSV.parse(String(contentsOfFile: Self.evidenceDir + "/" + file, encoding: .utf8))
            let col = rows[0].fields.firstIndex(of: column)!
            for r in rows.dropFirst() { for s in r.fields[col].split(separator: "|") { strings.insert(String(s)) } }
        }
        let xml = try String(contentsOfFile: Self.evidenceDir + "/adb-iati-1.04-1998-2005.xml", encoding: .utf8)
        for activity in xml.components(separatedBy: "<iati-activity ").dropFirst() where activity.contains("<recipient-country code=\"VN\"") {
            for loc in activity.components(separatedBy: "<location ").dropFirst() {
                if let a = loc.range(of: "<name>"), let b = loc.range(of: "</name>"), a.upperBound < b.lowerBound {
                    strings.insert(String(loc[a.upperBound..<b.lowerBound]).replacingOccurrences(of: "&amp;", with: "&"))
                }
            }
        }
        #expect(strings.count > 100)
        var unresolved: [String] = []
        for s in strings {
            if case .unknown = reference.provinces.lookup(s) { unresolved.append(s) }
        }
        #expect(unresolved.isEmpty, "unresolved: \(unresolved.sorted())")
        #expect(reference.provinces.resolve("Ha Tay")?.id == "ha-noi")
        #expect(reference.provinces.resolve("Tỉnh Bắc Giang") != nil)
        #expect(reference.provinces.resolve("Thua Thien - Hue")?.id == "hue")
    }
}
