import Foundation
import Testing

/// `evidence import|stats|unlinked` and `partners profile`, run as a user would.
@Suite struct EvidenceCLITests {
    static let evidence = CLI.packageRoot + "/Tests/Fixtures/evidence"
    static let maps = CLI.packageRoot + "/Data/evidence-maps"
    static let shared: String? = {
        let candidates = [URL(fileURLWithPath: CLI.packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path,
                          ProcessInfo.processInfo.environment["PARTNERMATCH_SHARED"] ?? "", "/work/shared"]
        return candidates.filter { !$0.isEmpty }.map { $0 + "/data/evidence" }.first { FileManager.default.fileExists(atPath: $0 + "/koica_vietnam_1991_2007.csv") }
    }()

    @Test func importTwiceThenStatsAndProfile() {
        let cli = CLI()
        let f = Self.evidence + "/iati-2.03.xml"
        let first = cli.run(["evidence", "import", f, "--country", "VN"])
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("\(f): 2 activities: 2 new, 0 updated, 0 unchanged; 1 skipped (recipient country not VN)\n"))
        #expect(first.stdout.contains("  warning: 2 amounts in an unknown currency (kept, no USD value) (JPY, XYZ)\n"))
        #expect(cli.run(["evidence", "import", f, "--country", "VN"]).stdout.hasPrefix("\(f): 2 activities: 0 new, 0 updated, 2 unchanged"))
        let stats = cli.run(["evidence", "stats"]).stdout
        #expect(stats.contains("activities: 2 (0 copies"))
        #expect(stats.contains("years: 2023-2024"))
        let profile = cli.run(["partners", "profile", "koica-grants"])
        #expect(profile.status == 0)
        #expect(profile.stdout.contains("Evidence: 1 activities, 2024-2024; value USD 1.10M over 1 activities with a value (1 from commitments)"))
        #expect(profile.stdout.contains("son-la"))
        let json = cli.run(["partners", "profile", "koica-grants", "--format", "json", "--until", "2023"]).stdout
        #expect(json.contains("\"activities\" : 0"))
        let unlinked = cli.run(["evidence", "unlinked", "--format", "csv"]).stdout
        #expect(unlinked.contains("Someone Unknown") && !unlinked.contains("KOICA"))
    }

    /// The OECD CRS file through crs.json: Viet Nam's rows kept, the others counted, the
    /// mapping's partner links shown by `evidence unlinked --all`.
    @Test func importsACRSFileWithItsMapping() {
        let cli = CLI()
        let f = Self.evidence + "/crs-2015-sample.txt"
        let r = cli.run(["evidence", "import", "--csv", f, "--map", Self.maps + "/crs.json"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("\(f): 5 activities: 5 new, 0 updated, 0 unchanged; 2 rows skipped (not Viet Nam (RecipientCode 769))\n"))
        #expect(r.stdout.contains("funders not named in the mapping's partners (linked by alias or ref only) (Arab Fund (AFESD) / Arab Fund for Economic and Social Development)"))
        // The test catalog has koica-grants but not JICA's or the Kuwait Fund's partners: said, not linked
        #expect(r.stdout.contains("partner ids in the mapping's partners that the catalog does not have (not linked)"))
        let orgs = cli.run(["evidence", "unlinked", "--all", "--format", "csv"]).stdout
        #expect(orgs.contains("Korea / Korea International Cooperation Agency,1,1,koica-grants (mapping)"))
        let profile = cli.run(["partners", "profile", "koica-grants"]).stdout
        #expect(profile.contains("Evidence: 1 activities, 2015-2015; value USD 500.0k"))
        // A bad amount: file, line and column, nothing stored
        let bad = cli.write("crs-bad.txt", (try? String(contentsOfFile: f, encoding: .utf8))?.replacingOccurrences(of: "|12.5|", with: "|12,5|") ?? "")
        let refused = cli.run(["evidence", "import", "--csv", bad, "--map", Self.maps + "/crs.json"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(bad):2:"))
        #expect(refused.stderr.contains("\"12,5\" is not an amount"))
    }

    @Test func evidenceFeaturesInExplainUpToAYear() {
        let cli = CLI()
        #expect(cli.run(["evidence", "import", Self.evidence + "/iati-2.03.xml"]).status == 0)
        let need = "sla-road-01"
        let rule = ["--rule", CLI.packageRoot + "/Data/rules/default.json"]
        // KOICA's 2024 project in Sơn La counts with all evidence...
        let all = cli.run(["explain", need, "koica-grants"] + rule)
        #expect(all.status == 0)
        #expect(all.stdout.contains("1 past project in Sơn La"))
        #expect(all.stdout.contains("rule default 1."))
        // ...and not with evidence up to 2020, where the stated entry stands in.
        let until = cli.run(["explain", need, "koica-grants", "--evidence-until", "2020"] + rule)
        #expect(until.stdout.contains("no past projects on record up to 2020; stated priority used (sector fit x 0.7)"))
        #expect(!until.stdout.contains("past project in Sơn La"))
        let bad = cli.run(["rank", need, "--evidence-until", "20"])
        #expect(bad.status != 0 && bad.stderr.contains("--evidence-until 20 is out of range; expected a year from 1900 to 2100"))
    }

    /// Every command that takes --evidence-until honours it: KOICA's 2024 project in Sơn
    /// La counts in its evidence features with all evidence and not up to 2020.
    @Test func evidenceUntilChangesTheEvidenceFeaturesOfEveryCommand() throws {
        let cli = CLI()
        #expect(cli.run(["evidence", "import", Self.evidence + "/iati-2.03.xml"]).status == 0)
        let rule = ["--rule", CLI.packageRoot + "/Data/rules/default.json"]
        let until = ["--evidence-until", "2020"]
        func provinceEvidence(_ text: String, after marker: String, _ pattern: String) -> String? {
            guard let start = text.range(of: marker) else { return nil }
            let rest = text[start.upperBound...]
            guard let at = rest.range(of: pattern) else { return nil }
            return String(rest[at.upperBound...].prefix { "0123456789.".contains($0) })
        }
        // rank (an ad-hoc road grant in Sơn La, which KOICA's grants answer)
        let adHoc = ["rank", "--sector", "21020", "--budget", "1M", "--instrument", "grant", "--province", "Sơn La", "--applicant", "province", "--format", "json", "--explain"] + rule
        let rankAll = cli.run(adHoc), rankUntil = cli.run(adHoc + until)
        #expect(rankAll.status == 0 && rankUntil.status == 0, "\(rankAll.stderr)")
        let (a, b) = (provinceEvidence(rankAll.stdout, after: "\"partner\": \"koica-grants\"", "\"provinceEvidence\", \"value\": "),
                      provinceEvidence(rankUntil.stdout, after: "\"partner\": \"koica-grants\"", "\"provinceEvidence\", \"value\": "))
        #expect(a == "0.3333" && b == "0.49", "rank: \(String(describing: a)) \(String(describing: b))")
        // score (an agriculture grant in Sơn La, as a proposal)
        let proposals = cli.write("p.jsonl", #"{"id": "p1", "title": {"en": "Road"}, "province": "Sơn La", "applicant": "province", "sectors": [{"code": "31120", "share": 100}], "budgetUSD": 1000000, "instrument": "grant"}"# + "\n")
        let scoreAll = cli.run(["score", proposals, "--explain", "--quiet"] + rule), scoreUntil = cli.run(["score", proposals, "--explain", "--quiet"] + rule + until)
        #expect(scoreAll.status == 0 && scoreUntil.status == 0, "\(scoreAll.stderr)")
        let (c, d) = (provinceEvidence(scoreAll.stdout, after: "\"partner_id\":\"koica-grants\"", "\"provinceEvidence\":"),
                      provinceEvidence(scoreUntil.stdout, after: "\"partner_id\":\"koica-grants\"", "\"provinceEvidence\":"))
        #expect(c == "1.159" && d == "1.704", "score: \(String(describing: c)) \(String(describing: d))")
        // explain
        let explainAll = cli.run(["explain", "sla-tea-03", "koica-grants"] + rule), explainUntil = cli.run(["explain", "sla-tea-03", "koica-grants"] + rule + until)
        #expect(explainAll.stdout.contains("1 past project in Sơn La") && !explainUntil.stdout.contains("1 past project in Sơn La"))
        #expect(explainUntil.stdout.contains("no past projects on record up to 2020"))
        // brief (KOICA first for the tea processing need)
        #expect(cli.run(["brief", "sla-tea-03", "--lang", "en", "--out", cli.dir + "/all.md"] + rule).status == 0)
        #expect(cli.run(["brief", "sla-tea-03", "--lang", "en", "--out", cli.dir + "/until.md"] + rule + until).status == 0)
        let briefAll = try String(contentsOfFile: cli.dir + "/all.md", encoding: .utf8), briefUntil = try String(contentsOfFile: cli.dir + "/until.md", encoding: .utf8)
        #expect(briefAll.contains("## 1. KOICA grants — 80.3") && briefUntil.contains("## 1. KOICA grants — 77.0"))
    }

    @Test func malformedAndRefusedFilesAreReportedWithLineAndColumn() {
        let cli = CLI()
        let bomb = cli.write("bomb.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"xx\"><!ENTITY y \"&x;&x;\">]>\n<a>&y;</a>\n")
        let r = cli.run(["evidence", "import", bomb])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("partnermatch: error: \(bomb):2:1: the DOCTYPE declares entities; refused"))
        let latin = cli.dir + "/latin1.xml"
        _ = FileManager.default.createFile(atPath: latin, contents: Data(Array("<iati-activities>\n<iati-activity><title>Caf".utf8) + [0xE9] + Array("</title></iati-activity></iati-activities>".utf8)))
        #expect(cli.run(["evidence", "import", latin]).stderr.hasPrefix("partnermatch: error: \(latin):2:26: invalid UTF-8 byte 0xE9"))
        let stats = cli.run(["evidence", "stats"]).stdout
        #expect(stats.hasPrefix("files: 0\nactivities: 0"))
        let badMap = cli.write("bad.json", "{\"columns\": {\"id\": \"id\", \"amount\": \"x\"}, \"fixed\": {\"funderName\": \"A\"}}")
        let m = cli.run(["evidence", "import", "--csv", Self.evidence + "/adb-projects.csv", "--map", badMap])
        #expect(m.stderr.hasPrefix("partnermatch: error: \(badMap):1:26: field columns.amount: unknown field"))
    }

    @Test(.enabled(if: EvidenceCLITests.shared != nil, "../shared/data/evidence is absent: the KOICA, World Bank and ADB exports"))
    func theThreeSharedCSVsImportWithTheCommittedMaps() throws {
        let shared = try #require(Self.shared)
        let cli = CLI()
        let data = ["--data", CLI.packageRoot + "/Data"]
        for (csv, map, n) in [("koica_vietnam_1991_2007.csv", "koica.json", 1733), ("worldbank_ibrd_ida_vietnam_projects.csv", "worldbank.json", 69), ("adb_vietnam_projects_1998_2005.csv", "adb.json", 148)] {
            let r = cli.run(["evidence", "import", "--csv", shared + "/" + csv, "--map", Self.maps + "/" + map] + data, environment: ["PARTNERMATCH_DB": cli.dir + "/real.sqlite"])
            #expect(r.status == 0, "\(csv): \(r.stderr)")
            #expect(r.stdout.hasPrefix("\(shared)/\(csv): \(n) activities: \(n) new"))
        }
        let xml = cli.run(["evidence", "import", shared + "/adb-iati-1.04-1998-2005.xml", "--country", "VN"] + data, environment: ["PARTNERMATCH_DB": cli.dir + "/real.sqlite"])
        #expect(xml.stdout.contains("299 activities: 299 new, 0 updated, 0 unchanged; 147 already known from another source"))
        let unlinked = cli.run(["evidence", "unlinked", "--all", "--format", "csv"] + data, environment: ["PARTNERMATCH_DB": cli.dir + "/real.sqlite"]).stdout
        #expect(unlinked.contains(",Asia Development Bank,299,299,\"adb-concessional-loans (name \"\"Asia Development Bank\"\"); adb-ordinary-capital-loans"))
        #expect(unlinked.contains(",Korea International Cooperation Agency,1733,1733,\"koica-grants"))
        #expect(unlinked.contains("44000,World Bank,69,69,world-bank-ibrd-loans (ref 44000)"))
        let wb = cli.run(["partners", "profile", "world-bank-ibrd-loans", "--format", "json"] + data, environment: ["PARTNERMATCH_DB": cli.dir + "/real.sqlite"]).stdout
        #expect(wb.contains("\"activities\" : 69"))
    }
}

/// Issue 14 item 12, as a user meets it: an import that fills the disk exits 1 with one
/// line saying so, and the database file alone is the catalog as it was.
@Suite struct DiskFullCLITests {
    @Test func anImportThatFillsTheDiskIsRolledBackAndSaysSo() throws {
        let cli = CLI()
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n"
        for i in 0..<3_000 {
            xml += "<iati-activity default-currency=\"USD\"><iati-identifier>XM-FULL-\(i)</iati-identifier><reporting-org ref=\"XM-FULL\"><narrative>Funder</narrative></reporting-org>"
            xml += "<title><narrative>Activity \(i) with a title that takes some room</narrative></title><recipient-country code=\"VN\"/>"
            xml += "<transaction><transaction-type code=\"2\"/><transaction-date iso-date=\"2020-01-01\"/><value>\(1000 + i)</value></transaction></iati-activity>\n"
        }
        let big = cli.write("big.xml", xml + "</iati-activities>\n")
        let size = try FileManager.default.attributesOfItem(atPath: cli.db)[.size] as? Int ?? 0
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let r = cli.run(["evidence", "import", big], environment: ["PARTNERMATCH_MAX_PAGE_COUNT": "\(size / 4096 + 10)"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("partnermatch: error: \(cli.db): the disk is full (or the database reached its size limit) during evidence import \(big); it was rolled back"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.db + "-journal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before)
        #expect(cli.run(["evidence", "stats"]).stdout.contains("activities: 0"))
    }
}
