import Foundation
import Testing

/// Reading the output (issue 18, items 5 and 6): `rank --explain` prints each partner's
/// points in the table format; tables fit COLUMNS, pipes get full rows.
@Suite struct DeskOutputTests {
    @Test func rankExplainPrintsPointsInTheTable() {
        let cli = CLI()
        let plain = cli.run(["rank", "sla-tea-03", "--top", "2"])
        let explained = cli.run(["rank", "sla-tea-03", "--top", "2", "--explain"])
        #expect(plain.status == 0 && explained.status == 0)
        #expect(!plain.stdout.contains("    feature"))
        #expect(explained.stdout.contains("    feature") && explained.stdout.contains("points"))
        #expect(explained.stdout.contains("Sector fit"))
        let md = cli.run(["rank", "sla-tea-03", "--top", "2", "--explain", "--format", "markdown"])
        #expect(md.stdout.contains("| feature | value | points |"))
    }

    @Test func rankTableShowsNamesNextToIDs() {
        let r = CLI().run(["rank", "sla-tea-03", "--top", "3"])
        let first = r.stdout.split(separator: "\n").first { $0.hasPrefix("1  ") }.map(String.init) ?? ""
        #expect(first.contains(" (") && first.contains(")"), "\(first)")
    }

    @Test(arguments: [["partners", "list"], ["needs", "list"], ["rules", "list"], ["rank", "sla-tea-03"]])
    func tablesFitColumns(_ args: [String]) {
        let cli = CLI()
        let full = cli.run(args)
        let narrow = cli.run(args, environment: ["COLUMNS": "80"])
        #expect(full.status == 0 && narrow.status == 0)
        let lines = narrow.stdout.split(separator: "\n").filter { !$0.hasPrefix("need ") && !$0.hasPrefix("note:") && !$0.hasPrefix("  ") }
        for line in lines { #expect(line.count <= 80, "\(args): \(line)") }
        // A pipe without COLUMNS gets full rows: wider than 80, nothing cut.
        #expect(full.stdout.split(separator: "\n").contains { $0.count > 80 }, "\(args)")
        #expect(narrow.stdout.contains("…"))
    }

    /// Under --lang vi the labels, notes and messages are Vietnamese too (item 7).
    @Test func vietnameseLabelsAndMessages() {
        let cli = CLI()
        let show = cli.run(["needs", "show", "sla-tea-03", "--lang", "vi"])
        #expect(show.status == 0)
        for en in ["province:", "applicant:", "budget:", "sectors:", "instrument sought:"] { #expect(!show.stdout.contains(en), "\(en)") }
        #expect(show.stdout.contains("tỉnh:") && show.stdout.contains("ngân sách:") && show.stdout.contains("lĩnh vực:"))
        let rank = cli.run(["rank", "sla-road-01", "--lang", "vi", "--show-excluded"])
        #expect(rank.status == 0)
        #expect(rank.stdout.contains("quy tắc ") && rank.stdout.contains("danh mục sha256:") && !rank.stdout.contains(" · rule "))
        #expect(!rank.stdout.contains("excluded"))
        let adHoc = cli.run(["rank", "--sector", "31120", "--budget", "1M", "--lang", "vi", "--top", "2"])
        #expect(adHoc.stderr.contains("giả định: tỉnh") && !adHoc.stderr.contains("assumed:"), "\(adHoc.stderr)")
        let profile = cli.run(["partners", "profile", "sfd-loans", "--lang", "vi"])
        #expect(profile.status == 0)
        #expect(profile.stdout.contains("Bằng chứng") && !profile.stdout.contains("Evidence") && !profile.stdout.contains("activities"))
    }
}
