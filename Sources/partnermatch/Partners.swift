import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch partners list|show|search`.
    struct Partners: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show and search partners.",
            subcommands: [List.self, Show.self, Search.self, Profile.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List partners, filtered by sector, instrument, kind, origin, theme or province.",
                discussion: "With --sector, partners that fund the sector (its code, category or group) are listed strongest first.")

            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions
            @Option(help: ArgumentHelp("A DAC code, category or group, e.g. 31140, 311 or 300.", valueName: "code")) var sector: String?
            @Option(help: ArgumentHelp("An instrument: \(Instrument.acceptedValues).", valueName: "instrument")) var instrument: String?
            @Option(help: ArgumentHelp("A kind: \(PartnerKind.acceptedValues).", valueName: "kind")) var kind: String?
            @Option(help: ArgumentHelp("An ISO country code (JP, SA...) or multilateral.", valueName: "code")) var origin: String?
            @Option(help: ArgumentHelp("A theme id or label.", valueName: "theme")) var theme: String?
            @Option(help: ArgumentHelp("A province, any spelling (\"Sơn La\", \"son la\").", valueName: "name")) var province: String?

            func run() throws {
                let ctx = try store.open()
                var filter = PartnerFilter()
                if let sector {
                    guard ctx.reference.sectors.resolve(sector) != nil else {
                        let near = ctx.reference.sectors.suggestions(for: sector)
                        throw CLIError.usage("--sector: unknown sector code \"\(sector)\"" + (near.isEmpty ? "; expected a DAC code, category or group" : "; nearest valid codes: \(near.joined(separator: ", "))"))
                    }
                    filter.sector = sector
                }
                if let instrument { filter.instrument = try parseVocabulary(instrument, Instrument.self, option: "--instrument") }
                if let kind { filter.kind = try parseVocabulary(kind, PartnerKind.self, option: "--kind") }
                filter.origin = origin
                if let theme {
                    guard let t = ctx.reference.themes.resolve(theme) else {
                        throw CLIError.usage("--theme: unknown theme \"\(theme)\"; expected one of \(ctx.reference.themes.themes.map(\.id).joined(separator: ", "))")
                    }
                    filter.theme = t.id
                }
                if let province { filter.province = try resolveProvince(province, ctx.reference) }
                let partners = filter.apply(try ctx.store.partners(), reference: ctx.reference)
                let views = CatalogViews(reference: ctx.reference, language: output.lang)
                try Output.write(views.partnersTable(partners, sector: filter.sector).render(output.format, bom: output.bom, width: output.width))
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show one partner in full, with its sources.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions
            @Argument(help: "The partner id (see 'partners list').") var id: String

            func run() throws {
                let ctx = try store.open()
                let p = try ctx.store.requirePartner(id: id)
                switch output.format {
                case .json: try Output.write(try CanonicalJSON.string(p, pretty: true) + "\n")
                case .jsonl: try Output.write(try CanonicalJSON.string(p) + "\n")
                case .csv: try Output.write(CSV.write(header: CSVColumns.partner, rows: [try p.csvFields], bom: output.bom))
                case .table, .markdown: try Output.write(CatalogViews(reference: ctx.reference, language: output.lang).partnerCard(p))
                }
            }
        }

        struct Search: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Find partners by name, alias or abbreviation.",
                discussion: "Case-, diacritic- and Unicode-form-insensitive, Đ/đ included: \"quy phat trien\" finds \"Quỹ Phát triển\".")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions
            @Argument(help: "The text to look for.") var text: String

            func run() throws {
                let ctx = try store.open()
                let found = PartnerFilter.search(text, in: try ctx.store.partners())
                try Output.write(CatalogViews(reference: ctx.reference, language: output.lang).partnersTable(found).render(output.format, bom: output.bom, width: output.width))
                if found.isEmpty && output.format == .table { Diagnostics.note("no partner matches \"\(text)\"") }
            }
        }
    }
}
