import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// The formats `export` writes: each imports back.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl, csv
}

/// Which records an import or export is about.
enum RecordKind: String, ExpressibleByArgument, CaseIterable {
    case partners, needs
}

extension PartnerMatchCommand {
    /// `partnermatch import partners|needs FILE`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import partners or needs from a JSON or CSV file.",
            discussion: "New ids are inserted, existing ids updated. All or nothing: one bad record rejects the file and the database is left unchanged. --dry-run only validates.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "partners or needs.") var kind: RecordKind
        @Argument(help: "The file (.json or .csv), or - for standard input.") var file: String
        @Flag(name: .long, help: "Validate only; change nothing.") var dryRun = false
        @Option(help: ArgumentHelp("Input format when it cannot be told from the name: json, jsonl or csv.", valueName: "format")) var format: String?
        @Option(help: ArgumentHelp("CSV separator: comma, semicolon or tab (default: told from the header line).", valueName: "sep")) var delimiter: CSV.Delimiter?

        func run() throws {
            var fmt: RecordFile.Format?
            if let format {
                guard let f = RecordFile.Format(rawValue: format.lowercased()) else { throw CLIError.usage("--format \"\(format)\" is not accepted; expected json, jsonl or csv") }
                fmt = f
            }
            let ctx = try store.open()
            let bytes = try FileIO.read(file)
            let reader = RecordFile(reference: ctx.reference)
            let name = file == "-" ? "<stdin>" : file
            let summary: CatalogStore.ImportSummary
            let count: Int
            switch kind {
            case .partners:
                let records = try reader.partners(from: bytes, file: name, format: fmt, delimiter: delimiter)
                count = records.count
                summary = dryRun ? try dryRunSummary(records.map(\.id), existing: Set(try ctx.store.partners().map(\.id))) : try ctx.store.importPartners(records)
            case .needs:
                let records = try reader.needs(from: bytes, file: name, format: fmt, delimiter: delimiter)
                count = records.count
                summary = dryRun ? try dryRunSummary(records.map(\.id), existing: Set(try ctx.store.needs().map(\.id))) : try ctx.store.importNeeds(records)
            }
            let verb = dryRun ? "would import" : "imported"
            let tail = dryRun ? "" : ", \(summary.unchanged) unchanged"
            try Output.write("\(name): \(verb) \(count) \(kind.rawValue): \(summary.inserted) new, \(summary.updated) \(dryRun ? "existing" : "updated")\(tail)\n")
        }

        private func dryRunSummary(_ ids: [String], existing: Set<String>) throws -> CatalogStore.ImportSummary {
            var s = CatalogStore.ImportSummary()
            for id in ids { if existing.contains(id) { s.updated += 1 } else { s.inserted += 1 } }
            return s
        }
    }

    /// `partnermatch export partners|needs`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export partners or needs as JSON, JSON Lines or CSV.",
            discussion: "The output imports back into the same catalog: export then import gives back the same database.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "partners or needs.") var kind: RecordKind
        @Option(help: ArgumentHelp("json, jsonl or csv.", valueName: "format")) var format: ExportFormat = .json
        @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark (for Excel).") var bom = false
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?

        func run() throws {
            let ctx = try store.open()
            guard let fmt = RecordExport.Format(rawValue: format.rawValue) else {
                throw CLIError.usage("--format \(format.rawValue) is not an export format; expected json, jsonl or csv")
            }
            let text: String
            switch kind {
            case .partners: text = try RecordExport.partners(try ctx.store.partners(), format: fmt, bom: bom)
            case .needs: text = try RecordExport.needs(try ctx.store.needs(), format: fmt, bom: bom)
            }
            if let out { try FileIO.write(text, to: out) } else { try Output.write(text) }
        }
    }

    /// `partnermatch data check`: validates the bundled data folder.
    struct Data: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the bundled data folder.",
            subcommands: [Check.self], defaultSubcommand: Check.self)

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Validate every file of the data folder and print counts.",
                discussion: """
                    Refuses, naming file, line and field: an instrument without its status for Viet Nam; a retired DAC \
                    code or category in partners or needs; a figure whose provenance names no source of the partner and \
                    is not an estimate with a note; a source without a checked date or without url or document; a ticket \
                    above the scheme's ceiling at that year's rate; a currency without a rate; notes, terms, names or need \
                    titles without Vietnamese; and the structure of sectors.json, provinces.json and rates.json. \
                    --stale YEARS also lists the facts whose source was checked more than YEARS ago.
                    """)
            @Option(help: ArgumentHelp("The data folder (else $PARTNERMATCH_DATA, else the Data/ beside the program or of the checkout it was built in).", valueName: "dir")) var data: String?
            @Option(help: ArgumentHelp("List the facts whose source was last checked more than this many years ago.", valueName: "years")) var stale: Double?
            @Option(help: ArgumentHelp("The shared public data (IATI codelists, evidence) to compare sectors.json with (default: ../shared/data beside the project, when there).", valueName: "dir")) var shared: String?
            @Option(help: ArgumentHelp("The day to check against, YYYY-MM-DD (default: today, UTC).", valueName: "date")) var today: String?

            func validate() throws {
                if let stale, !(stale.isFinite && stale >= 0) { throw ValidationError("--stale \(stale) is not accepted; expected a number of years, 0 or more") }
                if let today, !Validator.isISODate(today) { throw ValidationError("--today \"\(today)\" is not a date; expected YYYY-MM-DD") }
            }

            func run() throws {
                let dir = try DataDirectory.locate(explicit: data)
                let day = today ?? Self.todayUTC()
                if let shared, !FileManager.default.fileExists(atPath: shared + "/iati-codelists/Sector.xml") {
                    throw CLIError("--shared \(shared): no iati-codelists/Sector.xml in it; expected the shared data folder", exitCode: 64)
                }
                let report = try dir.check(today: day, shared: shared ?? dir.defaultShared)
                let (reference, partners, needs) = (report.reference, report.partners, report.needs)
                for e in report.problems { Diagnostics.printError(e.description) }
                if let stale {
                    let facts = DataCheck(reference: reference, today: day).staleFacts(partners, olderThan: stale)
                    var t = Table(columns: [.init("partner", "Partner"), .init("field", "Field"), .init("source", "Source"), .init("checked", "Checked"), .init("age", "Years", alignRight: true)])
                    for f in facts {
                        t.rows.append([.text(f.partner), .text(f.field), .text(f.source), .text(f.checked), .number(f.age, NumberFormat.grouped(f.age, decimals: 1))])
                    }
                    try Output.write("\(facts.count) fact(s) checked more than \(NumberFormat.grouped(stale, decimals: stale == stale.rounded() ? 0 : 2)) year(s) before \(day):\n")
                    if !facts.isEmpty { try Output.write(t.renderPlain(.table)) }
                    try Output.write("\n")
                }
                guard report.problems.isEmpty else {
                    throw CLIError("\(dir.path): \(report.problems.count) problem(s); see above")
                }
                let estimates = partners.reduce(0) { $0 + CatalogAudit.figures(of: $1).filter(\.estimate).count }
                let figures = partners.reduce(0) { $0 + CatalogAudit.figures(of: $1).count }
                let instruments = partners.flatMap(\.instruments)
                let states = InstrumentStatus.State.allCases.map { s in "\(instruments.filter { $0.status?.state == s }.count) \(s.rawValue)" }.joined(separator: ", ")
                let sources = partners.flatMap(\.sources).map(\.checked).sorted()
                try Output.write("""
                    \(dir.path): ok
                      sectors: \(reference.sectors.codes.count) codes (\(reference.sectors.codes.filter { $0.retired == true }.count) retired), \(reference.sectors.categories.count) categories, \(reference.sectors.groups.count) groups
                      provinces: \(reference.provinces.units.count) units, \(reference.provinces.former.count) former, \(reference.provinces.aliases.count) aliases
                      themes: \(reference.themes.themes.count); rates: \(reference.rates.rates.count)
                      partners: \(partners.count) (\(figures) figures, \(estimates) estimates); instruments: \(instruments.count) (\(states)); sources checked \(sources.first ?? "-") to \(sources.last ?? "-")
                      needs: \(needs.count)
                      \(report.shared.map { "sectors compared with \($0)/iati-codelists/Sector.xml and the KOICA evidence codes" } ?? "shared data not found: the comparison with the IATI codelist was skipped (--shared DIR)")

                    """)
            }

            static func todayUTC() -> String {
                var cal = Calendar(identifier: .gregorian)
                cal.timeZone = TimeZone(identifier: "UTC")!
                let c = cal.dateComponents([.year, .month, .day], from: Date())
                func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
                return "\(c.year!)-\(two(c.month!))-\(two(c.day!))"
            }
        }
    }
}
