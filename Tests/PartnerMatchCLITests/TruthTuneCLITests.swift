import Foundation
import Testing

/// `truth from-evidence`, `eval` on its output and `tune`, run as a user would, on a small
/// IATI file written here: KOICA grants for agriculture, SFD loans for roads, Japan's
/// grassroots grants for water, 2000-2011.
@Suite struct TruthTuneCLITests {
    static func iati() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n"
        let funders = [("KOICA", "31120", "110", 800_000.0), ("Saudi Fund", "21020", "410", 20_000_000), ("Kusanone", "14030", "110", 90_000)]
        for i in 0..<24 {
            let (name, sector, finance, usd) = funders[i % 3]
            let year = 2000 + i / 2
            out += """
                <iati-activity default-currency="USD">
                  <iati-identifier>XM-T-\(i)</iati-identifier>
                  <title><narrative>Project \(i)</narrative></title>
                  <participating-org role="1"><narrative>\(name)</narrative></participating-org>
                  <recipient-country code="VN"/>
                  <activity-date iso-date="\(year)-03-01" type="2"/>
                  <sector vocabulary="1" code="\(sector)" percentage="100"/>
                  <default-finance-type code="\(finance)"/>
                  <transaction><transaction-type code="2"/><transaction-date iso-date="\(year)-03-01"/><value value-date="\(year)-03-01">\(Int(usd) + i * 1000)</value></transaction>
                </iati-activity>

                """
        }
        return out + "</iati-activities>\n"
    }

    static func imported() -> CLI {
        let cli = CLI()
        let file = cli.write("past.xml", iati())
        let r = cli.run(["evidence", "import", file])
        #expect(r.status == 0, "\(r.stderr)")
        return cli
    }

    @Test func truthThenEvalThenTune() throws {
        let cli = Self.imported()
        let dir = cli.dir + "/truth"
        let truth = cli.run(["truth", "from-evidence", "--out", dir, "--split-year", "2008"])
        #expect(truth.status == 0, "\(truth.stderr)")
        #expect(truth.stdout.contains("split: needs from 2008 on are the test part"))
        let needs = try String(contentsOfFile: dir + "/needs.jsonl", encoding: .utf8)
        #expect(needs.split(separator: "\n").count == 24)
        #expect(needs.contains("\"id\":\"XM-T-1\"") && needs.contains("\"province\":\"national\"") && needs.contains("\"instrument\":\"loan\""))
        let train = try String(contentsOfFile: dir + "/train.qrels", encoding: .utf8)
        let test = try String(contentsOfFile: dir + "/test.qrels", encoding: .utf8)
        #expect(train.split(separator: "\n").count == 16 && test.split(separator: "\n").count == 8)
        #expect(train.hasPrefix("XM-T-0 0 koica-grants 2\n") && train.contains("XM-T-1 0 sfd-loans 2\n") && train.contains("XM-T-2 0 japan-grassroots 2\n"))
        #expect(FileManager.default.fileExists(atPath: dir + "/truth.json") && !FileManager.default.fileExists(atPath: dir + "/folds.tsv"))
        // The officers' needs are untouched.
        #expect(cli.run(["needs", "list", "--format", "csv"]).stdout.split(whereSeparator: \.isNewline).count == 4, "CRLF lines: a header and 3 needs")

        let eval = cli.run(["eval", "--qrels", dir + "/test.qrels", "--needs", dir + "/needs.jsonl", "--rule", "builtin:random", "--rule", "default", "--measure", "mrr"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("Averaged per funder (each funder's needs averaged, then over the 3 funders"))
        #expect(eval.stdout.contains("8 queries"))

        let rule = cli.dir + "/tuned.json"
        let args = ["tune", "--qrels", dir + "/train.qrels", "--needs", dir + "/needs.jsonl", "--rule", "default", "--metric", "ndcg@10", "--restarts", "1", "--out", rule, "--force"]
        let tune = cli.run(args)
        #expect(tune.status == 0, "\(tune.stderr)")
        #expect(tune.stdout.contains("training part, fitted (12 needs), ndcg_cut.10 averaged over funders: default"))
        #expect(tune.stdout.contains("training part, held out to choose on (4 needs), ndcg_cut.10 averaged over funders: default"))
        #expect(tune.stdout.contains("test part (\(dir)/test.qrels):"))
        #expect(tune.stdout.contains("default-tuned"))
        let first = try String(contentsOfFile: rule, encoding: .utf8)
        #expect(cli.run(["rules", "check", rule]).status == 0)
        // Deterministic: the same run writes the same rule.
        #expect(cli.run(args).status == 0)
        #expect(try String(contentsOfFile: rule, encoding: .utf8) == first)
        // Never worse than the base on the held-out needs that choose.
        let line = tune.stdout.split(separator: "\n").first { $0.hasPrefix("training part, held out") }!
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        #expect(numbers.count == 2 && numbers[1] >= numbers[0])
    }

    @Test func foldsAreWrittenAndUsed() {
        let cli = Self.imported()
        let dir = cli.dir + "/folds"
        let r = cli.run(["truth", "from-evidence", "--out", dir, "--folds", "3", "--seed", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("3 folds stratified by funder (seed 5), fold 3 is the test part"))
        let folds = (try? String(contentsOfFile: dir + "/folds.tsv", encoding: .utf8)) ?? ""
        #expect(folds.split(separator: "\n").count == 24)
        let eval = cli.run(["eval", "--qrels", dir + "/test.qrels", "--needs", dir + "/needs.jsonl", "--rule", "default"])
        #expect(eval.status == 0)
        #expect(eval.stderr.contains("evidence features leave out each need's fold, as \(dir)/folds.tsv assigns them"))
        // A folds file of other needs is refused, not silently ignored.
        let other = cli.write("other.tsv", "XM-T-0\t1\tXM-T-0\n")
        let wrong = cli.run(["eval", "--qrels", dir + "/test.qrels", "--needs", dir + "/needs.jsonl", "--rule", "default", "--folds", other])
        #expect(wrong.status == 1 && wrong.stderr.contains("\(other) assigns no fold to need"))
        #expect(wrong.stderr.contains("expected the folds.tsv that truth from-evidence wrote with these needs"))
    }

    @Test func theFunderMixIsPrintedCappedAndCheckedBeforeTuning() throws {
        let cli = Self.imported()
        let dir = cli.dir + "/truth"
        let truth = cli.run(["truth", "from-evidence", "--out", dir, "--split-year", "2008"])
        #expect(truth.status == 0, "\(truth.stderr)")
        #expect(truth.stdout.contains("funder mix, train: 16 needs, 3 funders, the largest koica-grants 38% (6 needs)"))
        #expect(truth.stdout.contains("at most 10 needs per funder (--max-per-funder median): none left out"))
        let capped = cli.run(["truth", "from-evidence", "--out", dir, "--split-year", "2008", "--max-per-funder", "2", "--force"])
        #expect(capped.status == 0, "\(capped.stderr)")
        #expect(capped.stdout.contains("at most 2 needs per funder (--max-per-funder 2): left out 4 of koica-grants, 3 of japan-grassroots, 3 of sfd-loans"))
        #expect(capped.stdout.contains("funder mix, train: 6 needs, 3 funders"))
        let train = try String(contentsOfFile: dir + "/train.qrels", encoding: .utf8)
        #expect(train.split(separator: "\n").count == 6)
        #expect(try String(contentsOfFile: dir + "/needs.jsonl", encoding: .utf8).split(separator: "\n").count == 12)
        let manifest = try String(contentsOfFile: dir + "/truth.json", encoding: .utf8)
        #expect(manifest.contains("\"maxPerFunder\" : 2") && manifest.contains("\"cappedOut\""), "\(manifest)")
        let bad = cli.run(["truth", "from-evidence", "--out", dir, "--max-per-funder", "0", "--force"])
        #expect(bad.status == 64 && bad.stderr.contains("--max-per-funder 0 is not accepted; expected median, none or a number of at least 1"))

        let eval = cli.run(["eval", "--qrels", dir + "/train.qrels", "--needs", dir + "/needs.jsonl", "--rule", "default", "--measure", "mrr"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("\nFunder mix of the judged needs: 6 needs, 3 funders, the largest japan-grassroots 33% (2 needs)\n"))
        #expect(eval.stdout.contains("note: 3 funders (expected at least 5); the figures say most about the largest funders"))

        // Three funders are too few to tune on: refused with the reason, nothing written.
        let out = cli.dir + "/tuned.json"
        let tune = ["tune", "--qrels", dir + "/train.qrels", "--needs", dir + "/needs.jsonl", "--restarts", "0", "--out", out]
        let refused = cli.run(tune)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the training truth \(dir)/train.qrels has 3 funders (expected at least 5): weights tuned on it learn to find its largest funders"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let forced = cli.run(tune + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("tuning anyway (--force) although the training truth has 3 funders"))
    }

    @Test func wrongInputIsRefusedWithAReason() {
        let cli = CLI()
        let none = cli.run(["truth", "from-evidence", "--out", cli.dir + "/t"])
        #expect(none.status == 1 && none.stderr.contains("no imported activity is funded by a catalog partner; import evidence first"))
        let both = cli.run(["truth", "from-evidence", "--out", cli.dir + "/t", "--split-year", "2005", "--folds", "3"])
        #expect(both.status == 64 && both.stderr.contains("give either --split-year or --folds, not both"))
        let file = cli.write("afile", "x")
        let imported = Self.imported()
        let notDir = imported.run(["truth", "from-evidence", "--out", file])
        #expect(notDir.status == 1 && notDir.stderr.contains("is a file; expected a directory"))
        let dir = imported.dir + "/t"
        #expect(imported.run(["truth", "from-evidence", "--out", dir]).status == 0)
        let again = imported.run(["truth", "from-evidence", "--out", dir])
        #expect(again.status == 1 && again.stderr.contains("already holds needs.jsonl, train.qrels, test.qrels, truth.json; give --force"))
        let metric = imported.run(["tune", "--qrels", dir + "/train.qrels", "--needs", dir + "/needs.jsonl", "--metric", "ndcg@x", "--out", imported.dir + "/r.json"])
        #expect(metric.status == 64 && metric.stderr.contains("--metric: illegal cutoff 'x'"))
        let unjudged = imported.run(["tune", "--qrels", dir + "/train.qrels", "--out", imported.dir + "/r.json"])
        #expect(unjudged.status == 1 && unjudged.stderr.contains("no need of the database is judged in"))
        let tune = ["tune", "--qrels", dir + "/train.qrels", "--needs", dir + "/needs.jsonl", "--out", imported.dir + "/r.json"]
        let unknown = imported.run(tune + ["--param", "scaleFit.depth=1"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--param scaleFit.depth=1: is not a tunable parameter; expected one of sectorFit.exact"))
        let range = imported.run(tune + ["--param", "scaleFit.width=0.5,0"])
        #expect(range.status == 64 && range.stderr.contains("features.scaleFit.width: 0 is out of range; expected a number from 0.01 to 10 (decades)"))
        let notNumber = imported.run(tune + ["--param", "scaleFit.width=wide"])
        #expect(notNumber.status == 64 && notNumber.stderr.contains("\"wide\" is not a number"))
        #expect(!FileManager.default.fileExists(atPath: imported.dir + "/r.json"))
        let tuned = imported.run(tune + ["--param", "scaleFit.width=0.25,1", "--restarts", "0", "--force"])
        #expect(tuned.status == 0, "\(tuned.stderr)")
        #expect(tuned.stdout.contains("Parameter       Base  Tuned") && tuned.stdout.contains("scaleFit.width   0.5"))
    }

    /// Real cases of the three fixture partners, as a benchmark file: KOICA agriculture
    /// grants, SFD road loans, Japan's small water grants in Son La, 2012-2023.
    static func cases(_ count: Int = 12) -> String {
        let specs = [("koica-grants", "KOICA", "31120", "800000", "grant"), ("sfd-loans", "Saudi Fund", "21020", "20000000", "loan"),
                     ("japan-grassroots", "Embassy of Japan", "14030", "90000", "grant")]
        var rows = [knownFunderCasesHeader]
        for i in 0..<count {
            let (p, f, sector, amount, instrument) = specs[i % 3]
            rows.append("c\(i + 1),\(p),\(f),Project \(i + 1),\(sector),\(amount),USD,\(2012 + i),Sơn La,province,\(instrument),,https://example.org/case/\(i + 1),\"\(f) funds project \(i + 1) in Son La\"")
        }
        return rows.joined(separator: "\n") + "\n"
    }
    static let knownFunderCasesHeader = "id,partner_id,funder,title,sectors,amount,currency,year,provinces,applicant,instrument,themes,source_url,quote"

    /// Needs like the cases, judged the wrong way round (the road loans to Japan's small
    /// grants, and so on), and the default rule without filters: tuning learns the wrong
    /// thing, and the real cases show it.
    static func misjudged(_ cli: CLI) -> (needs: String, qrels: String, rule: String) {
        let specs = [("31120", 800_000, "grant", "sfd-loans"), ("21020", 20_000_000, "loan", "japan-grassroots"), ("14030", 90_000, "grant", "koica-grants")]
        var needs = "", qrels = ""
        for i in 0..<12 {
            let (sector, usd, instrument, wrong) = specs[i % 3]
            needs += #"{"id": "n\#(i)", "title": {"en": "Need \#(i)"}, "province": "Sơn La", "applicant": "province", "sectors": [{"code": "\#(sector)", "share": 100}], "budgetUSD": \#(usd), "instrument": "\#(instrument)", "date": "2010-01-01"}"# + "\n"
            qrels += "n\(i) 0 \(wrong) 2\n"
        }
        var rule = (try? String(contentsOfFile: CLI.fixtureData + "/rules/default.json", encoding: .utf8)) ?? ""
        rule = rule.replacingOccurrences(of: "\"enabled\": true", with: "\"enabled\": false").replacingOccurrences(of: "\"name\": \"default\"", with: "\"name\": \"open\"")
        return (cli.write("wrong.jsonl", needs), cli.write("wrong.qrels", qrels), cli.write("open.json", rule))
    }

    @Test func tuningWorseOnRealCasesSaysSoAndRestraintHoldsWeights() throws {
        let cli = CLI()
        let cases = cli.write("cases.csv", Self.cases())
        let (needs, qrels, rule) = Self.misjudged(cli)
        let out = cli.dir + "/tuned.json"
        let base = ["tune", "--qrels", qrels, "--needs", needs, "--rule", rule, "--cases", cases, "--out", out, "--force"]
        // Unrestrained: sector fit driven to near zero, and worse on the real cases.
        let free = cli.run(base + ["--max-change", "none", "--validation", "0"])
        #expect(free.status == 0, "\(free.stderr)")
        #expect(free.stdout.contains("near zero: sectorFit"))
        #expect(free.stdout.contains("real cases (\(cases), report half: 6 cases, 3 funders):"))
        #expect(free.stdout.hasSuffix("worse on real cases: keep open (open-tuned hit@3 1.0000 against 1.0000, MRR 0.6111 against 1.0000)\n"))
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("WORSE than open on the real cases of cases.csv (report half, 6 cases): hit@3 1.0000 against 1.0000, MRR 0.6111 against 1.0000. Keep open."))
        // Restrained (the defaults): every weight within a factor 3 of the base's, chosen
        // on held-out needs.
        let held = cli.run(base)
        #expect(held.status == 0, "\(held.stderr)")
        #expect(!held.stdout.contains("near zero"))
        #expect(held.stdout.contains("training part, held out to choose on (3 needs)"))
        let factors = held.stdout.split(separator: "\n").prefix(9).compactMap { line -> Double? in
            guard let last = line.split(separator: " ").last, last.hasPrefix("x") || last.hasPrefix("/") else { return nil }
            return Double(last.dropFirst())
        }
        #expect(factors.count == 7 && factors.allSatisfy { $0 <= 3.0001 }, "\(held.stdout)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("each weight within a factor 3 of the base's"))
        let bad = cli.run(base + ["--max-change", "0.5"])
        #expect(bad.status == 64 && bad.stderr.contains("--max-change 0.5 is not accepted; expected a factor of at least 1, such as 3, or none"))
        let share = cli.run(base + ["--validation", "0.9"])
        #expect(share.status == 64 && share.stderr.contains("--validation 0.9 is out of range; expected a share from 0 to 0.5"))
    }

    /// The real cases as judged needs, in the benchmark's own two halves: train.qrels is
    /// the choose half and test.qrels the report half, so eval on test.qrels gives the
    /// figures of eval --cases --half report.
    @Test func truthFromCasesKeepsTheBenchmarksSplit() throws {
        let cli = CLI()
        let cases = cli.write("cases.csv", Self.cases())
        let dir = cli.dir + "/c"
        let r = cli.run(["truth", "from-cases", cases, "--out", dir])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("12 cases of 3 funders from \(cases): the choose half is the train part, the report half the test part (seed 20261207)\n"))
        #expect(r.stdout.contains("funder mix, train (choose half): 6 needs, 3 funders"))
        let needs = try String(contentsOfFile: dir + "/needs.jsonl", encoding: .utf8)
        #expect(needs.split(separator: "\n").count == 12 && needs.contains("\"id\":\"c1\"") && needs.contains("\"date\":\"2012-01-01\""))
        let train = try String(contentsOfFile: dir + "/train.qrels", encoding: .utf8).split(separator: "\n")
        let test = try String(contentsOfFile: dir + "/test.qrels", encoding: .utf8).split(separator: "\n")
        #expect(train.count == 6 && test.count == 6 && Set(train).isDisjoint(with: test))
        #expect(test.allSatisfy { $0.hasSuffix(" 2") } && test.contains { $0.hasSuffix(" sfd-loans 2") })
        // The same figures as eval --cases on the report half.
        let viaTruth = cli.run(["eval", "--qrels", dir + "/test.qrels", "--needs", dir + "/needs.jsonl", "--rule", "builtin:popularity", "--measure", "success.3", "--measure", "recip_rank", "--top", "10", "--format", "csv"])
        let viaCases = cli.run(["eval", "--cases", cases, "--half", "report", "--rule", "builtin:popularity", "--format", "csv"])
        #expect(viaTruth.status == 0 && viaCases.status == 0, "\(viaTruth.stderr) \(viaCases.stderr)")
        func row(_ csv: String, _ measure: String) -> String? {
            csv.split(whereSeparator: \.isNewline).first { $0.hasPrefix("builtin:popularity,\(measure),") }.map(String.init)
        }
        #expect(row(viaTruth.stdout, "success.3") == "builtin:popularity,success.3,6,1.0000,,,,,,,1.0000")
        #expect(row(viaTruth.stdout, "success.3") == row(viaCases.stdout, "success.3"))
        #expect(row(viaTruth.stdout, "recip_rank") != nil && row(viaTruth.stdout, "recip_rank") == row(viaCases.stdout, "recip_rank"))
        // An unknown partner is named with its line; an existing --out is kept.
        let bad = cli.write("bad.csv", Self.cases(2).replacingOccurrences(of: "c2,sfd-loans", with: "c2,nobody"))
        let refused = cli.run(["truth", "from-cases", bad, "--out", cli.dir + "/b"])
        #expect(refused.status == 1 && refused.stderr.contains("\(bad):3: partner_id: \"nobody\" is not in the catalog"))
        let again = cli.run(["truth", "from-cases", cases, "--out", dir])
        #expect(again.status == 1 && again.stderr.contains("already holds needs.jsonl, train.qrels, test.qrels, truth.json; give --force"))
    }
}
