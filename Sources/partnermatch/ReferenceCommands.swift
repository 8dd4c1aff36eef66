import ArgumentParser
import PartnerMatchCore
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch sectors search WORDS`.
    struct Sectors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find DAC sector codes by words of their English or Vietnamese names.",
            subcommands: [Search.self], defaultSubcommand: Search.self)

        struct Search: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Sectors whose code starts with the text or whose names hold all its words (any case, with or without diacritics).",
                discussion: "Examples:\n  partnermatch sectors search \"giao thông\"\n  partnermatch sectors search water --lang vi\n  partnermatch sectors search 311")
            @Option(help: ArgumentHelp("The bundled data folder.", valueName: "dir")) var data: String?
            @OptionGroup var output: FormatOptions
            @Argument(help: "Words or the start of a code.") var words: [String]

            func run() throws {
                let ref = try DataDirectory.locate(explicit: data).loadReference()
                try Output.write(ReferenceSearch(reference: ref).sectors(words.joined(separator: " "), language: output.lang).render(output.format, bom: output.bom))
            }
        }
    }

    /// `partnermatch themes list|search`.
    struct Themes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the themes a need or partner may name, or find them by words.",
            subcommands: [List.self, Search.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every theme, with its English and Vietnamese names.")
            @Option(help: ArgumentHelp("The bundled data folder.", valueName: "dir")) var data: String?
            @OptionGroup var output: FormatOptions

            func run() throws {
                let ref = try DataDirectory.locate(explicit: data).loadReference()
                try Output.write(ReferenceSearch(reference: ref).themes(language: output.lang).render(output.format, bom: output.bom))
            }
        }

        struct Search: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Themes whose id or names hold all the words (any case, with or without diacritics).")
            @Option(help: ArgumentHelp("The bundled data folder.", valueName: "dir")) var data: String?
            @OptionGroup var output: FormatOptions
            @Argument(help: "Words.") var words: [String]

            func run() throws {
                let ref = try DataDirectory.locate(explicit: data).loadReference()
                try Output.write(ReferenceSearch(reference: ref).themes(words.joined(separator: " "), language: output.lang).render(output.format, bom: output.bom))
            }
        }
    }

    /// `partnermatch provinces search WORDS`.
    struct Provinces: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find provinces, former provinces and listed districts, communes and wards, with the province each is now part of.",
            subcommands: [Search.self], defaultSubcommand: Search.self)

        struct Search: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Places whose names hold all the words (any case, with or without diacritics).",
                discussion: "Examples:\n  partnermatch provinces search \"moc chau\"\n  partnermatch provinces search \"Hòa Bình\"")
            @Option(help: ArgumentHelp("The bundled data folder.", valueName: "dir")) var data: String?
            @OptionGroup var output: FormatOptions
            @Argument(help: "Words of the name.") var words: [String]

            func run() throws {
                let ref = try DataDirectory.locate(explicit: data).loadReference()
                try Output.write(ReferenceSearch(reference: ref).places(words.joined(separator: " ")).render(output.format, bom: output.bom))
            }
        }
    }
}
