import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch evidence import|stats|unlinked`.
    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import past funding records (IATI XML, CSV exports) and inspect them.",
            subcommands: [Import.self, Stats.self, Unlinked.self])

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Import IATI activity files, or a CSV export with a mapping file.",
                discussion: """
                    IATI versions 1.0x and 2.01-2.03, streamed (memory does not grow with file size). Each file is one transaction: \
                    a malformed file is reported with line and column and nothing of it is stored. Importing the same file again \
                    changes nothing. Examples:
                      partnermatch evidence import ../shared/data/evidence/adb-iati-1.04-1998-2005.xml --country VN
                      partnermatch evidence import --csv ../shared/data/evidence/koica_vietnam_1991_2007.csv --map Data/evidence-maps/koica.json
                      partnermatch evidence import --csv CRS-2019-data.txt --map Data/evidence-maps/crs.json          # OECD CRS bulk file (UTF-16 or UTF-8)
                      partnermatch evidence import --csv datastore-activities.csv --map Data/evidence-maps/iati-datastore.json
                    CSV files may be UTF-8 or UTF-16 (with a byte-order mark). See docs/evidence.md for where to download each.
                    """)
            @OptionGroup var store: StoreOptions
            @Argument(help: "IATI activity XML files.") var files: [String] = []
            @Option(help: ArgumentHelp("A CSV export to import with --map.", valueName: "file")) var csv: [String] = []
            @Option(help: ArgumentHelp("The mapping file of the CSV (see Data/evidence-maps/).", valueName: "map.json")) var map: String?
            @Option(help: ArgumentHelp("Keep only activities with this recipient country (ISO code, e.g. VN).", valueName: "code")) var country: String?

            func validate() throws {
                if files.isEmpty && csv.isEmpty { throw ValidationError("expected IATI files, or --csv FILE --map MAP.json") }
                if !csv.isEmpty && map == nil { throw ValidationError("--csv needs --map MAP.json (see Data/evidence-maps/)") }
                if map != nil && csv.isEmpty { throw ValidationError("--map applies to --csv files; expected --csv FILE") }
                try StoreOptions.checkCountry(country)
            }

            func run() throws {
                let ctx = try store.open()
                let context = EvidenceContext(reference: ctx.reference, country: country)
                var mapping: EvidenceMapping?
                if let map { mapping = try EvidenceMapping.parse(try FileIO.read(map), file: map) }
                // Progress on stderr while a file is read, only when stderr is a terminal.
                for f in files {
                    let bar = ProgressBar(enabled: ProgressBar.onTerminal(), totalBytes: nil, unit: "activities")
                    var count = 0
                    let s = try ctx.store.importIATI(path: f, context: context, oneThread: ProgramEnvironment.importOnOneThread) { count = $0; bar.update(count: $0, bytes: 0) }
                    bar.finish(count: count)
                    try Output.write(EvidenceViews.importLine(file: f, activities: s.activities, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, duplicates: s.duplicates, skipped: s.skippedByCountry, country: country, warnings: s.warnings))
                }
                for f in csv {
                    let bar = ProgressBar(enabled: ProgressBar.onTerminal(), totalBytes: nil, unit: "activities")
                    var count = 0
                    let s = try ctx.store.importCSV(path: f, mapping: mapping!, context: context) { count = $0; bar.update(count: $0, bytes: 0) }
                    bar.finish(count: count)
                    try Output.write(EvidenceViews.importLine(file: f, activities: s.activities, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, duplicates: s.duplicates, skipped: s.skippedByCountry, country: country, warnings: s.warnings,
                                                              skippedRows: s.skippedByFilter, keptRows: s.keptRows))
                }
            }
        }

        struct Stats: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Files, activities, linked and unlinked organisations, years, value and warnings.")
            @OptionGroup var store: StoreOptions

            func run() throws {
                let ctx = try store.open()
                let s = try ctx.store.evidenceStats()
                var out = "files: \(s.files.count)\n"
                for f in s.files {
                    out += "  \(f.path) (\(f.kind)\(f.map.map { ", map \($0)" } ?? "")): \(f.activities) activities\(f.skipped > 0 ? ", \(f.skipped) skipped by country" : ""), imported \(f.importedAt)\n"
                }
                out += "activities: \(s.activities) (\(s.duplicates) copies of a project from another source, counted once)\n"
                out += "organisations: \(s.orgs): \(s.linkedOrgs) linked to catalog partners, \(s.unlinkedOrgs) unlinked (see 'evidence unlinked')\n"
                out += "activities funded by linked organisations: \(s.linkedActivities)\n"
                out += "years: " + (s.firstYear.map { "\($0)-\(s.lastYear ?? $0)" } ?? "none") + "\n"
                out += "value: USD \(EvidenceViews.usd(s.valueUSD)) (\(s.withoutValue) projects without a value)\n"
                out += "warnings: \(s.warnings.total)\n"
                for l in s.warnings.lines { out += "  \(l)\n" }
                try Output.write(out)
            }
        }

        struct Unlinked: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Organisations of the evidence that no catalog partner names.",
                discussion: "Add a name as an alias (or an IATI ref) to a partner file of Data/partners/ to link it; links are never guessed.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions
            @Flag(help: "List all organisations with their links, not only the unlinked ones.") var all = false

            func run() throws {
                let ctx = try store.open()
                let orgs = try ctx.store.evidenceOrgs().filter { all || $0.links.isEmpty }
                var t = Table(columns: [.init("ref", "Ref"), .init("name", "Name"), .init("funded", "Funded", alignRight: true), .init("activities", "Activities", alignRight: true), .init("links", "Links")])
                for o in orgs {
                    t.rows.append([.text(o.ref ?? ""), .text(o.name ?? ""), .number(Double(o.funded), String(o.funded)), .number(Double(o.activities), String(o.activities)),
                                   .text(o.links.map { "\($0.partnerID) (\($0.via))" }.joined(separator: "; "))])
                }
                try Output.write(t.render(output.format, bom: output.bom))
            }
        }
    }
}
