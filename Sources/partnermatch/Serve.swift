import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchService
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch serve`: JSON-RPC 2.0 over standard input and output.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer JSON-RPC 2.0 requests on stdin, one per line (see docs/serve.md).",
            discussion: "One response per line on stdout, written before the server waits for more input; logs on stderr. Read-only unless --allow-writes. EOF ends the process with exit code 0.")

        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Allow needs.add and needs.remove to write to the database.") var allowWrites = false
        @Option(name: .long, help: ArgumentHelp("Longest request line accepted; longer lines are answered with an error and skipped.", valueName: "bytes"))
        var maxLineBytes: Int = 1 << 20
        @Option(name: .customLong("rules-dir"), help: ArgumentHelp("Accept rule files under this folder in the rule param (else only bundled rule names).", valueName: "dir"))
        var rulesDir: String?

        func validate() throws {
            guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes \(maxLineBytes) is too small; expected at least 64") }
        }

        func run() throws {
            let ctx = try store.open()
            let session = try ServiceSession(data: ctx.data, reference: ctx.reference, store: ctx.store, allowWrites: allowWrites, threads: ProgramEnvironment.cores)
            let server = RPCServer()
            CatalogMethods.register(on: server, session: session, version: PartnerMatchVersion.string)
            let ranking = try RankingMethods(session: session, rulesDirectory: rulesDir)
            ranking.register(on: server)
            do { try ranking.warmUp() } catch { Diagnostics.note("default rule not compiled: \(error.message)") }
            Diagnostics.note("serving JSON-RPC 2.0 on stdin/stdout (\(session.partners.count) partners\(allowWrites ? ", writes allowed" : ", read-only"))")
            let reader = LineReader(fileDescriptor: 0, maxLineBytes: maxLineBytes)
            // Answers wait in `pending` only while the next request is already read: before
            // the server waits for input, every answer so far is written (one write for a
            // run of piped requests, at once for a client that waits for each answer).
            var pending: [UInt8] = []
            while let line = reader.next() {
                let answer: String?
                switch line {
                case .line(let bytes, let number): answer = server.handle(line: bytes, number: number)
                case .tooLong(let bytes, let number): answer = server.tooLong(bytes: bytes, limit: maxLineBytes, number: number)
                }
                if let answer {
                    pending.append(contentsOf: answer.utf8)
                    pending.append(0x0A)
                }
                if !pending.isEmpty && (pending.count >= 1 << 16 || !reader.hasBufferedLine) {
                    try StdoutWriter.write(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            if !pending.isEmpty { try StdoutWriter.write(pending) }
            if let failure = reader.readFailure { throw StoreError.cannotRead("<stdin>", reason: failure) }
        }
    }
}

/// Writes straight to file descriptor 1 (no buffering), so each response reaches the
/// client at once. A failed write (a full disk, a client that has gone with SIGPIPE
/// ignored, a closed stdout) ends `serve` with an error and exit 1: answers that cannot
/// be delivered must not be dropped without a word.
enum StdoutWriter {
    static func writeLine(_ text: String) throws {
        try Output.write(text + "\n")
    }

    /// Answers already framed as lines.
    static func write(_ bytes: [UInt8]) throws {
        if Output.closed { throw StoreError.cannotWrite("standard output", reason: "it is closed") }
        try DescriptorWriter.standardOutput.write(bytes)
    }
}
