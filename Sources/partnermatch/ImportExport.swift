import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

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

        func run() throws {
            let ctx = try store.open()
            let bytes = try FileIO.read(file)
            var fmt: RecordFile.Format?
            if let format {
                guard let f = RecordFile.Format(rawValue: format.lowercased()) else { throw CLIError("--format \"\(format)\" is not accepted; expected json, jsonl or csv") }
                fmt = f
            }
            let reader = RecordFile(reference: ctx.reference)
            let name = file == "-" ? "<stdin>" : file
            let summary: CatalogStore.ImportSummary
            let count: Int
            switch kind {
            case .partners:
                let records = try reader.partners(from: bytes, file: name, format: fmt)
                count = records.count
                summary = dryRun ? try dryRunSummary(records.map(\.id), existing: Set(try ctx.store.partners().map(\.id))) : try ctx.store.importPartners(records)
            case .needs:
                let records = try reader.needs(from: bytes, file: name, format: fmt)
                count = records.count
                summary = dryRun ? try dryRunSummary(records.map(\.id), existing: Set(try ctx.store.needs().map(\.id))) : try ctx.store.importNeeds(records)
            }
            let verb = dryRun ? "would import" : "imported"
            let tail = dryRun ? "" : ", \(summary.unchanged) unchanged"
            Output.write("\(name): \(verb) \(count) \(kind.rawValue): \(summary.inserted) new, \(summary.updated) \(dryRun ? "existing" : "updated")\(tail)\n")
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
        @Option(help: ArgumentHelp("json (default), jsonl or csv.", valueName: "format")) var format: OutputFormat = .json
        @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark (for Excel).") var bom = false
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?

        func run() throws {
            let ctx = try store.open()
            guard let fmt = RecordExport.Format(rawValue: format.rawValue) else {
                throw CLIError("--format \(format.rawValue) is not an export format; expected json, jsonl or csv")
            }
            let text: String
            switch kind {
            case .partners: text = RecordExport.partners(try ctx.store.partners(), format: fmt, bom: bom)
            case .needs: text = RecordExport.needs(try ctx.store.needs(), format: fmt, bom: bom)
            }
            if let out { try FileIO.write(text, to: out) } else { Output.write(text) }
        }
    }

    /// `partnermatch data check`: validates the bundled data folder.
    struct Data: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the bundled data folder.",
            subcommands: [Check.self], defaultSubcommand: Check.self)

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Validate every file of the data folder and print counts.")
            @Option(help: ArgumentHelp("The data folder (else $PARTNERMATCH_DATA, else the package's Data/).", valueName: "dir")) var data: String?

            func run() throws {
                let dir = try DataDirectory.locate(explicit: data)
                let reference = try dir.loadReference()
                let (partners, needs) = try dir.loadBundledCatalog(reference: reference)
                let estimates = partners.reduce(0) { $0 + CatalogAudit.figures(of: $1).filter(\.estimate).count }
                let figures = partners.reduce(0) { $0 + CatalogAudit.figures(of: $1).count }
                Output.write("""
                    \(dir.path): ok
                      sectors: \(reference.sectors.codes.count) codes (\(reference.sectors.codes.filter { $0.retired == true }.count) retired), \(reference.sectors.categories.count) categories, \(reference.sectors.groups.count) groups
                      provinces: \(reference.provinces.units.count) units, \(reference.provinces.former.count) former, \(reference.provinces.aliases.count) aliases
                      themes: \(reference.themes.themes.count); rates: \(reference.rates.rates.count)
                      partners: \(partners.count) (\(figures) figures, \(estimates) estimates); needs: \(needs.count)

                    """)
            }
        }
    }
}
