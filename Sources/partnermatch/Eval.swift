import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchService
import PartnerMatchStore

/// Output formats of `eval`.
enum EvalFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension PartnerMatchCommand {
    /// `partnermatch eval`: measures a TREC run, or compares ranking rules, against qrels.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a TREC run, or compare ranking rules, against relevance judgements (qrels).",
            discussion: """
                With --run, or trec_eval's positional QRELS RUN, evaluates any TREC run as trec_eval 10.0 does and prints what it \
                prints (measure, query, value; its names, P_10; its order). trec_eval's options work: -m MEASURE[.PARAMS] (repeat; \
                official, all_trec, set; P.5,10; ndcg.1=3,2=10 gain tables), -q, -c, -l N, -M N, -J, -n, -N N. Without -m, the \
                positional form measures trec_eval's official set, --run the nine measures of earlier versions. \
                With --rule (one or more), ranks the needs with each rule and reports the measures side by side; \
                every rule is tested against the first one (paired t-test and randomization test over needs, Holm-corrected).

                Built-in baselines: builtin:random (seeded uniform scores over all partners), \
                builtin:popularity (presence in Viet Nam alone, no filter), \
                builtin:sector-only (sector fit alone, no filter). See docs/evaluation.md.

                Examples:
                  partnermatch eval --qrels past.qrels --run default.run --per-query
                  partnermatch eval -q -m all_trec -m ndcg.1=3,2=10 past.qrels default.run     # as trec_eval -q ... past.qrels default.run
                  partnermatch eval --qrels past.qrels --rule builtin:random --rule default
                  partnermatch eval --qrels past.qrels --needs past.jsonl --rule default
                  partnermatch eval --cases Data/benchmarks/known-funders.csv --half report --rule builtin:popularity --rule default

                With --cases, each real case (a project with a known funder) is ranked as an ad-hoc need \
                and the measures are hit@1, hit@3, hit@5 (success.1/3/5) and MRR@10 (recip_rank over the top 10) \
                of the funding partner. --half choose|report|all picks one half of the one seeded split, \
                stratified by funder: choose rules on one half, report figures on the other.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("trec_eval's QRELS RUN (instead of --qrels and --run); RUN '-' reads standard input.", valueName: "qrels run"))
        var trecFiles: [String] = []
        @Option(help: ArgumentHelp("The relevance judgements: 'need_id 0 partner_id grade' lines.", valueName: "file"))
        var qrels: String?
        @Option(help: ArgumentHelp("A real-case benchmark (CSV: id,partner_id,funder,...): rank each case ad hoc and measure where its funder lands.", valueName: "file"))
        var cases: String?
        @Option(help: ArgumentHelp("With --cases: choose, report or all (the halves of the seeded split by funder).", valueName: "half"))
        var half: String = "all"
        @Option(name: .customLong("run"), help: ArgumentHelp("A TREC run to evaluate: 'qid Q0 docno rank score tag' lines.", valueName: "file"))
        var runFile: String?
        @Option(help: ArgumentHelp("The needs to rank (JSONL, CSV or a JSON array); default: the needs in the database.", valueName: "file"))
        var needs: String?
        @Option(name: .customLong("rule"), help: ArgumentHelp("A rule to compare: a bundled name, a rule file or builtin:random|popularity|sector-only; the first is the baseline. Repeat.", valueName: "rule"))
        var rules: [String] = []
        @Option(name: [.customLong("measure"), .customShort("m")], help: ArgumentHelp("A measure, trec_eval's -m: map, gm_map, ndcg (ndcg.1=3,2=10 gains), ndcg_cut.10, P.10 (P_10), recall.10, map_cut.10, recip_rank, success.1, Rprec, Rprec_mult.0.5, bpref, infAP, iprec_at_recall.0.1, num_q, num_ret, num_rel, num_rel_ret, set_P, set_recall, set_F.0.5, utility.1,-1,0,0, runid; the sets official, all_trec, set; P.5,10 for several cutoffs. Repeat.", valueName: "measure"))
        var measureNames: [String] = []
        @Flag(name: [.customLong("per-query"), .customShort("q")], help: "With a run, print each query's values before the summary (trec_eval -q).")
        var perQuery = false
        @Flag(name: [.customLong("complete"), .customShort("c")], help: "With a run, average over every judged query, scoring those the run lacks as trec_eval does (trec_eval -c). Without it, a judged query missing from the run is an error (trec_eval 10.0).")
        var complete = false
        @Option(name: [.customLong("level"), .customShort("l")], help: ArgumentHelp("Relevance level: a grade at least this is relevant (trec_eval -l).", valueName: "grade"))
        var level: Int = 1
        @Option(name: [.customLong("max-docs"), .customShort("M")], help: ArgumentHelp("With a run, evaluate only the first N documents of each query (trec_eval -M).", valueName: "n"))
        var maxDocs: Int?
        @Flag(name: [.customLong("judged-only"), .customShort("J")], help: "With a run, rank only judged documents (trec_eval -J).")
        var judgedOnly = false
        @Flag(name: [.customLong("no-summary"), .customShort("n")], help: "With a run, print no summary lines (trec_eval -n).")
        var noSummary = false
        @Option(name: [.customLong("docs-in-collection"), .customShort("N")], help: ArgumentHelp("The collection size for utility's fourth coefficient (trec_eval -N).", valueName: "n"))
        var docsInCollection: Int = 0
        @Option(help: "With --rule, how many partners each rule ranks per need.")
        var top: Int = 100
        @Option(help: "Seed of builtin:random and of the randomization test.")
        var seed: UInt64 = 20_260_701
        @Option(help: "Random sign assignments of the randomization test (exact when 2^queries is at most this).")
        var permutations: Int = 10_000
        @Option(help: ArgumentHelp("With --rule, the folds file of truth built with --folds (default: folds.tsv beside --needs, if there): evidence features of a need leave out its fold.", valueName: "file"))
        var folds: String?
        @Flag(name: .customLong("no-evidence"), help: "With --rule, rank without imported evidence (evidence features fall back to the stated catalog).")
        var noEvidence = false
        @Flag(name: .customLong("by-funder"), help: "With --run, also print the means per funder (a query's top-graded partners) and their mean.")
        var byFunder = false
        @Option(help: ArgumentHelp("table, json or csv.", valueName: "format"))
        var format: EvalFormat = .table
        @Flag(help: "Start CSV output with a UTF-8 byte-order mark (for Excel).")
        var bom = false

        static let defaultMeasures = ["map", "ndcg", "ndcg_cut.10", "P.10", "recall.10", "recip_rank", "success.1", "Rprec", "bpref"]

        func validate() throws {
            if !trecFiles.isEmpty {
                guard trecFiles.count == 2 else { throw ValidationError("expected trec_eval's two files, QRELS RUN; found \(trecFiles.count)") }
                if qrels != nil || runFile != nil || cases != nil || !rules.isEmpty || needs != nil {
                    throw ValidationError("QRELS RUN evaluates a run as trec_eval does; give them without --qrels, --run, --cases, --rule or --needs")
                }
            }
            let trecOnly = [(maxDocs != nil, "-M"), (judgedOnly, "-J"), (noSummary, "-n"), (docsInCollection != 0, "-N")].filter(\.0).map(\.1)
            if !trecOnly.isEmpty && trecFiles.isEmpty && runFile == nil {
                throw ValidationError("\(trecOnly.joined(separator: ", ")) apply to evaluating a run (QRELS RUN or --run)")
            }
            if let m = maxDocs, m <= 0 { throw ValidationError("-M \(m) is out of range; expected a positive number of documents") }
            if docsInCollection < 0 { throw ValidationError("-N \(docsInCollection) is out of range; expected the number of documents in the collection") }
            if !trecFiles.isEmpty { return try validateLevel() }
            if cases != nil {
                if qrels != nil || runFile != nil || needs != nil || folds != nil { throw ValidationError("--cases brings its own needs and judgements; give it without --qrels, --run, --needs or --folds") }
                if rules.isEmpty { throw ValidationError("give --rule (one or more) to rank the cases with") }
                if KnownFunderCases.Half(rawValue: half) == nil { throw ValidationError("--half \(half) is not known; expected choose, report or all") }
                if !measureNames.isEmpty { throw ValidationError("--cases measures hit@1, hit@3, hit@5 and MRR@10; --measure does not apply") }
                guard (1...1_000_000).contains(permutations) else { throw ValidationError("--permutations \(permutations) is out of range; expected 1-1000000") }
                return
            }
            if half != "all" { throw ValidationError("--half applies to --cases") }
            if qrels == nil { throw ValidationError("give --qrels FILE (or --cases FILE)") }
            if runFile == nil && rules.isEmpty { throw ValidationError("give --run FILE to evaluate a run, or --rule (one or more) to compare rules") }
            if runFile != nil && !rules.isEmpty { throw ValidationError("give either --run or --rule, not both") }
            if runFile != nil && needs != nil { throw ValidationError("--needs is for comparing rules (--rule); --run is evaluated as it is") }
            if !rules.isEmpty && perQuery { throw ValidationError("--per-query applies to --run and --cases") }
            if !rules.isEmpty && byFunder { throw ValidationError("--by-funder applies to --run and --cases; a rule comparison always shows the means per funder") }
            if runFile != nil && (folds != nil || noEvidence) { throw ValidationError("--folds and --no-evidence apply to --rule; --run is evaluated as it is") }
            if !rules.isEmpty && complete { throw ValidationError("--complete applies to --run; a rule comparison always counts every judged need it ranks") }
            try validateLevel()
            guard (1...1000).contains(top) else { throw ValidationError("--top \(top) is out of range; expected 1-1000") }
            guard (1...1_000_000).contains(permutations) else { throw ValidationError("--permutations \(permutations) is out of range; expected 1-1000000") }
        }

        func validateLevel() throws {
            guard level >= 0 else { throw ValidationError("--level \(level) is out of range; expected a grade of at least 0") }
        }

        func run() throws {
            if let cases { return try runCases(cases) }
            let trecStyle = !trecFiles.isEmpty
            guard let qrels = trecStyle ? trecFiles[0] : qrels else { throw ValidationError("give --qrels FILE") }
            let runPath = trecStyle ? trecFiles[1] : runFile
            let (measures, wantsRunID) = try parseMeasures(defaultSet: trecStyle ? ["official"] : Eval.defaultMeasures, forRun: runPath != nil)
            let judgements = try Eval.read(qrels) { (bytes, name) throws(TrecFormatError) in try TrecQrels(parsing: bytes, fileName: name) }
            if let runFile = runPath {
                let trecRun = try Eval.read(runFile) { (bytes, name) throws(TrecFormatError) in try TrecRun(parsing: bytes, fileName: name) }
                let report = try evaluate { () throws(EvalError) in
                    try TrecEval.evaluate(qrels: judgements, run: trecRun, measures: measures, relevanceLevel: level, complete: complete,
                                          maxDocumentsPerQuery: maxDocs, judgedOnly: judgedOnly, documentsInCollection: docsInCollection,
                                          missingQueries: .error)
                }
                // On stderr: the output stays trec_eval's.
                Diagnostics.note("funder mix: \(FunderMix(funders: judgements.funderOfQuery.values).summary)")
                switch format {
                case .table: try Output.write(report.trecEvalText(perQuery: perQuery, summary: !noSummary, runID: wantsRunID ? (trecRun.lastTag ?? "") : nil))
                case .json: try Output.write(report.table(perQuery: perQuery).render(.json))
                case .csv: try Output.write(report.table(perQuery: perQuery).render(.csv, bom: bom))
                }
                if byFunder {
                    let averages = EvalFunderAverages(report: report, funderOfQuery: judgements.funderOfQuery)
                    try Output.write((format == .table ? "\n" : "") + averages.table(measures: report.measures).render(format == .table ? .table : format == .json ? .json : .csv))
                }
                return
            }
            let ctx = try store.open()
            let needList = try NeedsFile.load(needs, ctx)
            let judged = Set(judgements.queryIDs)
            let unjudged = needList.filter { !judged.contains($0.id) }.count
            if unjudged > 0 { Diagnostics.note("\(unjudged) of \(needList.count) needs have no judgements in \(qrels) and are not counted") }
            let rankers = try loadRankers(ctx)
            let partners = try ctx.store.partners()
            let comparison: EvalComparison
            do {
                let bar = ProgressBar(enabled: ProgressBar.onTerminal(), totalBytes: nil)
                defer { bar.clear() }
                comparison = try EvalComparison(qrels: judgements, needs: needList, partners: partners,
                                                reference: ctx.reference, rankers: rankers, top: top, measures: measures,
                                                relevanceLevel: level, permutations: permutations, seed: seed, threads: ProgramEnvironment.cores,
                                                evidence: noEvidence ? nil : try NeedsFile.evidenceHistory(ctx, needsPath: needs, foldsPath: folds, judged: needList.filter { judged.contains($0.id) }),
                                                progress: { bar.step("ranking with each rule", done: $0, total: $1) })
            } catch let e as EvalError {
                throw CLIError(e.description)
            } catch let e as TrecFormatError {
                throw CLIError(e.description)
            }
            switch format {
            case .table: try Output.write(comparison.text())
            case .json: try Output.write(comparison.table().render(.json))
            case .csv: try Output.write(comparison.table().render(.csv, bom: bom))
            }
            let funderOf = judgements.funderOfQuery
            try showMix(FunderMix(funders: needList.compactMap { funderOf[$0.id] }))
        }

        /// `eval --cases`: ranks each real case of one half ad hoc with every rule (top 10)
        /// and compares the rules on hit@1/3/5 and MRR@10, overall and per funder.
        func runCases(_ path: String) throws {
            let ctx = try store.open()
            let rankers = try loadRankers(ctx)
            let run = try Eval.casesComparison(path, half: KnownFunderCases.Half(rawValue: half)!, rankers: rankers, ctx: ctx,
                                               permutations: permutations, seed: seed, noEvidence: noEvidence)
            let (comparison, chosen) = (run.comparison, run.cases)
            Diagnostics.note("\(chosen.count) of \(run.total) cases (half: \(half)), \(Set(chosen.map(\.partnerID)).count) funders; each ranked ad hoc, top 10")
            let mix = FunderMix(funders: chosen.map(\.partnerID))
            if perQuery {
                try Output.write(try caseTable(chosen, run.needs, partners: run.partners, ctx: ctx, rankers: rankers).render(format == .table ? .table : format == .json ? .json : .csv))
                if format != .table { return try showMix(mix) }
                try Output.write("\n")
            }
            switch format {
            case .table:
                try Output.write("hit@1 = success.1, hit@3 = success.3, hit@5 = success.5, MRR@10 = recip_rank\n\n" + comparison.text())
                if byFunder {
                    for (name, report) in zip(comparison.names, comparison.reports) {
                        let averages = EvalFunderAverages(report: report, funderOfQuery: comparison.funders)
                        try Output.write("\nPer funder, \(name):\n" + averages.table(measures: report.measures).renderPlain(.table))
                    }
                }
            case .json: try Output.write(comparison.table().render(.json))
            case .csv: try Output.write(comparison.table().render(.csv, bom: bom))
            }
            try showMix(mix)
        }

        /// The measures of `eval --cases`, in this order: hit@1, hit@3, hit@5, MRR@10.
        static let caseMeasures: [EvalMeasure] = [.success(1), .success(3), .success(5), .recipRank]

        /// Ranks each real case of one half of a cases file ad hoc with every ranker (top
        /// 10) and compares them on `caseMeasures`; also `tune`'s check on real cases.
        /// Returns the comparison, the cases of the half, the number in the file, their needs
        /// and the catalog's partners.
        static func casesComparison(_ path: String, half: KnownFunderCases.Half, rankers: [(name: String, ranker: EvalRanker)], ctx: Context,
                                    permutations: Int, seed: UInt64, noEvidence: Bool = false, quiet: Bool = false) throws -> (comparison: EvalComparison, cases: [KnownFunderCase], total: Int, needs: [Need], partners: [Partner]) {
            let text = String(decoding: try FileIO.read(path), as: UTF8.self)
            let all: [KnownFunderCase]
            do { all = try KnownFunderCases.parse(text, file: path) } catch { throw CLIError(error.description) }
            let chosen = KnownFunderCases.select(all, half: half)
            guard chosen.count >= 2 else { throw CLIError("\(path): \(chosen.count) case(s) in half \(half.rawValue); expected at least 2") }
            let partners = try ctx.store.partners()
            let known = Set(partners.map(\.id))
            var needList: [Need] = []
            for c in chosen {
                guard known.contains(c.partnerID) else {
                    throw CLIError("\(path):\(c.line): partner_id: \"\(c.partnerID)\" is not in the catalog; expected the id of the funding programme")
                }
                do { needList.append(try KnownFunderCases.need(c, reference: ctx.reference, file: path)) } catch { throw CLIError(error.description) }
            }
            do {
                let judgements = try KnownFunderCases.qrels(chosen)
                let bar = ProgressBar(enabled: ProgressBar.onTerminal(quiet: quiet), totalBytes: nil)
                defer { bar.clear() }
                let comparison = try EvalComparison(qrels: judgements, needs: needList, partners: partners,
                                                    reference: ctx.reference, rankers: rankers, top: 10, measures: caseMeasures,
                                                    relevanceLevel: 1, permutations: permutations, seed: seed, threads: ProgramEnvironment.cores,
                                                    evidence: noEvidence ? nil : try NeedsFile.evidenceHistory(ctx, needsPath: nil, foldsPath: nil, judged: needList),
                                                    progress: { bar.step("ranking the cases with each rule", done: $0, total: $1) })
                return (comparison, chosen, all.count, needList, partners)
            } catch let e as EvalError {
                throw CLIError(e.description)
            } catch let e as TrecFormatError {
                throw CLIError(e.description)
            }
        }

        /// The funder mix of what was measured: after a table report, a line and a table;
        /// with JSON or CSV (whose output stays one table) the line on stderr.
        func showMix(_ mix: FunderMix) throws {
            guard format == .table else { return Diagnostics.note("funder mix: \(mix.summary)") }
            var text = "\nFunder mix of the judged needs: \(mix.summary)\n" + mix.table(limit: 8).renderPlain(.table)
            if let problem = mix.problem() { text += "note: \(problem); the figures say most about the largest funders\n" }
            try Output.write(text)
        }

        /// One row per case: where its funder landed under each rule (top 10; "-" when not
        /// in it, "x" when excluded) and each rule's first partner.
        func caseTable(_ cases: [KnownFunderCase], _ needs: [Need], partners: [Partner], ctx: Context, rankers: [(name: String, ranker: EvalRanker)]) throws -> Table {
            var header = ["case", "funder", "budget_usd"]
            var columns: [[String]] = []
            for r in rankers {
                header += ["rank: " + r.name, "first: " + r.name]
                let rankings = r.ranker.rank(needs, partners: partners, reference: ctx.reference, top: 10, threads: ProgramEnvironment.cores)
                var rankCol: [String] = [], firstCol: [String] = []
                for (c, ranking) in zip(cases, rankings) {
                    rankCol.append(ranking.entries.first { $0.partnerID == c.partnerID }.map { String($0.rank) } ?? "-")
                    firstCol.append(ranking.entries.first?.partnerID ?? "")
                }
                columns += [rankCol, firstCol]
            }
            let rows = cases.indices.map { i in
                [cases[i].id, cases[i].partnerID, NumberFormat.grouped(needs[i].budgetUSD)] + columns.map { $0[i] }
            }
            return Table(columns: header.map { Table.Column($0, $0) }, rows: rows.map { $0.map { Table.Cell.text($0) } })
        }

        /// The measures asked for, each once, in the order given.
        /// The measures asked for (trec_eval's -m: names, parameters, the sets `official`,
        /// `all_trec` and `set`), and whether `runid` is among them. Measures of trec_eval's
        /// sets that are not computed here are named on stderr.
        func parseMeasures(defaultSet: [String] = Eval.defaultMeasures, forRun: Bool = false) throws -> ([EvalMeasure], Bool) {
            var out: [EvalMeasure] = []
            var runID = false
            var left: [String] = []
            func add(_ ms: [EvalMeasure]) { for m in ms where !out.contains(m) { out.append(m) } }
            for name in measureNames.isEmpty ? defaultSet : measureNames {
                switch name {
                case "official":
                    runID = true
                    add(EvalMeasure.official)
                case "all_trec":
                    runID = true
                    add(EvalMeasure.allTrec.measures)
                    left += EvalMeasure.allTrec.notComputed
                case "set":
                    runID = true
                    add(EvalMeasure.setMeasures.measures)
                    left += EvalMeasure.setMeasures.notComputed
                case "runid":
                    runID = true
                default:
                    do { add(try EvalMeasure.parseList(name)) } catch { throw CLIError.usage("-m/--measure: \(error)") }
                }
            }
            if !forRun && (runID || out.contains { !$0.isRuleComparable }) {
                let odd = (runID ? ["runid"] : []) + out.filter { !$0.isRuleComparable }.map(\.name)
                throw CLIError.usage("-m/--measure: \(odd.joined(separator: ", ")) apply to evaluating a run (QRELS RUN or --run); compare rules on per-query measures such as map, ndcg_cut.10, P.10")
            }
            if !left.isEmpty { Diagnostics.note("trec_eval measures of the set not computed here: \(Array(Set(left)).sorted().joined(separator: ", "))") }
            return (out, runID)
        }

        /// Parses a qrels or run file; format errors come out as `file:line: message`.
        static func read<T>(_ path: String, _ parse: (UnsafeRawBufferPointer, String) throws(TrecFormatError) -> T) throws -> T {
            let file = try MappedFile(path: path)
            do {
                return try file.withBytes { (bytes) throws(TrecFormatError) in try parse(bytes, path == "-" ? "<stdin>" : path) }
            } catch { throw CLIError(error.description) }
        }

        func evaluate<T>(_ body: () throws(EvalError) -> T) throws -> T {
            do { return try body() } catch { throw CLIError(error.description) }
        }

        /// Each `--rule`: a baseline, a bundled rule or a rule file. Two rules with one name
        /// are told apart by the argument that named them.
        func loadRankers(_ ctx: Context) throws -> [(name: String, ranker: EvalRanker)] {
            let library = RuleLibrary(data: ctx.data)
            var out: [(name: String, ranker: EvalRanker)] = []
            for (i, argument) in rules.enumerated() {
                if rules[..<i].contains(argument) { throw CLIError.usage("--rule \(argument) is given twice") }
                let ranker: EvalRanker
                if argument.hasPrefix(Rule.reservedPrefix) {
                    guard let builtin = EvalRanker(builtin: argument, seed: seed) else {
                        throw CLIError.usage("unknown built-in rule \"\(argument)\"; expected one of \(EvalRanker.builtinNames.joined(separator: ", "))")
                    }
                    ranker = builtin
                } else {
                    ranker = .rule(try library.load(argument))
                }
                var name = ranker.name
                if out.contains(where: { $0.name == name }) { name += " (\(argument))" }
                out.append((name, ranker))
            }
            return out
        }
    }
}

/// Needs read for evaluation and tuning.
enum NeedsFile {
    /// The needs of `path` (bad records reported and skipped, later duplicates of an id
    /// skipped), else, without a path, those of the database.
    static func load(_ path: String?, _ ctx: Context) throws -> [Need] {
        guard let path else {
            let stored = try ctx.store.needs()
            guard !stored.isEmpty else { throw CLIError("the database has no needs; give --needs FILE") }
            return stored
        }
        let reader = try ProposalReader(path: path, format: nil, reference: ctx.reference)
        try reader.readHeader()
        var out: [Need] = []
        var seen = Set<String>()
        var skipped = 0
        while let record = reader.next() {
            switch record.result {
            case .success(let need):
                if seen.insert(need.id).inserted { out.append(need) } else {
                    Diagnostics.note("skipped \(path):\(record.line): need \"\(need.id)\" appears twice; the first is kept")
                    skipped += 1
                }
            case .failure(let error):
                Diagnostics.note("skipped \(error)")
                skipped += 1
            }
        }
        if skipped > 0 { Diagnostics.note("skipped \(skipped) of \(skipped + out.count) records of \(path)") }
        guard !out.isEmpty else { throw CLIError("\(path): no valid need to rank") }
        return out
    }

    /// The evidence history for evaluating `judged` needs: each sees evidence from before
    /// its year, or with a folds file (`--folds`, or `folds.tsv` beside the needs file) from
    /// the other folds only. Nil when no evidence is imported.
    ///
    /// A folds file that assigns no fold to some judged need is refused (it belongs to
    /// other needs); judged needs that may see everything (no date, no fold) are counted
    /// in a note, since as past projects they would see themselves.
    static func evidenceHistory(_ ctx: Context, needsPath: String?, foldsPath: String?, judged: [Need]) throws -> EvidenceHistory? {
        let byPartner = try ctx.store.evidenceActivitiesByPartner()
        guard !byPartner.isEmpty else { return nil }
        var path = foldsPath
        if path == nil, let needsPath, needsPath != "-" {
            let beside = ((needsPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("folds.tsv")
            if FileManager.default.fileExists(atPath: beside) {
                path = beside
                Diagnostics.note("evidence features leave out each need's fold, as \(beside) assigns them")
            }
        }
        var history = EvidenceHistory(activitiesByPartner: byPartner)
        if let path {
            let bytes = try FileIO.read(path)
            do {
                history = EvidenceHistory(activitiesByPartner: byPartner, folds: try EvidenceHistory.parseFolds(String(decoding: bytes, as: UTF8.self), file: path))
            } catch { throw CLIError(error.description) }
            let missing = judged.filter { history.needFolds[$0.id] == nil }
            if let first = missing.first {
                throw CLIError("\(path) assigns no fold to need \"\(first.id)\"\(missing.count > 1 ? " (nor to \(missing.count - 1) other judged needs)" : ""); expected the folds.tsv that truth from-evidence wrote with these needs")
            }
        }
        let unbounded = history.unbounded(judged).count
        if unbounded > 0 {
            Diagnostics.note("\(unbounded) of \(judged.count) judged needs have no date\(path == nil ? "" : " and no fold"): their evidence features see all imported evidence, their own projects included")
        }
        return history
    }
}
