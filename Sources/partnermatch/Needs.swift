import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch needs list|show|add|edit|remove`.
    struct Needs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show, add, edit and remove project needs.",
            subcommands: [List.self, Show.self, Add.self, Edit.self, Remove.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List needs, optionally of one province.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions
            @Option(help: ArgumentHelp("A province, any spelling, or \"national\" for the nationwide needs.", valueName: "name")) var province: String?

            func run() throws {
                let ctx = try store.open()
                var needs = try ctx.store.needs()
                if let province {
                    let id = try resolveProvince(province, ctx.reference, acceptsNational: true)
                    needs = needs.filter { $0.province == id }
                }
                try Output.write(CatalogViews(reference: ctx.reference, language: output.lang).needsTable(needs).render(output.format, bom: output.bom, width: output.width))
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show one need in full.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions
            @Argument(help: "The need id (see 'needs list').") var id: String

            func run() throws {
                let ctx = try store.open()
                let n = try ctx.store.requireNeed(id: id)
                switch output.format {
                case .json: try Output.write(try CanonicalJSON.string(n, pretty: true) + "\n")
                case .jsonl: try Output.write(try CanonicalJSON.string(n) + "\n")
                case .csv: try Output.write(CSV.write(header: CSVColumns.need, rows: [n.csvFields], bom: output.bom))
                case .table, .markdown: try Output.write(CatalogViews(reference: ctx.reference, language: output.lang).needCard(n))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a need from flags or from a JSON file.",
                discussion: "Example: partnermatch needs add --id sla-road-01 --title-vi \"Đường giao thông xã Mường Lạn\" --province \"Sơn La\" --applicant province --sector 21020 --budget \"VND 50 tỷ\" --instrument loan")
            @OptionGroup var store: StoreOptions
            @OptionGroup var fields: NeedFields
            @Option(help: ArgumentHelp("A JSON file holding one need (instead of flags).", valueName: "file")) var file: String?

            func run() throws {
                let ctx = try store.open()
                var need: Need
                var assumed: [AssumedDefault] = []
                if let file {
                    let needs = try RecordFile(reference: ctx.reference).needs(from: try FileIO.read(file), file: file)
                    guard needs.count == 1 else { throw CLIError("\(file): holds \(needs.count) needs; expected exactly one (use 'import needs' for several)") }
                    need = needs[0]
                } else {
                    guard let id = fields.id else { throw CLIError.usage("--id is required (or --file)") }
                    for (flag, value) in [("--province", fields.province), ("--applicant", fields.applicant), ("--sector", fields.sector), ("--budget", fields.budget)] where value == nil {
                        throw CLIError.usage("\(flag) is required when adding a need from flags")
                    }
                    guard fields.titleVi != nil || fields.titleEn != nil else { throw CLIError.usage("--title-vi or --title-en is required") }
                    need = Need(id: id, title: LocalizedText(), province: "", applicant: .province, sectors: [], budgetUSD: 0, instrument: .any)
                    if fields.instrument == nil { assumed.append(.instrument) }
                    assumed += try fields.apply(to: &need, reference: ctx.reference)
                }
                need = try validated(need, ctx.reference)
                try ctx.store.addNeed(need)
                try Output.write("added need \(need.id)\n")
                if let line = AssumedDefault.line(assumed) { Diagnostics.note(line) }
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Change fields of a need; fields not given stay as they are.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The need id.") var needID: String
            @OptionGroup var fields: NeedFields

            func run() throws {
                let ctx = try store.open()
                var need = try ctx.store.requireNeed(id: needID)
                if let newID = fields.id, newID != needID { throw CLIError.usage("--id cannot change a need's id; expected \(needID) or no --id") }
                let assumed = try fields.apply(to: &need, reference: ctx.reference)
                need = try validated(need, ctx.reference)
                try ctx.store.updateNeed(need)
                try Output.write("updated need \(need.id)\n")
                if let line = AssumedDefault.line(assumed) { Diagnostics.note(line) }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a need.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The need id.") var needID: String

            func run() throws {
                let ctx = try store.open()
                try ctx.store.removeNeed(id: needID)
                try Output.write("removed need \(needID)\n")
            }
        }
    }
}

/// Validates a need built from flags, reporting issues by flag name.
func validated(_ need: Need, _ reference: ReferenceData) throws -> Need {
    let result: Result<Need, ValidationIssues>
    do throws(ValidationIssues) {
        result = .success(try Validator(reference: reference).validate(need))
    } catch {
        result = .failure(error)
    }
    switch result {
    case .success(let n): return n
    case .failure(let e):
        let id = need.id
        let lines = e.issues.map { issue in "need \"\(id)\": \(issue.description)" }
        throw CLIError.usage(lines.joined(separator: "\npartnermatch: error: "))
    }
}

/// The fields of a need as flags, shared by `needs add`, `needs edit` and (later) `rank`.
struct NeedFields: ParsableArguments {
    @Option(help: ArgumentHelp("The need id: letters, digits, '-', '_', '.'.", valueName: "id")) var id: String?
    @Option(name: .customLong("title-vi"), help: ArgumentHelp("Title in Vietnamese.", valueName: "text")) var titleVi: String?
    @Option(name: .customLong("title-en"), help: ArgumentHelp("Title in English.", valueName: "text")) var titleEn: String?
    @Option(help: ArgumentHelp("Province, any spelling, or \"national\" for a nationwide need.", valueName: "name")) var province: String?
    @Option(help: ArgumentHelp("Commune, ward or special zone.", valueName: "name")) var commune: String?
    @Option(help: ArgumentHelp("Applicant kind: \(ApplicantKind.acceptedValues).", valueName: "kind")) var applicant: String?
    @Option(help: ArgumentHelp("Sectors with shares, e.g. \"31120:70;32161:30\".", valueName: "codes")) var sector: String?
    @Option(help: ArgumentHelp("Budget: 2500000, 2.5M, USD 2.5M, 850k, \"50 tỷ\" (VND), \"100 triệu\", \"2,5 triệu USD\"; converted at the rate of --date's year.", valueName: "amount")) var budget: String?
    @Option(help: ArgumentHelp("Instrument sought: \(SoughtInstrument.acceptedValues).", valueName: "kind")) var instrument: String?
    @Option(help: ArgumentHelp("Counterpart funds available (amount syntax).", valueName: "amount")) var counterpart: String?
    @Option(help: ArgumentHelp("A theme id or label; repeat for several.", valueName: "theme")) var theme: [String] = []
    @Option(help: ArgumentHelp("Stage: \(NeedStage.acceptedValues).", valueName: "stage")) var stage: String?
    @Option(help: ArgumentHelp("Date the need was recorded: 2017-03-20, 20/3/2017 or 20-03-2017 (day first); its year's exchange rate converts the amounts (default: the latest rate).", valueName: "date")) var date: String?

    /// True when any field flag is given.
    var hasAny: Bool {
        titleVi != nil || titleEn != nil || province != nil || commune != nil || applicant != nil || sector != nil ||
            budget != nil || instrument != nil || counterpart != nil || !theme.isEmpty || stage != nil || date != nil
    }

    /// Sets the fields given; returns what the amounts assumed (their currency when none
    /// was written, the year of the rate when the need has no date).
    @discardableResult
    func apply(to need: inout Need, reference: ReferenceData) throws -> [AssumedDefault] {
        var assumed: [AssumedDefault] = []
        if let titleVi { need.title.vi = titleVi }
        if let titleEn { need.title.en = titleEn }
        if let province {
            let (id, note) = try resolveProvinceNoted(province, reference, acceptsNational: true)
            need.province = id
            // Said with the result, like every default: the province was not named as such.
            if let note { assumed.append(AssumedDefault(field: "province", value: reference.provinces.unit(id: id)?.name ?? id, why: note)) }
        }
        if let commune { need.commune = commune }
        if let applicant { need.applicant = try parseVocabulary(applicant, ApplicantKind.self, option: "--applicant") }
        if let sector {
            do { need.sectors = try SectorSyntax.parse(sector) } catch { throw CLIError.usage("--sector: \(error)") }
        }
        if let date {
            guard let iso = DateSyntax.parse(date) else { throw CLIError.usage("--date: \"\(date)\" is not a date; expected \(DateSyntax.expected)") }
            need.date = iso
        }
        // Amounts convert at the rate of the need's year (its date), as Data/README.md says.
        let year = AmountSyntax.year(ofDate: need.date)
        if let budget {
            do {
                let a = try AmountSyntax.parse(budget, rates: reference.rates, year: year)
                need.budgetUSD = a.usd
                need.budgetInput = a.conversionNote
                assumed += AssumedDefault.of(a, field: "budget")
            } catch { throw CLIError.usage("--budget: \(error)") }
        } else if date != nil, let note = need.budgetInput, let a = AmountSyntax.reconvert(note: note, rates: reference.rates, year: year) {
            // A new date alone: the budget as written, at the new year's rate.
            need.budgetUSD = a.usd
            need.budgetInput = a.conversionNote
        }
        if let instrument { need.instrument = try parseVocabulary(instrument, SoughtInstrument.self, option: "--instrument") }
        if let counterpart {
            do {
                let a = try AmountSyntax.parse(counterpart, rates: reference.rates, year: year)
                need.counterpartUSD = a.usd
                assumed += AssumedDefault.of(a, field: "counterpart")
            } catch { throw CLIError.usage("--counterpart: \(error)") }
        }
        if !theme.isEmpty { need.themes = theme }
        if let stage { need.stage = try parseVocabulary(stage, NeedStage.self, option: "--stage") }
        return assumed
    }
}
