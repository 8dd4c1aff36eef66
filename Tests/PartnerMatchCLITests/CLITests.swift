import Foundation
import Testing

@Suite struct CatalogCommandTests {
    @Test func firstUseCreatesTheDatabaseAndSaysSo() {
        let cli = CLI(initialised: false)
        let r = cli.run(["partners", "list"])
        #expect(r.status == 0)
        #expect(r.stderr == "partnermatch: created database \(cli.db) from the bundled data (3 partners, 3 needs)\n")
        CLI.assertGolden(r.stdout, "partners-list.txt")
        #expect(cli.run(["partners", "list"]).stderr == "")
    }

    /// Without --db or PARTNERMATCH_DB the database goes under $HOME (the CLI helper sets
    /// HOME to its own folder), not the password database's home directory.
    @Test func defaultDatabaseIsUnderHOME() {
        let cli = CLI(initialised: false)
        let r = cli.run(["partners", "list", "--format", "csv"], environment: ["PARTNERMATCH_DB": ""])
        #expect(r.status == 0)
        let expected = cli.dir + "/.local/share/partnermatch/catalog.sqlite"
        #expect(r.stderr.contains("created database \(expected)"))
        #expect(FileManager.default.fileExists(atPath: expected))
        let xdg = cli.run(["partners", "list"], environment: ["PARTNERMATCH_DB": "", "XDG_DATA_HOME": cli.dir + "/xdg"])
        #expect(xdg.stderr.contains("created database \(cli.dir)/xdg/partnermatch/catalog.sqlite"))
    }

    @Test func listFiltersBySectorProvinceAndMore() {
        let cli = CLI()
        CLI.assertGolden(cli.run(["partners", "list", "--sector", "311"]).stdout, "partners-list-sector-311.txt")
        let byProvince = cli.run(["partners", "list", "--province", "Thành phố Hà Nội", "--format", "csv"]).stdout
        #expect(byProvince.hasPrefix("id,name,kind,origin,instruments\r\n"))
        #expect(byProvince.contains("japan-grassroots") && !byProvince.contains("koica-grants") && !byProvince.contains("sfd-loans"))
        let mountain = cli.run(["partners", "list", "--province", "dien bien", "--format", "csv"]).stdout
        #expect(mountain.contains("sfd-loans") && mountain.contains("koica-grants"))
        #expect(cli.run(["partners", "list", "--instrument", "grant", "--format", "jsonl"]).stdout.split(separator: "\n").count == 2)
        #expect(cli.run(["partners", "list", "--origin", "jp", "--format", "json"]).stdout.contains("\"id\":\"japan-grassroots\""))
        #expect(cli.run(["partners", "list", "--theme", "Tăng trưởng xanh", "--format", "jsonl"]).stdout.contains("koica-grants"))
        #expect(cli.run(["partners", "list", "--kind", "development-fund", "--format", "jsonl"]).stdout.contains("sfd-loans"))
    }

    @Test(arguments: [
        (["quy phat trien"], "sfd-loans"),
        (["Quỹ Phát triển".decomposedStringWithCanonicalMapping], "sfd-loans"),
        (["DAI SU QUAN"], "japan-grassroots"),
        (["đại sứ quán"], "japan-grassroots"),
        (["Korea International"], "koica-grants"),
        (["kusanone"], "japan-grassroots"),
    ])
    func searchIgnoresCaseDiacriticsAndForm(_ query: [String], _ expected: String) {
        let r = CLI().run(["partners", "search"] + query + ["--format", "jsonl"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(r.stdout.contains("\"id\":\"\(expected)\""))
    }

    @Test func showsAPartnerWithSources() {
        let r = CLI().run(["partners", "show", "japan-grassroots", "--lang", "vi"])
        CLI.assertGolden(r.stdout, "partners-show-japan-vi.txt")
    }

    @Test func needsListAndShowInVietnamese() {
        let cli = CLI()
        CLI.assertGolden(cli.run(["needs", "list", "--lang", "vi"]).stdout, "needs-list-vi.txt")
        CLI.assertGolden(cli.run(["needs", "show", "sla-road-01", "--lang", "vi"]).stdout, "needs-show-vi.txt")
    }

    @Test func addEditRemoveANeed() {
        let cli = CLI()
        let add = cli.run(["needs", "add", "--id", "sla-x", "--title-vi", "Nước sạch xã Mường Bú", "--province", "Tỉnh Sơn La",
                           "--applicant", "commune", "--sector", "14030", "--budget", "VND 2 tỷ", "--instrument", "grant", "--theme", "rural infrastructure"])
        #expect(add.status == 0)
        #expect(add.stdout == "added need sla-x\n")
        let shown = cli.run(["needs", "show", "sla-x", "--format", "json"]).stdout
        #expect(shown.contains("\"budgetUSD\" : 80000"))
        #expect(shown.contains("\"budgetInput\" : \"VND 2,000,000,000 at 25,000 VND/USD (2025)\""))
        #expect(shown.contains("\"themes\" : [\n    \"rural-infrastructure\"\n  ]"))
        #expect(cli.run(["needs", "edit", "sla-x", "--budget", "90k"]).stdout == "updated need sla-x\n")
        #expect(cli.run(["needs", "show", "sla-x", "--format", "jsonl"]).stdout.contains("\"budgetUSD\":90000"))
        let dup = cli.run(["needs", "add", "--id", "sla-x", "--title-vi", "x", "--province", "Sơn La", "--applicant", "commune", "--sector", "14030", "--budget", "1k"])
        #expect(dup.status == 1)
        #expect(dup.stderr == "partnermatch: error: need \"sla-x\" already exists; expected a new id (use 'needs edit' to change it)\n")
        #expect(cli.run(["needs", "remove", "sla-x"]).stdout == "removed need sla-x\n")
        #expect(cli.run(["needs", "show", "sla-x"]).stderr == "partnermatch: error: unknown need \"sla-x\"; see 'partnermatch needs list'\n")
    }

    /// `--date` picks the year of the exchange rate (Data/README.md), Vietnamese units
    /// mean VND, and an amount that could be read two ways is refused, not guessed.
    @Test func budgetsConvertAtTheRateOfTheNeedsDate() {
        let cli = CLI()
        let base = ["needs", "add", "--title-vi", "Nước sạch", "--province", "Sơn La", "--applicant", "commune", "--sector", "14030"]
        let added = cli.run(base + ["--id", "d24", "--budget", "48 tỷ", "--date", "2024-06-01"])
        #expect(added.status == 0)
        #expect(added.stderr == "partnermatch: assumed: instrument any (not given; every instrument is compatible); budget.currency VND (no currency written; \"tỷ\" is a Vietnamese unit, so VND)\n")
        let shown = cli.run(["needs", "show", "d24", "--format", "json"]).stdout
        #expect(shown.contains("\"budgetUSD\" : 2000000"))
        #expect(shown.contains("\"budgetInput\" : \"VND 48,000,000,000 at 24,000 VND/USD (2024)\""))
        // A new date alone converts the budget as written at the new year's rate.
        #expect(cli.run(["needs", "edit", "d24", "--date", "2025-01-10"]).status == 0)
        let edited = cli.run(["needs", "show", "d24", "--format", "json"]).stdout
        #expect(edited.contains("\"budgetUSD\" : 1920000"))
        #expect(edited.contains("\"budgetInput\" : \"VND 48,000,000,000 at 25,000 VND/USD (2025)\""))
        #expect(cli.run(base + ["--id", "d25", "--budget", "100 triệu"]).status == 0)
        #expect(cli.run(["needs", "show", "d25", "--format", "jsonl"]).stdout.contains("\"budgetUSD\":4000"))
        let ambiguous = cli.run(base + ["--id", "d26", "--budget", "5.000.000.000"])
        // A flag value that cannot be read is a usage error.
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.hasPrefix("partnermatch: error: --budget: \"5.000.000.000\" groups thousands with dots, as Vietnamese does, but names no currency; expected the currency written: VND 5.000.000.000"))
    }

    @Test func badFlagsGiveOneClearError() {
        let cli = CLI()
        let cases: [([String], String)] = [
            (["needs", "add", "--id", "a", "--title-vi", "x", "--province", "Son Lah", "--applicant", "commune", "--sector", "14030", "--budget", "1k"],
             "partnermatch: error: --province: unknown province \"Son Lah\"; did you mean \"Sơn La\"?; or \"national\" for a nationwide need\n"),
            (["needs", "add", "--id", "a", "--title-vi", "x", "--province", "Sơn La", "--applicant", "commune", "--sector", "14030", "--budget=-5"],
             "partnermatch: error: need \"a\": field budgetUSD: -5 is not above 0; expected an amount in USD above 0\n"),
            (["needs", "add", "--id", "a", "--title-vi", "x", "--province", "Sơn La", "--applicant", "commune", "--sector", "14031", "--budget", "5k"],
             "partnermatch: error: need \"a\": field sectors[0].code: unknown sector code \"14031\"; nearest valid codes: 14030, 12230, 12220\n"),
            (["needs", "add", "--id", "a", "--title-vi", "x", "--province", "Sơn La", "--applicant", "commune", "--sector", "14030:50;21020:40", "--budget", "5k"],
             "partnermatch: error: --sector: sector shares sum to 90, not 100; expected DAC codes with percent shares summing to 100, e.g. \"31120:60;32161:40\" (a lone code is 100%)\n"),
            (["partners", "list", "--instrument", "gift"],
             "partnermatch: error: --instrument \"gift\" is not accepted; expected one of grant, concessional-loan, non-concessional-loan, equity, technical-assistance, training, in-kind\n"),
            (["partners", "show", "sfd"], "partnermatch: error: unknown partner \"sfd\"; did you mean \"sfd-loans\"?\n"),
        ]
        for (args, expected) in cases {
            let r = cli.run(args)
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.hasPrefix(expected), "\(args)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack"))
        }
        let usage = cli.run(["partners", "list", "--format", "xml"])
        #expect(usage.status == 64)
        #expect(usage.stderr.hasPrefix("partnermatch: error: "))
    }
}

@Suite struct ImportExportTests {
    @Test func exportThenImportGivesBackTheSameDatabase() {
        for format in ["json", "csv", "jsonl"] {
            let a = CLI(), b = CLI(initialised: false)
            for kind in ["partners", "needs"] {
                let exported = a.run(["export", kind, "--format", format]).stdout
                let file = b.write("\(kind).\(format == "csv" ? "csv" : "json")", format == "jsonl" ? "[" + exported.split(separator: "\n").joined(separator: ",") + "]" : exported)
                b.run(["init"])
                b.run(["init", "--force"])
                let r = b.run(["import", kind, file])
                #expect(r.status == 0, "\(format) \(kind): \(r.stderr)")
                #expect(b.run(["export", kind, "--format", format]).stdout == exported)
            }
        }
    }

    @Test func importCountsNewAndUpdated() throws {
        let cli = CLI()
        let csv = cli.write("n.csv", "id,title_vi,province,applicant,sectors,budget\nnew-1,Mới,Sơn La,commune,21020,5k\nsla-road-01,Sửa,Sơn La,province,21020,12M\n")
        #expect(cli.run(["import", "needs", csv, "--dry-run"]).stdout == "\(csv): would import 2 needs: 1 new, 1 existing\n")
        #expect(cli.run(["import", "needs", csv]).stdout == "\(csv): imported 2 needs: 1 new, 1 updated, 0 unchanged\n")
        #expect(cli.run(["import", "needs", csv]).stdout == "\(csv): imported 2 needs: 0 new, 0 updated, 2 unchanged\n")
    }

    @Test func aBadRowRejectsTheFileAndLeavesTheDatabaseByteForByte() throws {
        let cli = CLI()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let csv = cli.write("bad.csv", "id,title_vi,province,applicant,sectors,budget\nok-1,Tốt,Sơn La,commune,21020,5k\nbad-2,Xấu,Sơn La,commune,21020:60;11330:30,5k\nbad-3,Xấu,Hà Tây Mới,commune,21020,abc\n")
        let r = cli.run(["import", "needs", csv])
        #expect(r.status == 1)
        #expect(r.stderr == """
            partnermatch: error: \(csv):3:5: need "bad-2", field sectors: sector shares sum to 90, not 100; expected DAC codes with percent shares summing to 100, e.g. "31120:60;32161:40" (a lone code is 100%)
            partnermatch: error: \(csv):4:6: need "bad-3", field budget: "abc" in "abc" is not a number, unit or currency; expected an amount such as 2500000, 2.5M, USD 2.5M, 850k, VND 50 tỷ, 50 tỷ đồng or 100 triệu

            """)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before)
    }

    @Test func malformedJSONAndDuplicateIDs() {
        let cli = CLI()
        let bad = cli.write("p.json", "[\n  {\"id\": \"a\",\n   \"name\": }\n]")
        #expect(cli.run(["import", "partners", bad]).stderr == "partnermatch: error: \(bad):3:12: malformed JSON: unexpected '}'; expected a JSON value (object, array, string, number, true, false or null)\n")
        let n = "{\"id\": \"d\", \"title\": {\"vi\": \"x\"}, \"province\": \"Sơn La\", \"applicant\": \"commune\", \"sectors\": [{\"code\": \"21020\", \"share\": 100}], \"budgetUSD\": 5}"
        let dup = cli.write("d.json", "[\n\(n),\n\(n)\n]")
        #expect(cli.run(["import", "needs", dup]).stderr.contains("\(dup):3:1: need \"d\", field id: duplicate id; the same id is already used at line 2"))
    }

    @Test func notADatabaseFile() {
        let cli = CLI()
        let fake = cli.write("fake.sqlite", String(repeating: "not sqlite ", count: 20))
        let r = cli.run(["partners", "list", "--db", fake])
        #expect(r.status == 1)
        #expect(r.stderr == "partnermatch: error: \(fake): not a PartnerMatch database (the file is not SQLite); expected a database made by 'partnermatch init', or pass another --db\n")
    }

    @Test func missingFile() {
        let r = CLI().run(["import", "needs", "/nonexistent/needs.csv"])
        #expect(r.stderr == "partnermatch: error: /nonexistent/needs.csv: no such file\n")
        #expect(r.status == 1)
    }

    @Test func initRefusesToOverwriteWithoutForce() {
        let cli = CLI(initialised: false)
        #expect(cli.run(["init"]).stdout.hasPrefix("initialised \(cli.db): 3 partners, 3 needs"))
        let again = cli.run(["init"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds a catalog (3 partners, 3 needs); expected --force"))
        #expect(cli.run(["init", "--force"]).status == 0)
    }

    @Test func bundledDataChecksOut() {
        let r = CLI().run(["data", "check", "--data", CLI.packageRoot + "/Data"], plain: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(": ok"))
    }

    /// A data folder of the bundled reference files, the fixture partners and one need.
    func checkFolder(_ cli: CLI) -> String {
        let dir = cli.dir + "/data"
        let fm = FileManager.default
        for sub in ["partners", "needs"] { try! fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        for name in ["sectors.json", "provinces.json", "themes.json", "rates.json"] {
            try! fm.copyItem(atPath: CLI.packageRoot + "/Data/" + name, toPath: dir + "/" + name)
        }
        for name in try! fm.contentsOfDirectory(atPath: CLI.fixtureData + "/partners") {
            try! fm.copyItem(atPath: CLI.fixtureData + "/partners/" + name, toPath: dir + "/partners/" + name)
        }
        _ = cli.write("data/needs/needs.json", """
            [{"id": "n1", "title": {"vi": "Đường xã", "en": "Commune road"}, "province": "son-la", "applicant": "province",
              "sectors": [{"code": "21020", "share": 100}], "budgetUSD": 1000000, "budgetInput": "VND 24.9 tỷ at 24,900 VND/USD", "instrument": "loan"}]
            """)
        return dir
    }

    @Test func dataCheckRefusesNamingFileAndField() throws {
        let cli = CLI(initialised: false)
        let dir = checkFolder(cli)
        let ok = cli.run(["data", "check", "--data", dir], plain: true)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains(": ok") && ok.stdout.contains("instruments: 3 (3 active, 0 dormant, 0 closed)"))

        let file = dir + "/partners/japan-grassroots.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"sector\": \"112\"", with: "\"sector\": \"230\"")
            .replacingOccurrences(of: ", \"status\": {\"state\": \"active\", \"lastCommitment\": \"2025-03\", \"asOf\": \"2026-11-30\", \"provenance\": {\"source\": \"s1\"}}", with: "")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let bad = cli.run(["data", "check", "--data", dir], plain: true)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("partnermatch: error: \(file):7:19: partner \"japan-grassroots\", field instruments[0].status: missing"))
        #expect(bad.stderr.contains("\(file):8:35: partner \"japan-grassroots\", field sectorPriorities[0].sector: 230 (Energy generation and supply) is a retired DAC category"))
        #expect(bad.stderr.contains("2 problem(s)"))
        #expect(!bad.stdout.contains(": ok"))
    }

    @Test func dataCheckListsStaleFacts() {
        let cli = CLI(initialised: false)
        let dir = checkFolder(cli)
        let r = cli.run(["data", "check", "--data", dir, "--stale", "1", "--today", "2028-01-15"], plain: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("8 fact(s) checked more than 1 year(s) before 2028-01-15:"))
        #expect(r.stdout.contains("sfd-loans         recentVolume"))
        #expect(cli.run(["data", "check", "--data", dir, "--stale", "2", "--today", "2028-01-15"], plain: true).stdout.contains("0 fact(s)"))
        #expect(cli.run(["data", "check", "--data", dir, "--stale", "-1"], plain: true).status == 64)
    }
}
