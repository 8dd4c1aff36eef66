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
                restarts as RankLib does. Seeded and deterministic. The result is checked with the engine on the training \
                part and never worse than the base there. Then base and tuned are compared on the test part \
                (--test-qrels, default test.qrels beside --qrels) with the paired tests of eval.

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
        @Option(help: "Seed of the restarts, of the feature order and of the randomization test.")
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
        }

        func run() throws {
            let measure: EvalMeasure
            do { measure = try EvalMeasure(parsing: metric) } catch { throw CLIError("--metric: \(error)") }
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

            let clock = Date()
            let (reference, topCount, threadCount) = (ctx.reference, top, threads)
            let paths = parameters.map(\.path)
            let valid: @Sendable ([Double]) -> Bool = { values in
                var rule = base
                for (p, v) in zip(paths, values) { guard let r = try? rule.setting(p, to: v) else { return false }; rule = r }
                return true
            }
            let tuner = RuleTuner(parameters: parameters, settings: .init(restarts: restarts), seed: seed, valid: valid) { values in
                let rule = RuleTuner.rule(base, features: features, weights: FeatureMatrix.weights(of: base, features),
                                          parameters: Array(zip(paths, values)), name: base.name, version: base.version, description: nil)
                let matrix = FeatureMatrix(needs: trainNeeds, partners: partners, reference: reference, rule: rule, evidence: evidence, threads: threadCount)
                return TuningObjective(matrix: matrix, qrels: train, measure: measure, average: averaging, top: topCount, threads: threadCount)
            }
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
                FileHandle.standardError.write(Foundation.Data(line.utf8))
            }
            let seconds = Date().timeIntervalSince(clock)
            if !quiet {
                let rate = NumberFormat.grouped(Double(result.evaluations) / max(seconds, 0.001))
                if tty { FileHandle.standardError.write(Foundation.Data("\r\u{1B}[K".utf8)) }
                Diagnostics.note("tried \(NumberFormat.grouped(Double(result.evaluations))) weightings of \(features.count) features\(parameters.isEmpty ? "" : " and \(parameters.count) parameters") over \(trainNeeds.count) needs x \(Set(partners.map(\.id)).count) partners in \(String(format: "%.1f", seconds)) s (\(rate)/s)")
            }

            let tunedName = name ?? "\(base.name)-tuned"
            let description = "Tuned from \(base.name) \(base.version) by coordinate ascent (seed \(seed), \(restarts) restarts) on \((qrels as NSString).lastPathComponent) (\(trainNeeds.count) needs), maximising \(measure.name) averaged over \(averaging.rawValue)."
            var tuned = RuleTuner.rule(base, features: features, weights: result.weights, parameters: Array(zip(paths, result.parameterValues)),
                                       name: tunedName, version: "\(base.version)-tuned", description: description)
            // The engine's own figures on the training part decide: the tuned rule is kept
            // only if it is at least as good as the base there.
            let check = try compare(train, trainNeeds, base: base, tuned: tuned, measures: [measure], partners: partners, ctx: ctx, evidence: evidence)
            let (baseTrain, tunedTrain) = (mean(check, run: 0, averaging), mean(check, run: 1, averaging))
            var keptBase = false
            if tunedTrain < baseTrain {
                keptBase = true
                tuned = base
                tuned.name = tunedName
                tuned.version = "\(base.version)-tuned"
                tuned.description = description + " No weighting beat the base on the training part; the base weights are kept."
            }
            do { _ = try Rule.parse(tuned.canonicalJSON) } catch { throw CLIError("internal: the tuned rule does not read back: \(error)") }
            try FileIO.write(tuned.canonicalJSON + "\n", to: out)

            var text = weightsTable(base, tuned, features).render(.table)
            if !parameters.isEmpty { text += "\n" + parametersTable(base, tuned, paths).render(.table) }
            text += "\ntraining part (\(check.queryCount) needs), \(measure.name) averaged over \(averaging.rawValue): \(base.name) \(EvalReport.decimals(baseTrain)) -> \(tunedName) \(EvalReport.decimals(keptBase ? baseTrain : tunedTrain))\(keptBase ? " (no better weighting found; base weights kept)" : "")\n"
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
            text += "wrote \(out)\n"
            Output.write(text)
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
                    throw CLIError("--param \(text): expected PATH=V1,V2,... such as scaleFit.width=0.25,0.5,1")
                }
                let path: Rule.ParameterPath
                do { path = try Rule.parameterPath(String(text[..<eq])) } catch { throw CLIError("--param \(text): \(error.message)") }
                if out.contains(where: { $0.path == path }) { throw CLIError("--param \(path) is given twice") }
                guard let own = base.parameter(path) else { throw CLIError("--param \(text): rule \(base.name) does not use \(path.feature.rawValue); expected a parameter of a feature it weighs") }
                var values: [Double] = []
                for piece in text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false) {
                    guard let v = Double(piece.trimmingCharacters(in: .whitespaces)), v.isFinite else { throw CLIError("--param \(text): \"\(piece)\" is not a number") }
                    do { _ = try base.setting(path, to: v) } catch { throw CLIError("--param \(text): \(error)") }
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
                t.rows.append([.text(p.description), .number(b, JSONText.number(b)), .number(v, JSONText.number(v))])
            }
            return t
        }

        func weightsTable(_ base: Rule, _ tuned: Rule, _ features: [Feature]) -> Table {
            var t = Table(columns: [.init("feature", "Feature"), .init("base", "Base weight", alignRight: true), .init("tuned", "Tuned weight", alignRight: true)])
            let total = features.reduce(0) { $0 + base.features.weight($1) }
            for f in features {
                let b = total > 0 ? 100 * base.features.weight(f) / total : 0
                let w = tuned.features.weight(f)
                t.rows.append([.text(f.rawValue), .number(b, String(format: "%.2f", b)), .number(w, String(format: "%.2f", w))])
            }
            return t
        }
    }
}
