import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// The `partnermatch` command. Each subcommand lives in its own file as an extension.
@main
struct PartnerMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnermatch",
        abstract: "Match Vietnamese provincial project needs with foreign partners and development funds.",
        version: PartnerMatchVersion.string,
        subcommands: [Init.self, Rank.self, Explain.self, Brief.self, Score.self, Eval.self, Truth.self, Tune.self, Rules.self, Partners.self, Needs.self, Sectors.self, Themes.self, Provinces.self, Import.self, Export.self, Evidence.self, Serve.self, Data.self]
    )

    /// Runs the command; every error becomes one `partnermatch: error: ...` line on
    /// stderr and a non-zero exit, never a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            Foundation.exit(Diagnostics.report(error))
        }
    }
}

enum PartnerMatchVersion {
    static let string = "0.1.0"
}

/// Prints errors the way the user should see them.
enum Diagnostics {
    /// Prints `error` and returns the exit code.
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let e as StoreError:
            if case .input(let errs) = e { return printInput(errs) }
            printError(e.description)
            return 1
        case let e as InputErrors:
            return printInput(e)
        case let e as InputError:
            return printInput(InputErrors([e]))
        case let e as ExitCode:
            return e.rawValue
        case let e as CLIError:
            printError(e.message)
            return e.exitCode
        default:
            let code = PartnerMatchCommand.exitCode(for: error)
            if code == .success {
                print(PartnerMatchCommand.fullMessage(for: error))
                return 0
            }
            let message = PartnerMatchCommand.message(for: error)
            if error is CleanExit || message.isEmpty {
                print(PartnerMatchCommand.fullMessage(for: error))
                return code.rawValue
            }
            printError(message.replacingOccurrences(of: "Error: ", with: ""))
            FileHandle.standardError.write(Data("Run 'partnermatch help' or add --help for usage.\n".utf8))
            return code.rawValue
        }
    }

    static func printInput(_ errors: InputErrors) -> Int32 {
        let shown = errors.errors.prefix(20)
        for e in shown { printError(e.description) }
        if errors.errors.count > shown.count {
            FileHandle.standardError.write(Data("partnermatch: \(errors.errors.count - shown.count) more errors not shown\n".utf8))
        }
        return 1
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("partnermatch: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("partnermatch: \(message)\n".utf8))
    }
}

/// An error of the command line itself, with its message and exit code.
///
/// The convention (README, "Exit status"): 64 when the command line is wrong (a flag
/// missing, or a flag's value malformed or outside its vocabulary: the user retypes the
/// command); 1 when an input file, the stored catalog or a named record is wrong or
/// missing; 2 when `score` scored some records but not all.
struct CLIError: Error {
    var message: String
    var exitCode: Int32 = 1
    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    /// A usage error: exit status 64, like ArgumentParser's own.
    static func usage(_ message: String) -> CLIError { CLIError(message, exitCode: 64) }
}
