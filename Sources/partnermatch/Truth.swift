import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch truth from-evidence`.
    struct Truth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build ground truth for ranking rules from imported past projects.",
            subcommands: [FromEvidence.self, FromCases.self])

        struct FromEvidence: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "from-evidence",
                abstract: "Turn imported activities into needs judged by who funded them.",
                discussion: """
                    Writes DIR/needs.jsonl (one need per past project: sectors and shares, amount in USD, instrument from \
                    the finance or aid type, province where known, else "national", the start date), DIR/train.qrels and \
                    DIR/test.qrels (the funding organisation's partner grade 2, other catalog partners among its funders 1), \
                    DIR/folds.tsv with --folds, and DIR/truth.json (what was done and what was left out, and why). \
                    The needs stored for officers are not touched.

                    Split: --split-year Y puts needs from year Y on in the test part; --folds K deals the needs into K folds \
                    stratified by funder, fold --test-fold (default K) being the test part. Without either, the split year is \
                    where the last fifth of the needs begins.

                    Funders: past projects come in the mix of whoever publishes the most, and a rule tuned or measured on \
                    that mix learns that funder. By default each funder keeps, in each part, at most as many needs as the \
                    median funder of that part has (and at least 10), drawn with --seed; --max-per-funder N caps at N, \
                    --max-per-funder none keeps everything. The needs left out are counted, and the funder mix of each part \
                    (needs per funder, the share of the largest) is printed. Leakage is prevented where evidence features are computed: \
                    eval and tune give each need only evidence from before its year, or with --folds DIR/folds.tsv from the \
                    other folds only. See docs/evaluation.md.

                    Example:
                      partnermatch truth from-evidence --out truth --country VN --split-year 2003
                      partnermatch eval --qrels truth/test.qrels --needs truth/needs.jsonl --rule builtin:popularity --rule default
                    """)
            @OptionGroup var store: StoreOptions
            @Option(help: ArgumentHelp("The directory to write (created if missing).", valueName: "dir")) var out: String
            @Option(help: ArgumentHelp("Keep only activities with this recipient country (ISO code, e.g. VN).", valueName: "code")) var country: String?
            @Option(name: .customLong("split-year"), help: ArgumentHelp("Needs from this year on are the test part.", valueName: "year")) var splitYear: Int?
            @Option(help: ArgumentHelp("Deal the needs into this many folds (2-100), stratified by funder.", valueName: "k")) var folds: Int?
            @Option(name: .customLong("test-fold"), help: ArgumentHelp("With --folds, the fold that is the test part (default: the last).", valueName: "n")) var testFold: Int?
            @Option(name: .customLong("max-per-funder"), help: ArgumentHelp("Needs a funder may keep per part: median (the median funder's, at least 10), none, or a number.", valueName: "median|none|n"))
            var maxPerFunder: String = "median"
            @Option(help: "Seed of the fold assignment and of the needs kept under the funder cap.") var seed: UInt64 = 20_260_701
            @Flag(help: "Replace the files of an earlier run in --out.") var force = false

            func validate() throws {
                if splitYear != nil && folds != nil { throw ValidationError("give either --split-year or --folds, not both") }
                if let y = splitYear, !(1900...2100).contains(y) { throw ValidationError("--split-year \(y) is out of range; expected a year such as 2003") }
                if let k = folds, !(2...100).contains(k) { throw ValidationError("--folds \(k) is out of range; expected 2-100") }
                if let t = testFold {
                    guard let k = folds else { throw ValidationError("--test-fold applies to --folds") }
                    if !(1...k).contains(t) { throw ValidationError("--test-fold \(t) is out of range; expected 1-\(k)") }
                }
                try StoreOptions.checkCountry(country)
                _ = try funderCap()
            }

            /// `--max-per-funder`: median (default), none, or a count of at least 1.
            func funderCap() throws -> EvidenceTruth.FunderCap {
                switch maxPerFunder.lowercased() {
                case "median": return .median(floor: 10)
                case "none": return .none
                default:
                    guard let n = Int(maxPerFunder), n >= 1 else { throw ValidationError("--max-per-funder \(maxPerFunder) is not accepted; expected median, none or a number of at least 1") }
                    return .fixed(n)
                }
            }

            func run() throws {
                let files = ["needs.jsonl", "train.qrels", "test.qrels", "folds.tsv", "truth.json"]
                let fm = FileManager.default
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: out, isDirectory: &isDir) {
                    guard isDir.boolValue else { throw CLIError("--out \(out) is a file; expected a directory") }
                    let present = files.filter { fm.fileExists(atPath: (out as NSString).appendingPathComponent($0)) }
                    if !present.isEmpty && !force { throw CLIError("\(out) already holds \(present.joined(separator: ", ")); give --force to replace them, or another --out") }
                }
                let ctx = try store.open()
                let byPartner = try ctx.store.evidenceActivitiesByPartner()
                var seen = Set<String>()
                let activities = byPartner.keys.sorted().flatMap { byPartner[$0]! }.filter { seen.insert($0.identifier).inserted }
                guard !activities.isEmpty else {
                    throw CLIError("no imported activity is funded by a catalog partner; import evidence first (partnermatch evidence import FILE, see docs/evidence.md)")
                }
                let split: EvidenceTruth.Split = if let k = folds { .folds(count: k, test: testFold ?? k) } else if let y = splitYear { .year(y) } else { .automatic }
                let built = EvidenceTruth.build(activities, partners: try ctx.store.partners(), reference: ctx.reference,
                                                options: .init(split: split, country: country, seed: seed))
                let (truth, cappings) = built.capped(try funderCap(), seed: seed)
                guard !truth.items.isEmpty else { throw CLIError("no activity could be made into a need: \(skippedText(truth))") }
                for part in [EvidenceTruth.Part.train, .test] where truth.items(part).isEmpty {
                    Diagnostics.note("the \(part.rawValue) part is empty; choose another --split-year (the needs' years are in the table below) or use --folds")
                }
                do {
                    try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
                } catch { throw CLIError("cannot create \(out): \(error.localizedDescription)") }
                func path(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }
                try FileIO.write(truth.items.map { try CanonicalJSON.string($0.need) + "\n" }.joined(), to: path("needs.jsonl"))
                try FileIO.write(truth.qrels(.train), to: path("train.qrels"))
                try FileIO.write(truth.qrels(.test), to: path("test.qrels"))
                if case .folds = truth.split { try FileIO.write(truth.foldsTSV, to: path("folds.tsv")) }
                else if fm.fileExists(atPath: path("folds.tsv")) { try? fm.removeItem(atPath: path("folds.tsv")) }
                try FileIO.write(try manifest(truth, cappings), to: path("truth.json"))
                try Output.write(summary(truth) + mixText(truth, cappings))
            }

            /// Each part's funder mix, and what the cap left out.
            func mixText(_ truth: EvidenceTruth, _ cappings: [EvidenceTruth.Capping]) -> String {
                var text = ""
                for c in cappings {
                    let mix = FunderMix(funders: truth.items(c.part).map(\.funder))
                    text += "\nfunder mix, \(c.part.rawValue): \(mix.summary)\n"
                    if let cap = c.cap {
                        let dropped = c.dropped.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                        text += "at most \(cap) needs per funder (--max-per-funder \(maxPerFunder)): "
                        text += dropped.isEmpty ? "none left out\n" : "left out " + dropped.map { "\($0.value) of \($0.key)" }.joined(separator: ", ") + "\n"
                    }
                    text += mix.table().renderPlain(.table)
                }
                return text
            }

            func skippedText(_ truth: EvidenceTruth) -> String {
                truth.skipped.isEmpty ? "none" : truth.skipped.map { "\($0.count) \($0.reason)" }.joined(separator: "; ")
            }

            /// What was built, as JSON: the split, the counts per part and funder, what was left out.
            struct Manifest: Encodable {
                struct Split: Encodable { var kind: String; var testFrom: Int?; var folds: Int?; var testFold: Int?; var seed: String? }
                struct Part: Encodable { var part: String; var needs: Int; var funders: [String: Int]; var largestShare: Double; var maxPerFunder: Int?; var cappedOut: [String: Int] }
                struct Skipped: Encodable { var reason: String; var activities: Int }
                var source = "partnermatch truth from-evidence"
                var country: String?
                var split: Split
                var parts: [Part]
                var skipped: [Skipped]
            }

            func manifest(_ truth: EvidenceTruth, _ cappings: [EvidenceTruth.Capping]) throws -> String {
                let split: Manifest.Split = switch truth.split {
                case .year(let y): .init(kind: "year", testFrom: y)
                case .folds(let k, let t): .init(kind: "folds", folds: k, testFold: t, seed: String(seed))
                case .automatic: .init(kind: "automatic")
                }
                let parts = [EvidenceTruth.Part.train, .test].map { part in
                    var byFunder: [String: Int] = [:]
                    for i in truth.items(part) { byFunder[i.funder, default: 0] += 1 }
                    let capping = cappings.first { $0.part == part }
                    return Manifest.Part(part: part.rawValue, needs: truth.items(part).count, funders: byFunder,
                                         largestShare: (FunderMix(funders: truth.items(part).map(\.funder)).largestShare * 10_000).rounded() / 10_000,
                                         maxPerFunder: capping?.cap, cappedOut: capping?.dropped ?? [:])
                }
                let m = Manifest(country: country?.uppercased(), split: split, parts: parts,
                                 skipped: truth.skipped.map { .init(reason: $0.reason, activities: $0.count) })
                return try CanonicalJSON.string(m, pretty: true) + "\n"
            }

            /// The table printed at the end: needs per part and the largest funders.
            func summary(_ truth: EvidenceTruth) -> String {
                var t = Table(columns: [.init("part", "Part"), .init("needs", "Needs", alignRight: true), .init("years", "Years"),
                                        .init("funders", "Funders", alignRight: true), .init("largest", "Most needs")])
                for part in [EvidenceTruth.Part.train, .test] {
                    let items = truth.items(part)
                    let years = items.compactMap(\.year)
                    var byFunder: [String: Int] = [:]
                    for i in items { byFunder[i.funder, default: 0] += 1 }
                    let largest = byFunder.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    t.rows.append([.text(part.rawValue), .number(Double(items.count), String(items.count)),
                                   .text(years.isEmpty ? "" : "\(years.min()!)-\(years.max()!)"),
                                   .number(Double(byFunder.count), String(byFunder.count)), .text(largest)])
                }
                var text = t.renderPlain(.table)
                switch truth.split {
                case .year(let y): text += "split: needs from \(y) on are the test part\n"
                case .folds(let k, let f): text += "split: \(k) folds stratified by funder (seed \(seed)), fold \(f) is the test part\n"
                case .automatic: break
                }
                text += "left out: \(skippedText(truth))\nwrote \(out)/needs.jsonl, train.qrels, test.qrels\(truth.foldsTSV.isEmpty ? "" : ", folds.tsv"), truth.json\n"
                return text
            }
        }

        struct FromCases: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "from-cases",
                abstract: "Turn a real-case benchmark into judged needs, split as the benchmark is.",
                discussion: """
                    Reads a real-case benchmark (CSV: id,partner_id,funder,title,...; see Data/benchmarks) and writes \
                    DIR/needs.jsonl (each case stated as an ad-hoc need, as eval --cases states it: the amount in USD at the \
                    rate of its year, the first place named, dated 1 January of its year so that evidence features see only \
                    earlier years), DIR/train.qrels (the funding partner of each case of the choose half, grade 2), \
                    DIR/test.qrels (the same for the report half) and DIR/truth.json. The halves are the benchmark's one \
                    seeded split, stratified by funder: tune on train.qrels, report on test.qrels, as eval --cases --half \
                    choose|report does. The funder mix of each half is printed; no funder is capped (the halves stay the \
                    benchmark's).

                    Example:
                      partnermatch truth from-cases Data/benchmarks/known-funders.csv --out cases
                      partnermatch eval --qrels cases/test.qrels --needs cases/needs.jsonl --rule builtin:popularity --rule default
                      partnermatch tune --qrels cases/train.qrels --needs cases/needs.jsonl --out tuned.json
                    """)
            @OptionGroup var store: StoreOptions
            @Argument(help: ArgumentHelp("The benchmark file (CSV).", valueName: "file")) var file: String
            @Option(help: ArgumentHelp("The directory to write (created if missing).", valueName: "dir")) var out: String
            @Flag(help: "Replace the files of an earlier run in --out.") var force = false

            func run() throws {
                let files = ["needs.jsonl", "train.qrels", "test.qrels", "truth.json"]
                try prepare(out, files: files, force: force)
                let ctx = try store.open()
                let all: [KnownFunderCase]
                do { all = try KnownFunderCases.parse(String(decoding: try FileIO.read(file), as: UTF8.self), file: file) } catch let e as KnownFunderCases.Error {
                    throw CLIError(e.description)
                }
                guard !all.isEmpty else { throw CLIError("\(file): no case; expected one per line after the header") }
                let known = Set(try ctx.store.partners().map(\.id))
                var needs: [Need] = []
                for c in all {
                    guard known.contains(c.partnerID) else {
                        throw CLIError("\(file):\(c.line): partner_id: \"\(c.partnerID)\" is not in the catalog; expected the id of the funding programme")
                    }
                    do { needs.append(try KnownFunderCases.need(c, reference: ctx.reference, file: file)) } catch { throw CLIError(error.description) }
                }
                let halves = KnownFunderCases.split(all)
                func qrels(_ half: KnownFunderCases.Half) -> String {
                    all.filter { halves[$0.id] == half }.map { "\($0.id) 0 \($0.partnerID) 2\n" }.joined()
                }
                func path(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }
                try FileIO.write(needs.map { try CanonicalJSON.string($0) + "\n" }.joined(), to: path("needs.jsonl"))
                try FileIO.write(qrels(.choose), to: path("train.qrels"))
                try FileIO.write(qrels(.report), to: path("test.qrels"))
                let parts: [(String, KnownFunderCases.Half)] = [("train", .choose), ("test", .report)]
                let mixes: [(String, KnownFunderCases.Half, FunderMix)] = parts.map { part, half in
                    (part, half, FunderMix(funders: all.filter { halves[$0.id] == half }.map(\.partnerID)))
                }
                struct Manifest: Encodable {
                    struct Part: Encodable { var part: String; var half: String; var needs: Int; var funders: [String: Int]; var largestShare: Double }
                    var source = "partnermatch truth from-cases"
                    var file: String
                    var splitSeed: String
                    var parts: [Part]
                }
                let manifest = Manifest(file: file, splitSeed: String(KnownFunderCases.splitSeed), parts: mixes.map {
                    Manifest.Part(part: $0.0, half: $0.1.rawValue, needs: $0.2.needs, funders: $0.2.byFunder, largestShare: ($0.2.largestShare * 10_000).rounded() / 10_000)
                })
                try FileIO.write(try CanonicalJSON.string(manifest, pretty: true) + "\n", to: path("truth.json"))
                var text = "\(all.count) cases of \(Set(all.map(\.partnerID)).count) funders from \(file): the choose half is the train part, the report half the test part (seed \(KnownFunderCases.splitSeed))\n"
                for (part, half, mix) in mixes {
                    text += "\nfunder mix, \(part) (\(half.rawValue) half): \(mix.summary)\n" + mix.table().renderPlain(.table)
                }
                text += "wrote \(out)/needs.jsonl, train.qrels, test.qrels, truth.json\n"
                try Output.write(text)
            }
        }
    }
}

/// Checks that `out` is a directory (or can be one) and holds none of `files` unless
/// `force`, then creates it.
private func prepare(_ out: String, files: [String], force: Bool) throws {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    if fm.fileExists(atPath: out, isDirectory: &isDir) {
        guard isDir.boolValue else { throw CLIError("--out \(out) is a file; expected a directory") }
        let present = files.filter { fm.fileExists(atPath: (out as NSString).appendingPathComponent($0)) }
        if !present.isEmpty && !force { throw CLIError("\(out) already holds \(present.joined(separator: ", ")); give --force to replace them, or another --out") }
    }
    do {
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
    } catch { throw CLIError("cannot create \(out): \(error.localizedDescription)") }
}
