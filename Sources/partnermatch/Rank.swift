import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// Output formats of `rank`: the ranking renderer's, plus TREC runs.
enum RankFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown, trec
}

/// Output formats of `explain`: a full explanation is text with two tables, or JSON.
enum ExplainFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown

    var output: OutputFormat {
        switch self {
        case .table: .table
        case .json: .json
        case .markdown: .markdown
        }
    }
}

/// Options shared by the ranking commands.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rule"), help: ArgumentHelp("A bundled rule name (see 'rules list'), a rule file, or builtin:popularity|sector-only. rank takes several, side by side.", valueName: "name|file"))
    var rules: [String] = []

    /// The one rule asked for (nil: the default).
    var rule: String? { rules.last }

    @Flag(name: .customLong("include-inactive"), help: "Rank windows closed or dormant for Viet Nam as if they were open (the rule's status filter off).")
    var includeInactive = false

    @Option(name: .customLong("evidence-until"), help: ArgumentHelp("Evidence features see only past projects that started in or before this year (to score past projects without themselves). Default: all imported evidence.", valueName: "year"))
    var evidenceUntil: Int?

    func validate() throws {
        if let y = evidenceUntil, !(1900...2100).contains(y) { throw ValidationError("--evidence-until \(y) is out of range; expected a year from 1900 to 2100") }
    }

    /// The one rule of a command that ranks with one; several --rule are refused, not
    /// silently reduced to the last.
    func load(_ ctx: Context) throws -> Rule {
        if rules.count > 1 {
            throw CLIError("--rule is given \(rules.count) times; this command uses one rule (rank NEED --rule A --rule B shows rules side by side)")
        }
        return try load(ctx, rule)
    }

    /// Every rule asked for, in order (the default when none), each once.
    func loadAll(_ ctx: Context) throws -> [Rule] {
        if rules.isEmpty { return [try load(ctx, nil)] }
        var out: [Rule] = []
        for (i, r) in rules.enumerated() {
            if rules[..<i].contains(r) { throw CLIError("--rule \(r) is given twice") }
            out.append(try load(ctx, r))
        }
        return out
    }

    func load(_ ctx: Context, _ rule: String?) throws -> Rule {
        var loaded: Rule
        if let rule, rule.hasPrefix(Rule.reservedPrefix) {
            guard let builtin = EvalRanker(builtin: rule, seed: 0), case .rule(let r) = builtin else {
                throw CLIError.usage("unknown built-in rule \"\(rule)\" here; expected builtin:popularity or builtin:sector-only (builtin:random ranks only in eval)")
            }
            loaded = r
        } else {
            loaded = try RuleLibrary(data: ctx.data).load(rule)
        }
        if includeInactive { loaded.filters.status = nil }
        return loaded
    }
}

extension Context {
    /// The catalog compiled once for a rule, with the evidence summaries up to a year
    /// when the rule uses evidence features.
    func compile(_ rule: Rule, evidenceUntil: Int? = nil) throws -> CompiledCatalog {
        try compileKeepingActivities(rule, evidenceUntil: evidenceUntil).catalog
    }

    /// `compile`, and the partners' activities when the evidence summaries had to be
    /// computed from them (not cached), so that the brief reads them once.
    func compileKeepingActivities(_ rule: Rule, evidenceUntil: Int? = nil) throws -> (catalog: CompiledCatalog, activities: [String: [EvidenceActivity]]?) {
        guard rule.features.used.contains(where: \.isEvidence) else {
            return (CompiledCatalog(hashed: try store.hashedPartners(), reference: reference, rule: rule, evidence: [:]), nil)
        }
        let (summaries, activities) = try store.evidenceSummariesAndActivities(until: evidenceUntil)
        return (CompiledCatalog(hashed: try store.hashedPartners(), reference: reference, rule: rule, evidence: summaries), activities)
    }

    /// A stored need by id.
    func need(_ id: String) throws -> Need { try store.requireNeed(id: id) }
}

extension PartnerMatchCommand {
    /// `partnermatch rank`: ranks every partner for a need.
    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank the partners for a stored need, or for a need given by flags.",
            discussion: """
                Examples:
                  partnermatch rank sla-tea-processing-moc-chau --top 5 --explain
                  partnermatch rank --sector "31120:70;32161:30" --budget 2.5M --instrument grant --province "Sơn La" --applicant province --theme green-growth
                  partnermatch rank --sector 14030 --budget "50 tỷ" --date 2024-05-01 --province national --applicant ministry --format json

                A need given by flags without --province is nationwide (national), without --applicant the province applies, without --instrument any instrument fits: every default assumed is printed with the result (stderr for tables, an "assumed" member in JSON). When every partner is excluded, a warning names the nearest ticket ranges.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var ruleOptions: RuleOptions
        @Argument(help: "A stored need id (omit to describe the need with flags).") var needID: String?
        @OptionGroup var fields: NeedFields
        @Option(help: "How many partners to show (per need with --all; default 10, 3 with --all).") var top: Int?
        @Flag(help: "Rank every stored need: its top partners, one row per need and partner (table, csv, json, markdown or trec).") var all = false
        @Flag(help: "Start CSV output with a UTF-8 byte-order mark (for Excel).") var bom = false
        @Flag(help: "Show each feature's value and points per partner (table, markdown: a points table under the ranking, summing to the score; json: value, weight, contribution and reason).") var explain = false
        @Flag(name: .customLong("show-excluded"), help: "List the partners a filter excluded, with the reason.") var showExcluded = false
        @Option(help: ArgumentHelp("table, json, csv, markdown or trec (a TREC run line per partner).", valueName: "format")) var format: RankFormat = .table
        @Option(help: ArgumentHelp("Language of names and reasons: en or vi.", valueName: "lang")) var lang: Language = .en

        func validate() throws {
            if let top, !(1...1000).contains(top) { throw ValidationError("--top \(top) is out of range; expected 1-1000") }
            if all && (needID != nil || fields.hasAny) { throw ValidationError("--all ranks every stored need; expected no need id and no need flags with it") }
        }

        func run() throws {
            if all { return try runAll() }
            let top = self.top ?? 10
            let ctx = try store.open()
            let (need, assumed) = try resolveNeed(needID, fields: fields, ctx: ctx)
            if ruleOptions.rules.count > 1 { return try sideBySide(need, assumed: assumed, ctx: ctx) }
            let rule = try ruleOptions.load(ctx)
            let catalog = try ctx.compile(rule, evidenceUntil: ruleOptions.evidenceUntil).judging(need)
            let ranking = catalog.rank(need, top: top, explain: explain || format == .table || format == .markdown, showExcluded: showExcluded)
            let notes = RankingNotes(assumed: assumed, ranking: ranking, need: need, catalog: catalog)
            switch format {
            case .trec: try Output.write(TrecRunWriter.lines(ranking, tag: rule.name))
            case .table: try Output.write(RankingRenderer.render(ranking, format: .table, catalog: catalog, language: lang, points: explain, width: Terminal.width()))
            case .json: try Output.write(RankingRenderer.render(ranking, format: .json, catalog: catalog, language: lang, notes: notes))
            case .csv: try Output.write((bom ? "\u{FEFF}" : "") + RankingRenderer.render(ranking, format: .csv, catalog: catalog, language: lang))
            case .markdown: try Output.write(RankingRenderer.render(ranking, format: .markdown, catalog: catalog, language: lang, points: explain))
            }
            // JSON carries the notes; every other format has them on stderr.
            if format != .json { for line in notes.lines(lang) { Diagnostics.note(line) } }
        }

        /// Several --rule: each partner's rank and score under each rule, side by side.
        func sideBySide(_ need: Need, assumed: [AssumedDefault], ctx: Context) throws {
            if explain || showExcluded { throw CLIError("--explain and --show-excluded show one rule; with several --rule, rank shows ranks and scores side by side") }
            let top = self.top ?? 10
            let rules = try ruleOptions.loadAll(ctx)
            var rankings: [Ranking] = []
            for rule in rules {
                let catalog = try ctx.compile(rule, evidenceUntil: ruleOptions.evidenceUntil).judging(need)
                rankings.append(catalog.rank(need, top: max(catalog.partners.count, 1)))
            }
            if format == .trec {
                return try Output.write(zip(rules, rankings).map { rule, r in
                    var cut = r
                    cut.entries = Array(r.entries.prefix(top))
                    return TrecRunWriter.lines(cut, tag: rule.name)
                }.joined())
            }
            let names = RuleSideBySide.uniqueNames(rules.map(\.name), arguments: ruleOptions.rules)
            let view = RuleSideBySide(rankings: rankings, names: names, top: top)
            let partners = try ctx.store.partners()
            let partnerNames = Dictionary(partners.map { ($0.id, $0.name.text(lang)) }, uniquingKeysWith: { a, _ in a })
            let table = view.table { partnerNames[$0] ?? $0 }
            switch format {
            case .table, .markdown:
                var text = "\(need.id): \(rules.count) rules side by side, the partners in the top \(top) of any\n\n" + table.renderPlain(format == .table ? .table : .markdown)
                for (a, b, shared) in view.overlap(min(3, top)) { text += "top \(min(3, top)) shared by \(a) and \(b): \(shared) of \(min(3, top))\n" }
                try Output.write(text)
            case .json: try Output.write(table.render(.json))
            case .csv: try Output.write(table.render(.csv, bom: bom))
            case .trec: break
            }
            if let a = AssumedDefault.line(assumed) { Diagnostics.note(a) }
        }

        /// `--all`: every stored need, in id order, with its `top` partners.
        private func runAll() throws {
            let ctx = try store.open()
            let needs = try ctx.store.needs().sorted { $0.id < $1.id }
            guard !needs.isEmpty else { throw CLIError("the database has no needs; add some with 'needs add' or 'import needs'") }
            let rule = try ruleOptions.load(ctx)
            let catalog = try ctx.compile(rule, evidenceUntil: ruleOptions.evidenceUntil)
            let catalogs = CatalogsByStatusYear(catalog)
            let rankings = needs.map { (need: $0, ranking: catalogs.catalog(for: $0).rank($0, top: top ?? 3, explain: false, showExcluded: false)) }
            switch format {
            case .trec: try Output.write(rankings.map { TrecRunWriter.lines($0.ranking, tag: rule.name) }.joined())
            case .table: try Output.write(AllNeedsView.table(rankings, catalog: catalog, language: lang).render(.table))
            case .csv: try Output.write(AllNeedsView.table(rankings, catalog: catalog, language: lang).render(.csv, bom: bom))
            case .json: try Output.write(AllNeedsView.table(rankings, catalog: catalog, language: lang).render(.json))
            case .markdown: try Output.write(AllNeedsView.table(rankings, catalog: catalog, language: lang).render(.markdown))
            }
            if format == .table { Diagnostics.note("\(needs.count) needs ranked with rule \(rule.name) \(rule.version)") }
        }
    }

    /// `partnermatch explain NEED PARTNER`.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain one need-partner pair in full: every filter and every feature.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var ruleOptions: RuleOptions
        @Argument(help: "The need id.") var needID: String
        @Argument(help: "The partner id.") var partnerID: String
        @Option(help: ArgumentHelp("table, json or markdown.", valueName: "format")) var format: ExplainFormat = .table
        @Option(help: ArgumentHelp("en or vi.", valueName: "lang")) var lang: Language = .en

        func run() throws {
            let ctx = try store.open()
            let need = try ctx.need(needID)
            _ = try ctx.store.requirePartner(id: partnerID)
            let rule = try ruleOptions.load(ctx)
            let catalog = try ctx.compile(rule, evidenceUntil: ruleOptions.evidenceUntil).judging(need)
            guard let x = catalog.explain(need, partnerID: partnerID) else { throw CLIError("cannot explain \(partnerID) for \(needID)") }
            try Output.write(ExplanationView.render(x, need: need, catalog: catalog, rule: rule, format: format.output, language: lang))
        }
    }

    /// `partnermatch brief NEED --out FILE`, or a dossier of several needs.
    struct Brief: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a meeting brief (HTML or Markdown) of the best partners for a need, or a dossier of several needs.",
            discussion: """
                Examples:
                  partnermatch brief sla-ethnic-boarding-schools --out brief.html --lang vi
                  partnermatch brief sla-tea-processing-moc-chau --out brief.html --pages 2 --top 10
                  partnermatch brief --needs sla-rural-roads-sop-cop,sla-commune-health-stations --out dossier.html
                  partnermatch brief --all --out dossier.html --lang en

                The HTML is self-contained and prints on A4 at 9 pt body text: on one page (--pages 1, the default) or two (--pages 2). Partners that do not fit are named in a line, never printed smaller. A dossier (--needs or --all) has a cover page ranking the needs by their best match, then one page per need. The Markdown brief shows every partner.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var ruleOptions: RuleOptions
        @Argument(help: "The need id (or give --needs or --all for a dossier).") var needID: String?
        @Option(help: ArgumentHelp("A dossier of these stored needs: ids separated by commas.", valueName: "id,id,...")) var needs: String?
        @Flag(help: "A dossier of every stored need.") var all = false
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write: .html or .md.", valueName: "file")) var out: String
        @Option(help: ArgumentHelp("en or vi.", valueName: "lang")) var lang: Language = .vi
        @Option(help: "How many partners per need (at most 10).") var top: Int = 8
        @Option(help: ArgumentHelp("How many A4 pages one need's HTML brief may take: 1 or 2 (a dossier gives each need one page).", valueName: "1|2")) var pages: Int = 1
        @Option(help: ArgumentHelp("The date the brief is prepared, YYYY-MM-DD (default: today, UTC).", valueName: "date")) var prepared: String?
        @Option(name: .customLong("compare-rule"), help: ArgumentHelp("Add a line: this rule's first three partners and where each stands in the brief.", valueName: "rule"))
        var compareRule: String?
        @Flag(help: "Replace --out when it exists.") var force = false

        func validate() throws {
            guard (1...MeetingBrief.maxPartners).contains(top) else { throw ValidationError("--top \(top) is out of range; expected 1-\(MeetingBrief.maxPartners)") }
            guard MeetingBrief.pageRange.contains(pages) else { throw ValidationError("--pages \(pages) is out of range; expected 1 or 2") }
            if let prepared, !Validator.isISODate(prepared) { throw ValidationError("--prepared \"\(prepared)\" is not a date; expected YYYY-MM-DD") }
            let given = [needID != nil, needs != nil, all].filter { $0 }.count
            guard given == 1 else {
                throw ValidationError(given == 0 ? "give a need id, or --needs ID,ID,... or --all for a dossier" : "give one of a need id, --needs or --all")
            }
            if needID == nil {
                if pages != 1 { throw ValidationError("--pages \(pages): a dossier prints each need on one page; --pages is for one need's brief") }
                if compareRule != nil { throw ValidationError("--compare-rule is for one need's brief, not a dossier") }
            }
            let lower = out.lowercased()
            guard lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".md") else {
                throw ValidationError("--out \(out): expected a file name ending in .html or .md")
            }
        }

        func run() throws {
            // A brief is often edited by hand before a meeting: never overwrite it silently.
            if !force && FileManager.default.fileExists(atPath: out) { throw CLIError("\(out) exists; give --force to replace it, or another --out") }
            let ctx = try store.open()
            let rule = try ruleOptions.load(ctx)
            let day = prepared ?? DateSyntax.todayUTC()
            let markdown = out.lowercased().hasSuffix(".md")
            guard let needID else { return try dossier(ctx, rule: rule, day: day, markdown: markdown) }
            let need = try ctx.need(needID)
            let (compiled, activities) = try ctx.compileKeepingActivities(rule, evidenceUntil: ruleOptions.evidenceUntil)
            let catalog = compiled.judging(need)
            let ranking = catalog.rank(need, top: top, explain: true, showExcluded: true)
            var brief = MeetingBrief(need: need, ranking: ranking, catalog: catalog, language: lang,
                                     pastProjects: try pastProjects([(need, ranking)], ctx: ctx, activities: activities)[need.id] ?? [:],
                                     prepared: day, pages: pages)
            if let compareRule {
                let other = try ruleOptions.load(ctx, compareRule)
                let otherCatalog = try ctx.compile(other, evidenceUntil: ruleOptions.evidenceUntil).judging(need)
                brief.comparison = MeetingBrief.comparisonLine(otherCatalog.rank(need, top: 3), shown: ranking, catalog: catalog, language: lang)
            }
            try FileIO.write(markdown ? brief.markdown() : brief.html(), to: out)
            var said = "wrote \(out): \(ranking.entries.count) partners for \(need.id)"
            if !markdown {
                let printed = brief.printedPartners
                if printed < ranking.entries.count {
                    said = "wrote \(out): \(printed) of \(ranking.entries.count) partners for \(need.id) fit \(pages) A4 page\(pages == 1 ? "" : "s") at 9 pt; the others are named in the brief"
                    if pages == 1 { said += " (--pages 2 prints more)" }
                }
            }
            try Output.write(said + " (rule \(rule.name) \(rule.version), catalog sha256:\(ranking.shortHash))\n")
        }

        /// `--needs` or `--all`: the cover and a page per need.
        private func dossier(_ ctx: Context, rule: Rule, day: String, markdown: Bool) throws {
            let chosen: [Need]
            if let needs {
                let ids = needs.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if let empty = ids.firstIndex(where: \.isEmpty) { throw CLIError.usage("--needs \"\(needs)\": id \(empty + 1) is empty; expected ids separated by commas") }
                var seen = Set<String>()
                for id in ids where !seen.insert(id).inserted { throw CLIError.usage("--needs: \"\(id)\" is given twice") }
                var found: [Need] = [], unknown: [String] = []
                for id in ids {
                    do { found.append(try ctx.need(id)) } catch let e as StoreError { unknown.append(e.description) }
                }
                guard unknown.isEmpty else { throw CLIError("--needs: " + unknown.joined(separator: "; ") + " (\(unknown.count) of \(ids.count) ids unknown; nothing written)") }
                chosen = found
            } else {
                chosen = try ctx.store.needs().sorted { $0.id < $1.id }
                guard !chosen.isEmpty else { throw CLIError("the database has no needs; add some with 'needs add' or 'import needs'") }
            }
            let (compiled, activities) = try ctx.compileKeepingActivities(rule, evidenceUntil: ruleOptions.evidenceUntil)
            // Each need judged as the windows stood in its year (one compile per year).
            let byYear = CatalogsByStatusYear(compiled)
            let ranked = chosen.map { (need: $0, ranking: byYear.catalog(for: $0).rank($0, top: top, explain: true, showExcluded: true)) }
            let catalog = compiled
            let dossier = MeetingDossier(ranked: ranked, catalog: catalog, language: lang, prepared: day,
                                         pastProjects: try pastProjects(ranked, ctx: ctx, activities: activities))
            try FileIO.write(markdown ? dossier.markdown() : dossier.html(), to: out)
            let fundable = ranked.filter { $0.ranking.hasStrongMatch }.count
            try Output.write("wrote \(out): \(ranked.count) needs, \(fundable) with a strong match (rule \(rule.name) \(rule.version), catalog sha256:\(ranked.first?.ranking.shortHash ?? ""))\n")
        }

        /// Per need, the past projects of its ranked partners: from the activities read to
        /// compute the summaries, else (summaries cached) those of the ranked partners only.
        private func pastProjects(_ ranked: [(need: Need, ranking: Ranking)], ctx: Context, activities: [String: [EvidenceActivity]]?) throws -> [String: [String: [PastProject]]] {
            let shown = Set(ranked.flatMap { $0.ranking.entries.map(\.partnerID) })
            let byPartner = try activities?.filter { shown.contains($0.key) } ?? ctx.store.evidenceActivitiesByPartner(only: shown)
            var out: [String: [String: [PastProject]]] = [:]
            for (need, ranking) in ranked {
                let mine = Set(ranking.entries.map(\.partnerID))
                out[need.id] = PastProject.byPartner(byPartner.filter { mine.contains($0.key) }, to: need, taxonomy: ctx.reference.sectors, until: ruleOptions.evidenceUntil)
            }
            return out
        }
    }

    /// `partnermatch rules list|show|check`.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show and check ranking rules.",
            subcommands: [List.self, Show.self, Check.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the bundled rules.")
            @Option(help: ArgumentHelp("The bundled data folder.", valueName: "dir")) var data: String?
            @OptionGroup var output: FormatOptions

            func run() throws {
                let lib = RuleLibrary(data: try DataDirectory.locate(explicit: data))
                var t = Table(columns: [.init("name", "Name"), .init("version", "Version"), .init("features", "Features (weight)"), .init("file", "File")])
                for (file, rule) in try lib.all() {
                    let feats = rule.features.used.map { "\($0.rawValue) \(Rule.number(rule.features.weight($0)))" }.joined(separator: ", ")
                    t.rows.append([.text(rule.name), .text(rule.version), .text(feats), .text(file)])
                }
                try Output.write(t.render(output.format, bom: output.bom, width: output.width))
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a rule with every parameter spelt out.")
            @Option(help: ArgumentHelp("The bundled data folder.", valueName: "dir")) var data: String?
            @Argument(help: "A bundled rule name or a rule file.") var rule: String = "default"

            func run() throws {
                try Output.write(try RuleLibrary(data: try DataDirectory.locate(explicit: data)).load(rule).canonicalJSON)
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Validate a rule file; errors name the field.")
            @Option(help: ArgumentHelp("The bundled data folder.", valueName: "dir")) var data: String?
            @Argument(help: "The rule file.") var file: String

            func run() throws {
                let rule = try RuleLibrary(data: try DataDirectory.locate(explicit: data)).load(file: file)
                try Output.write("\(file): ok: rule \(rule.name) \(rule.version), features \(rule.features.used.map(\.rawValue).joined(separator: ", "))\n")
            }
        }
    }
}

/// The need a ranking command is about: a stored one by id, or one built from flags; and
/// what was assumed in building it.
///
/// An ad-hoc need without `--province` is nationwide (`national`), without `--applicant`
/// the province applies, without `--instrument` any instrument is sought: each default
/// is returned, to be printed with the result.
func resolveNeed(_ id: String?, fields: NeedFields, ctx: Context) throws -> (need: Need, assumed: [AssumedDefault]) {
    if let id {
        var need = try ctx.need(id)
        var assumed: [AssumedDefault] = []
        if fields.hasAny {
            assumed = try fields.apply(to: &need, reference: ctx.reference)
            need = try validated(need, ctx.reference)
        }
        return (need, assumed)
    }
    guard fields.sector != nil, fields.budget != nil else {
        throw CLIError.usage("give a need id (see 'needs list'), or describe the need with at least --sector and --budget")
    }
    var assumed: [AssumedDefault] = []
    if fields.province == nil { assumed.append(.province) }
    if fields.applicant == nil { assumed.append(.applicant) }
    if fields.instrument == nil { assumed.append(.instrument) }
    var need = Need(id: fields.id ?? "ad-hoc", title: LocalizedText(en: "Ad-hoc need", vi: "Nhu cầu tạm"), province: Need.national,
                    applicant: .province, sectors: [], budgetUSD: 0, instrument: .any)
    assumed += try fields.apply(to: &need, reference: ctx.reference)
    return (try validated(need, ctx.reference), assumed)
}
