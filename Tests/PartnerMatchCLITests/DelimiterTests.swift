import Foundation
import Testing

/// CSV files as spreadsheets save them: `;` under Vietnamese regional settings, tabs.
@Suite struct DelimiterTests {
    let header = ["id", "title_vi", "province", "applicant", "sectors", "budget", "currency", "instrument"]
    let rows = [
        ["c1", "Đường", "Sơn La", "province", "21020", "300 tỷ", "VND", "loan"],
        ["c2", "Trạm y tế", "Sơn La", "commune", "12230:70;12220:30", "80k", "", "grant"],
    ]

    func file(_ sep: String) -> String {
        ([header] + rows).map { r in r.map { $0.contains(sep) ? "\"\($0)\"" : $0 }.joined(separator: sep) }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [";", "\t", ","]) func importNeedsDetectsTheSeparator(sep: String) {
        let cli = CLI()
        _ = cli.write("n.csv", file(sep))
        let r = cli.run(["import", "needs", "n.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported 2 needs"))
    }

    @Test(arguments: [";", "\t"]) func scoreDetectsTheSeparator(sep: String) {
        let cli = CLI()
        _ = cli.write("p.csv", file(sep))
        let r = cli.run(["score", "p.csv", "--top", "1", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 2)
    }

    @Test func aForcedWrongSeparatorIsOneErrorAndStops() {
        let cli = CLI()
        _ = cli.write("p.csv", file(";"))
        let r = cli.run(["score", "p.csv", "--delimiter", "comma", "--quiet"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("p.csv:1:1:"))
        #expect(r.stderr.contains("--delimiter semicolon"))

        let i = cli.run(["import", "needs", "p.csv", "--delimiter", "comma"])
        #expect(i.status == 1)
        #expect(i.stderr.split(separator: "\n").filter { $0.contains("error:") }.count == 1, "\(i.stderr)")
    }

    @Test func anUnknownColumnIsReportedOnceNotPerRecord() {
        let cli = CLI()
        _ = cli.write("p.csv", "id;title_vi;province;applicant;sectors;budgett\nc1;a;Sơn La;province;21020;5k\nc2;b;Sơn La;province;21020;5k\nc3;c;Sơn La;province;21020;5k\n")
        let r = cli.run(["score", "p.csv", "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").filter { $0.contains("error:") }.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("unknown column \"budgett\"; did you mean \"budget\"?"))
        let i = cli.run(["import", "needs", "p.csv"])
        #expect(i.status == 1)
        #expect(i.stderr.split(separator: "\n").filter { $0.contains("error:") }.count == 1, "\(i.stderr)")
    }

    @Test func aBadDelimiterValueIsAUsageError() {
        let r = CLI().run(["score", "p.csv", "--delimiter", "pipe"])
        #expect(r.status == 64)
    }
}
