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
        subcommands: [Init.self, Rank.self, Explain.self, Brief.self, Score.self, Eval.self, Truth.self, Tune.self, Rules.self, Partners.self, Needs.self, Sectors.self, Themes.self, Provinces.self, Import.self, Export.self, Evidence.self, Serve.self, MCP.self, Data.self]
    )

    /// Runs the command; every error becomes one `partnermatch: error: ...` line on
    /// stderr and a non-zero exit, never a stack trace.
    static func main() {
        // A closed descriptor gets /dev/null, so no file opened later takes its number;
        // output to a closed stdout is still an error (Output.closed).
        let closed = StandardDescriptors.reserveClosed()
        Output.closed = closed.contains(1)
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
        case let e as JSONText.NonFiniteNumber:
            printError(e.description)
            return 1
        default:
            let code = PartnerMatchCommand.exitCode(for: error)
            if code == .success {
                do { try Output.write(PartnerMatchCommand.fullMessage(for: error) + "\n") } catch { return report(error) }
                return 0
            }
            let message = PartnerMatchCommand.message(for: error)
            if error is CleanExit || message.isEmpty {
                do { try Output.write(PartnerMatchCommand.fullMessage(for: error) + "\n") } catch { return report(error) }
                return code.rawValue
            }
            printError(message.replacingOccurrences(of: "Error: ", with: ""))
            DescriptorWriter.standardError.writeIgnoringErrors("Run 'partnermatch help' or add --help for usage.\n")
            return code.rawValue
        }
    }

    static func printInput(_ errors: InputErrors) -> Int32 {
        let shown = errors.errors.prefix(20)
        for e in shown { printError(e.description) }
        if errors.errors.count > shown.count {
            DescriptorWriter.standardError.writeIgnoringErrors("partnermatch: \(errors.errors.count - shown.count) more errors not shown\n")
        }
        return 1
    }

    static func printError(_ message: String) {
        DescriptorWriter.standardError.writeIgnoringErrors("partnermatch: error: \(message)\n")
    }

    static func note(_ message: String) {
        DescriptorWriter.standardError.writeIgnoringErrors("partnermatch: \(message)\n")
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
