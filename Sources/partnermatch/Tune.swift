import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchService
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch tune`: learns a rule's feature weights from judged needs.
    struct Tune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Learn a rule's feature weights from judged needs (coordinate ascent with restarts).",
            discussion: """
                Starts from the base rule's weights and searches the weights of the features the rule uses (filters and \
                parameters are kept) to maximise --metric on the training qrels, by coordinate ascent with random \
                restarts as RankLib does. Seeded and deterministic.

                Restraint: --validation (default 0.25) of the training needs, a seeded share of each funder's, are held \
                out; tuning fits the rest, stops a start when the held-out needs stop improving, and keeps the weights best \
                on them (the base's included): checked with the engine, the tuned rule is never worse than the base on the \
                held-out needs. Each weight stays within a factor --max-change (default 3) of the base's share. The table \
                shows each weight's change and flags a feature driven to near zero.

                Then base and tuned are compared on the test part (--test-qrels, default test.qrels beside --qrels) with \
                the paired tests of eval, and on the report half of the real-case benchmark (--cases, default \
                benchmarks/known-funders.csv in the data folder when there is one) with eval --cases's measures. When the \
                tuned rule is worse there than the base on hit@3 or MRR, tune says so: the rule file's description says \
                so, and the last line reads "worse on real cases: keep BASE".

                Refuses, unless --force, when the training needs have fewer than 5 funders or one funder holds more than \
                half of them: weights tuned on such truth learn to find that funder.

                Evidence features see, for each need, only evidence from before its year, or with a folds file \
                (--folds, default folds.tsv beside --needs) from the other folds only. See docs/evaluation.md.

                Example:
                  partnermatch truth from-evidence --out truth --country VN --split-year 2003
                  partnermatch tune --qrels truth/train.qrels --needs truth/needs.jsonl --rule default --metric ndcg@10 --out tuned.json
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The training judgements: 'need_id 0 partner_id grade' lines.", valueName: "file"))
        var qrels: String
        @Option(name: .customLong("test-qrels"), help: ArgumentHelp("The test judgements (default: test.qrels beside --qrels, if there).", valueName: "file"))
        var testQrels: String?
        @Option(help: ArgumentHelp("The needs (JSONL, CSV or a JSON array); default: the needs in the database.", valueName: "file"))
        var needs: String?
        @Option(help: ArgumentHelp("The base rule: a bundled name or a rule file.", valueName: "rule"))
        var rule: String = "default"
        @Option(help: ArgumentHelp("The measure to maximise (eval's names: ndcg@10, map, P.10, recip_rank...).", valueName: "measure"))
        var metric: String = "ndcg@10"
        @Option(help: ArgumentHelp("Average the metric over needs, or over funders (each funder's needs averaged, then the funders).", valueName: "needs|funders"))
        var average: String = "funders"
        @Option(help: ArgumentHelp("Where to write the tuned rule (JSON).", valueName: "file"))
        var out: String
        @Option(help: ArgumentHelp("The tuned rule's name (default: the base's name with -tuned).", valueName: "name"))
        var name: String?
        @Option(name: .customLong("param"), help: ArgumentHelp("Also tune a parameter over these values (the base's value is always tried), e.g. scaleFit.width=0.25,0.5,1. Repeat.", valueName: "path=v1,v2,..."))
        var params: [String] = []
        @Option(help: ArgumentHelp("The folds file of truth built with --folds.", valueName: "file"))
        var folds: String?
        @Option(help: ArgumentHelp("Share of the training needs held out to choose the weights on (0 to 0.5; 0: none).", valueName: "share"))
        var validation: Double = 0.25
        @Option(name: .customLong("max-change"), help: ArgumentHelp("Keep each weight's share within this factor of the base's (at least 1), or none.", valueName: "factor|none"))
        var maxChange: String = "3"
        @Option(help: ArgumentHelp("The real-case benchmark to check the tuned rule on, report half (default: benchmarks/known-funders.csv in the data folder, if there).", valueName: "file"))
        var cases: String?
        @Flag(name: .customLong("no-cases"), help: "Do not check the tuned rule on the real-case benchmark.")
        var noCases = false
        @Option(help: "Seed of the restarts, of the feature order, of the validation part and of the randomization test.")
        var seed: UInt64 = 20_260_701
        @Option(help: "Random starts after the base weights.")
        var restarts: Int = 4
        @Option(help: "How many partners are ranked per need, as eval --top.")
        var top: Int = 100
        @Option(help: "Threads.")
        var threads: Int = 2
        @Flag(help: "No progress line on stderr.")
        var quiet = false
        @Flag(help: "Tune even on truth of fewer than 5 funders or with one funder over half of it, and replace --out if it exists.")
        var force = false

        func validate() throws {
            guard (0...100).contains(restarts) else { throw ValidationError("--restarts \(restarts) is out of range; expected 0-100") }
            guard (1...1000).contains(top) else { throw ValidationError("--top \(top) is out of range; expected 1-1000") }
            guard (1...64).contains(threads) else { throw ValidationError("--threads \(threads) is out of range; expected 1-64") }
            guard TuningObjective.Average(rawValue: average) != nil else { throw ValidationError("--average \"\(average)\" is not accepted; expected needs or funders") }
            if let name, name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name is empty; expected a rule name") }
            if let name, name.hasPrefix(Rule.reservedPrefix) { throw ValidationError("--name \"\(name)\" is not accepted; names starting with builtin: are reserved") }
            guard validation.isFinite, (0...0.5).contains(validation) else { throw ValidationError("--validation \(validation) is out of range; expected a share from 0 to 0.5, such as 0.25") }
            _ = try changeFactor()
            if noCases && cases != nil { throw ValidationError("give either --cases or --no-cases, not both") }
        }

        /// `--max-change`: a factor of at least 1, or nil for none.
        func changeFactor() throws -> Double? {
            if maxChange.lowercased() == "none" { return nil }
            guard let f = Double(maxChange), f.isFinite, f >= 1 else { throw ValidationError("--max-change \(maxChange) is not accepted; expected a factor of at least 1, such as 3, or none") }
            return f
        }

        func run() throws {
            let measure: EvalMeasure
            do { measure = try EvalMeasure(parsing: metric) } catch { throw CLIError.usage("--metric: \(error)") }
            if FileManager.default.fileExists(atPath: out) && !force { throw CLIError("\(out) exists; give --force to replace it") }
            let folder = (out as NSString).deletingLastPathComponent
            if !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
                throw CLIError("cannot write \(out): \(folder.isEmpty ? "." : folder) is not a writable directory")
            }
            let averaging = TuningObjective.Average(rawValue: average)!
            let ctx = try store.open()
            let base = try RuleLibrary(data: ctx.data).load(rule)
            let features = base.features.used
            guard !features.isEmpty else { throw CLIError("rule \(base.name) weighs no feature; nothing to tune") }
            let (parameters, baseChoices) = try parseParameters(base)
            let train = try readQrels(qrels)
            let testPath = testQrels ?? besideTest()
            let test = try testPath.map { try readQrels($0) }
            let all = try NeedsFile.load(needs, ctx)
            let judged = Set(train.queryIDs)
            let trainNeeds = all.filter { judged.contains($0.id) }
            guard !trainNeeds.isEmpty else { throw CLIError("no need of \(needs ?? "the database") is judged in \(qrels); expected the needs the qrels judge") }
            let trainFunders = train.funderOfQuery
            let mix = FunderMix(funders: trainNeeds.compactMap { trainFunders[$0.id] })
            if !quiet { Diagnostics.note("funder mix of the training needs: \(mix.summary)") }
            if let problem = mix.problem() {
                guard force else {
                    throw CLIError("the training truth \(qrels) has \(problem): weights tuned on it learn to find its largest funders, not the right funder for a need. Build balanced truth (truth from-evidence caps each funder by default; truth from-cases covers many funders), or give --force to tune anyway")
                }
                Diagnostics.note("tuning anyway (--force) although the training truth has \(problem)")
            }
            let partners = try ctx.store.partners()
            let tested = Set(test?.queryIDs ?? [])
            let evidence = try NeedsFile.evidenceHistory(ctx, needsPath: needs, foldsPath: folds,
                                                         judged: all.filter { judged.contains($0.id) || tested.contains($0.id) })
            if evidence == nil && features.contains(where: \.isEvidence) {
                Diagnostics.note("no evidence is imported: the evidence features fall back to the stated catalog")
            }

            // The held-out part: a seeded share of each funder's training needs.
            var fitNeeds = trainNeeds, heldNeeds: [Need] = []
            if validation > 0 {
                let held = ValidationSplit.heldOut(ids: trainNeeds.map(\.id), funders: trainNeeds.map { trainFunders[$0.id] ?? "" }, fraction: validation, seed: seed)
                let (f, h) = (zip(trainNeeds, held).filter { !$0.1 }.map(\.0), zip(trainNeeds, held).filter(\.1).map(\.0))
                if f.isEmpty || h.count < 2 {
                    Diagnostics.note("\(trainNeeds.count) training needs are too few to hold \(validation) of them out; tuning without validation")
                } else {
                    (fitNeeds, heldNeeds) = (f, h)
                }
            }
            let clock = Date()
            let (reference, topCount, threadCount) = (ctx.reference, top, threads)
            let paths = parameters.map(\.path)
            let valid: @Sendable ([Double]) -> Bool = { values in
                var rule = base
                for (p, v) in zip(paths, values) { guard let r = try? rule.setting(p, to: v) else { return false }; rule = r }
                return true
            }
            let objective = { @Sendable (list: [Need], values: [Double]) -> TuningObjective in
                let rule = RuleTuner.rule(base, features: features, weights: FeatureMatrix.weights(of: base, features),
                                          parameters: Array(zip(paths, values)), name: base.name, version: base.version, description: nil)
                let matrix = FeatureMatrix(needs: list, partners: partners, reference: reference, rule: rule, evidence: evidence, threads: threadCount)
                return TuningObjective(matrix: matrix, qrels: train, measure: measure, average: averaging, top: topCount, threads: threadCount)
            }
            let (fit, held) = (fitNeeds, heldNeeds)
            let factor = try changeFactor()
            var validationObjective: (@Sendable ([Double]) -> TuningObjective)? = nil
            if !held.isEmpty { validationObjective = { @Sendable values in objective(held, values) } }
            let settings = RuleTuner.Settings(restarts: restarts, maxChange: factor)
            let tuner = RuleTuner(parameters: parameters, settings: settings, seed: seed, valid: valid,
                                  validation: validationObjective) { values in objective(fit, values) }
            let tty = !quiet && isatty(2) == 1
            var last = Date.distantPast
            let result = tuner.tune(from: FeatureMatrix.weights(of: base, features), baseChoices: baseChoices) { p in
                guard tty, Date().timeIntervalSince(last) > 0.2 else { return }
                last = Date()
                // The bar fills by starts, each start by its rounds (at most 20).
                let fraction = min(1, (Double(p.start) + min(Double(p.round) / 20, 1)) / Double(p.starts))
                let filled = Int(fraction * 24)
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled)
                let line = "\rtuning [\(bar)] start \(p.start + 1)/\(p.starts) · round \(p.round) · \(NumberFormat.grouped(Double(p.evaluations))) weightings · best \(measure.name) \(EvalReport.decimals(p.best))\u{1B}[K"
                DescriptorWriter.standardError.writeIgnoringErrors(line)
            }
            let seconds = Date().timeIntervalSince(clock)
            if !quiet {
                let rate = NumberFormat.grouped(Double(result.evaluations) / max(seconds, 0.001))
                if tty { DescriptorWriter.standardError.writeIgnoringErrors("\r\u{1B}[K") }
                Diagnostics.note("tried \(NumberFormat.grouped(Double(result.evaluations))) weightings of \(features.count) features\(parameters.isEmpty ? "" : " and \(parameters.count) parameters") over \(fitNeeds.count) needs x \(Set(partners.map(\.id)).count) partners in \(String(format: "%.1f", seconds)) s (\(rate)/s)")
            }

            let tunedName = name ?? "\(base.name)-tuned"
            let bound: String = factor.map { ", each weight within a factor \(Tune.plain($0)) of the base's" } ?? ""
            let restraint = (heldNeeds.isEmpty ? "" : ", chosen on \(heldNeeds.count) held-out needs") + bound
            var description = "Tuned from \(base.name) \(base.version) by coordinate ascent (seed \(seed), \(restarts) restarts) on \((qrels as NSString).lastPathComponent) (\(fitNeeds.count) needs\(restraint)), maximising \(measure.name) averaged over \(averaging.rawValue)."
            var tuned = RuleTuner.rule(base, features: features, weights: result.weights, parameters: Array(zip(paths, result.parameterValues)),
                                       name: tunedName, version: "\(base.version)-tuned", description: description)
            // The engine's own figures decide, on the held-out needs when there are some (else
            // on the training needs): the tuned rule is kept only if it is at least as good
            // as the base there.
            let fitCheck = try compare(train, fitNeeds, base: base, tuned: tuned, measures: [measure], partners: partners, ctx: ctx, evidence: evidence)
            let heldCheck = heldNeeds.isEmpty ? nil : try compare(train, heldNeeds, base: base, tuned: tuned, measures: [measure], partners: partners, ctx: ctx, evidence: evidence)
            let deciding = heldCheck ?? fitCheck
            var keptBase = false
            if mean(deciding, run: 1, averaging) < mean(deciding, run: 0, averaging) {
                keptBase = true
                tuned = base
                tuned.name = tunedName
                tuned.version = "\(base.version)-tuned"
                description += " No weighting beat the base on the \(heldCheck == nil ? "training" : "held-out") needs; the base weights are kept."
                tuned.description = description
            }

            var text = weightsTable(base, tuned, features).renderPlain(.table)
            let nearZero: [Feature] = features.filter { base.features.weight($0) > 0 && share(tuned, $0, features) < Tune.nearZero }
            if !nearZero.isEmpty {
                text += "near zero: \(nearZero.map { $0.rawValue }.joined(separator: ", ")) (below \(Tune.plain(Tune.nearZero))% of the weight) no longer count\(factor == nil ? "; --max-change keeps each weight within a factor of the base's" : "")\n"
            }
            if !parameters.isEmpty { text += "\n" + parametersTable(base, tuned, paths).renderPlain(.table) }
            func line(_ label: String, _ c: EvalComparison) -> String {
                "\(label) (\(c.queryCount) needs), \(measure.name) averaged over \(averaging.rawValue): \(base.name) \(EvalReport.decimals(mean(c, run: 0, averaging))) -> \(tunedName) \(EvalReport.decimals(keptBase ? mean(c, run: 0, averaging) : mean(c, run: 1, averaging)))"
            }
            text += "\n" + line(heldCheck == nil ? "training part" : "training part, fitted", fitCheck) + "\n"
            if let heldCheck {
                text += line("training part, held out to choose on", heldCheck) + (result.stoppedEarly > 0 ? " (\(result.stoppedEarly) of \(restarts + 1) starts stopped when it stopped improving)" : "") + "\n"
            }
            if keptBase { text += "no weighting beat the base on the \(heldCheck == nil ? "training" : "held-out") needs; base weights kept\n" }
            if let test, let testPath {
                let tested = Set(test.queryIDs)
                let testNeeds = all.filter { tested.contains($0.id) }
                if testNeeds.isEmpty {
                    text += "\ntest part: no need of \(needs ?? "the database") is judged in \(testPath)\n"
                } else {
                    let measures = [measure] + (measure == .recipRank ? [.map] : [.recipRank])
                    let comparison = try compare(test, testNeeds, base: base, tuned: tuned, measures: measures, partners: partners, ctx: ctx, evidence: evidence)
                    text += "\ntest part (\(testPath)):\n" + comparison.text()
                }
            } else {
                text += "no test qrels (give --test-qrels FILE): the tuned rule is not checked on held-out needs\n"
            }

            // The real cases: projects of many funders, outside whatever truth was tuned on.
            var verdict: String? = nil
            if let casesPath = casesFile(ctx) {
                let rankers: [(name: String, ranker: EvalRanker)] = [("\(base.name) (base)", .rule(base)), (tunedName, .rule(tuned))]
                let run = try Eval.casesComparison(casesPath, half: .report, rankers: rankers, ctx: ctx, permutations: 10_000, seed: seed, quiet: quiet)
                let (c, chosen) = (run.comparison, run.cases)
                // Eval.caseMeasures: hit@1, hit@3, hit@5, MRR@10.
                let (b, t) = (c.reports[0].means, c.reports[1].means)
                text += "\nreal cases (\(casesPath), report half: \(chosen.count) cases, \(Set(chosen.map(\.partnerID)).count) funders):\n" + c.text()
                let figures = "hit@3 \(EvalReport.decimals(t[1])) against \(EvalReport.decimals(b[1])), MRR \(EvalReport.decimals(t[3])) against \(EvalReport.decimals(b[3]))"
                if t[1] < b[1] || t[3] < b[3] {
                    tuned.description = description + " WORSE than \(base.name) on the real cases of \((casesPath as NSString).lastPathComponent) (report half, \(chosen.count) cases): \(figures). Keep \(base.name)."
                    verdict = "worse on real cases: keep \(base.name) (\(tunedName) \(figures))"
                } else {
                    tuned.description = description + " Not worse than \(base.name) on the real cases of \((casesPath as NSString).lastPathComponent) (report half, \(chosen.count) cases): \(figures)."
                    verdict = "not worse on real cases than \(base.name): \(figures)"
                }
            } else if !noCases {
                text += "\nno real-case benchmark (give --cases FILE): the tuned rule is not checked on real projects\n"
            }
            do { _ = try Rule.parse(tuned.canonicalJSON) } catch { throw CLIError("internal: the tuned rule does not read back: \(error)") }
            try FileIO.write(tuned.canonicalJSON + "\n", to: out)
            text += "wrote \(out)\n"
            if let verdict { text += verdict + "\n" }
            try Output.write(text)
        }

        /// Below this share of the weight (percent), a feature is flagged as driven to near zero.
        static let nearZero = 1.0

        /// A finite number as typed: 3, 1.5.
        static func plain(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }

        /// A feature's share of the rule's weight over `features`, in percent.
        func share(_ rule: Rule, _ f: Feature, _ features: [Feature]) -> Double {
            let total = features.reduce(0) { $0 + rule.features.weight($1) }
            return total > 0 ? 100 * rule.features.weight(f) / total : 0
        }

        /// The cases file to check on: --cases, else the data folder's benchmark if there.
        func casesFile(_ ctx: Context) -> String? {
            if noCases { return nil }
            if let cases { return cases }
            let path = ((ctx.data.path as NSString).appendingPathComponent("benchmarks") as NSString).appendingPathComponent("known-funders.csv")
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }

        func readQrels(_ path: String) throws -> TrecQrels {
            try Eval.read(path) { (bytes, name) throws(TrecFormatError) in try TrecQrels(parsing: bytes, fileName: name) }
        }

        /// `test.qrels` beside the training qrels, when there is one and it is another file.
        func besideTest() -> String? {
            let path = ((qrels as NSString).deletingLastPathComponent as NSString).appendingPathComponent("test.qrels")
            let a = URL(fileURLWithPath: path).standardizedFileURL.path, b = URL(fileURLWithPath: qrels).standardizedFileURL.path
            return a != b && FileManager.default.fileExists(atPath: path) ? path : nil
        }

        func compare(_ judgements: TrecQrels, _ list: [Need], base: Rule, tuned: Rule, measures: [EvalMeasure], partners: [Partner], ctx: Context, evidence: EvidenceHistory?) throws -> EvalComparison {
            do {
                return try EvalComparison(qrels: judgements, needs: list, partners: partners, reference: ctx.reference,
                                          rankers: [("\(base.name) (base)", .rule(base)), (tuned.name, .rule(tuned))], top: top,
                                          measures: measures, seed: seed, threads: threads, evidence: evidence)
            } catch let e as EvalError { throw CLIError(e.description) } catch let e as TrecFormatError { throw CLIError(e.description) }
        }

        /// The first measure's mean of a run, over needs or over funders.
        func mean(_ c: EvalComparison, run: Int, _ averaging: TuningObjective.Average) -> Double {
            switch averaging {
            case .needs: c.reports[run].means[0]
            case .funders: EvalFunderAverages(report: c.reports[run], funderOfQuery: c.funders).macro[0]
            }
        }

        /// Each `--param`: its path, and its values with the base's own first if it was not given.
        func parseParameters(_ base: Rule) throws -> ([RuleTuner.Parameter], [Int]) {
            var out: [RuleTuner.Parameter] = []
            var choices: [Int] = []
            for text in params {
                guard let eq = text.firstIndex(of: "="), !text[text.index(after: eq)...].isEmpty else {
                    throw CLIError.usage("--param \(text): expected PATH=V1,V2,... such as scaleFit.width=0.25,0.5,1")
                }
                let path: Rule.ParameterPath
                do { path = try Rule.parameterPath(String(text[..<eq])) } catch { throw CLIError.usage("--param \(text): \(error.message)") }
                if out.contains(where: { $0.path == path }) { throw CLIError.usage("--param \(path) is given twice") }
                guard let own = base.parameter(path) else { throw CLIError.usage("--param \(text): rule \(base.name) does not use \(path.feature.rawValue); expected a parameter of a feature it weighs") }
                var values: [Double] = []
                for piece in text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false) {
                    guard let v = Double(piece.trimmingCharacters(in: .whitespaces)), v.isFinite else { throw CLIError.usage("--param \(text): \"\(piece)\" is not a number") }
                    do { _ = try base.setting(path, to: v) } catch { throw CLIError.usage("--param \(text): \(error)") }
                    if !values.contains(v) { values.append(v) }
                }
                if !values.contains(own) { values.insert(own, at: 0) }
                out.append(RuleTuner.Parameter(path: path, values: values))
                choices.append(values.firstIndex(of: own)!)
            }
            return (out, choices)
        }

        func parametersTable(_ base: Rule, _ tuned: Rule, _ paths: [Rule.ParameterPath]) -> Table {
            var t = Table(columns: [.init("parameter", "Parameter"), .init("base", "Base", alignRight: true), .init("tuned", "Tuned", alignRight: true)])
            for p in paths {
                let (b, v) = (base.parameter(p) ?? 0, tuned.parameter(p) ?? 0)
                t.rows.append([.text(p.description), .number(b, Rule.number(b)), .number(v, Rule.number(v))])
            }
            return t
        }

        /// Each feature's share of the weight in base and tuned (percent), the change as a
        /// factor, and a flag for a feature driven to near zero.
        func weightsTable(_ base: Rule, _ tuned: Rule, _ features: [Feature]) -> Table {
            var t = Table(columns: [.init("feature", "Feature"), .init("base", "Base %", alignRight: true), .init("tuned", "Tuned %", alignRight: true),
                                    .init("change", "Change", alignRight: true), .init("flag", "")])
            for f in features {
                let (b, w) = (share(base, f, features), share(tuned, f, features))
                let change: Table.Cell = b > 0 ? .number(w / b, w >= b ? String(format: "x%.2f", w / b) : w < 0.005 ? "to 0" : String(format: "/%.2f", b / w)) : .null
                let flag = b > 0 && w < Tune.nearZero ? "near zero" : ""
                t.rows.append([.text(f.rawValue), .number(b, String(format: "%.2f", b)), .number(w, String(format: "%.2f", w)), change, .text(flag)])
            }
            return t
        }
    }
}
