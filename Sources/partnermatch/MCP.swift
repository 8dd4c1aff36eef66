import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchService
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch mcp`: a Model Context Protocol server over stdin/stdout.
    struct MCP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mcp",
            abstract: "Serve the catalog to an AI assistant as an MCP server over stdio (see docs/mcp.md).",
            discussion: "Tools: rank_need, explain_pair, search_partners, list_needs, score_batch, write_brief. One JSON-RPC message per line on stdin and stdout, flushed at once; logs on stderr. Read-only. EOF ends the process with exit code 0.")

        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: ArgumentHelp("Longest message line accepted; longer lines are answered with an error and skipped.", valueName: "bytes"))
        var maxLineBytes: Int = 1 << 20

        func validate() throws {
            guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes \(maxLineBytes) is too small; expected at least 64") }
        }

        func run() throws {
            let ctx = try store.open()
            let session = try ServiceSession(data: ctx.data, reference: ctx.reference, store: ctx.store, allowWrites: false, threads: ProgramEnvironment.cores)
            let server = try MCPServer(session: session, version: PartnerMatchVersion.string)
            do { try server.warmUp() } catch { Diagnostics.note("default rule not compiled: \(error.message)") }
            Diagnostics.note("serving MCP on stdin/stdout (\(session.partners.count) partners, read-only)")
            let reader = LineReader(fileDescriptor: 0, maxLineBytes: maxLineBytes)
            while let line = reader.next() {
                let answer: String?
                switch line {
                case .line(let bytes, let number): answer = server.handle(line: bytes, number: number)
                case .tooLong(let bytes, let number): answer = server.rpc.tooLong(bytes: bytes, limit: maxLineBytes, number: number)
                }
                if let answer { try StdoutWriter.writeLine(answer) }
            }
            if let failure = reader.readFailure { throw StoreError.cannotRead("<stdin>", reason: failure) }
        }
    }
}
