import Foundation
import Testing

/// `--help` of every command, as swift-argument-parser's own example tests check theirs:
/// the root help word for word (`Golden/help-root.txt`), and for every command and
/// subcommand it lists, a help that exits 0, says what the command is for, shows its
/// usage and documents every option and argument.
@Suite struct HelpTests {
    /// The names listed under SUBCOMMANDS.
    static func subcommands(_ help: String) -> [String] {
        guard let section = help.components(separatedBy: "\nSUBCOMMANDS:\n").dropFirst().first else { return [] }
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.dropFirst(2).prefix { $0 != " " }
            return name.isEmpty ? nil : String(name)
        }.filter { !$0.hasPrefix("See") }
    }

    /// Entries of OPTIONS and ARGUMENTS with no description: the label alone on its line
    /// and no continuation line under it.
    static func undocumented(_ help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var section = ""
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            if !line.hasPrefix(" ") && line.hasSuffix(":") { section = line; continue }
            guard section == "OPTIONS:" || section == "ARGUMENTS:", line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let words = line.split(separator: " ").drop { word in
                word.hasPrefix("-") || word.hasPrefix("<") || word.hasPrefix("[") || word == "..." || word.hasSuffix(">") || word.hasSuffix("]")
            }
            let continued = i + 1 < lines.count && lines[i + 1].hasPrefix(String(repeating: " ", count: 10))
            if words.isEmpty && !continued { out.append(line.trimmingCharacters(in: .whitespaces)) }
        }
        return out
    }

    @Test func rootHelp() {
        let r = CLI(initialised: false).run(["--help"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        CLI.assertGolden(r.stdout, "help-root.txt")
        #expect(Self.subcommands(r.stdout).starts(with: ["init", "rank", "explain", "brief", "score"]))
    }

    @Test func everyCommandHasAUsableHelp() {
        let cli = CLI(initialised: false)
        var commands = Self.subcommands(cli.run(["--help"]).stdout).map { [$0] }
        #expect(commands.count >= 15)
        var checked = 0
        while let command = commands.first {
            commands.removeFirst()
            let name = command.joined(separator: " ")
            let r = cli.run(command + ["--help"])
            #expect(r.status == 0, "\(name) --help: \(r.stderr)")
            #expect(r.stderr.isEmpty, "\(name) --help wrote to stderr")
            #expect(r.stdout.hasPrefix("OVERVIEW: "), "\(name) --help says nothing of what it is for")
            #expect(r.stdout.contains("USAGE: partnermatch \(name)"), "\(name) --help shows no usage")
            #expect(r.stdout.contains("  -h, --help"), "\(name) --help does not list --help")
            #expect(Self.undocumented(r.stdout) == [], "\(name): options without help")
            // `help NAME` prints the same text.
            #expect(cli.run(["help"] + command).stdout == r.stdout, "partnermatch help \(name)")
            commands += Self.subcommands(r.stdout).map { command + [$0] }
            checked += 1
        }
        #expect(checked >= 30)
    }

    @Test func theHelpReaderFindsUndocumentedEntries() {
        let help =
            "OVERVIEW: x\n\nUSAGE: partnermatch x\n\nOPTIONS:\n  --top <n>               How many. (default: 5)\n  --evidence-until <year> Evidence up to.\n  --silent\n  --very-long-option-name <value>\n                          Described below.\n  -h, --help              Show help information.\n\nSUBCOMMANDS:\n  list                    List.\n  show\n\n  See 'partnermatch help x <subcommand>' for detailed help.\n"
        #expect(Self.undocumented(help) == ["--silent"])
        #expect(Self.subcommands(help) == ["list", "show"])
    }

    @Test func versionIsOneLine() {
        let r = CLI(initialised: false).run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 1 && r.stdout.first?.isNumber == true, "\(r.stdout)")
    }
}
