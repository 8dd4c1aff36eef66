import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchService
import PartnerMatchStore

extension BatchScorer.Format: ExpressibleByArgument {}
extension ProposalReader.Format: ExpressibleByArgument {}

extension PartnerMatchCommand {
    /// `partnermatch score FILE`: batch scoring of proposals.
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank every partner for each proposal of a file (JSON Lines, CSV or a JSON array).",
            discussion: """
                Output follows input order: JSON Lines (one object per proposal) or CSV (one row per proposal and partner).
                A bad record is reported on stderr and as an error record in the output, and the rest is scored.
                Exit status: 0 when every record was scored, 2 when some records failed, 1 on a fatal error.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var ruleOptions: RuleOptions
        @Argument(help: "The proposals file, or - for standard input.") var file: String
        @Option(help: "How many partners per proposal.") var top: Int = 5
        @Flag(help: "Add each partner's reasons and feature contributions.") var explain = false
        @Option(name: .customLong("min-score"), help: ArgumentHelp("Mark a proposal fundable when its best score is above this (0-100).", valueName: "score")) var minScore: Double?
        @Flag(help: "Print on stderr, per partner, how many proposals rank it in their top k and their total budget.") var summary = false
        @Option(name: .customLong("summary-out"), help: ArgumentHelp("Write that summary to this file instead (.csv, else JSON).", valueName: "file")) var summaryOut: String?
        @Flag(help: "Start CSV output with a UTF-8 byte-order mark (for Excel).") var bom = false
        @Option(help: ArgumentHelp("Worker threads, 1-256 (default: one per core).", valueName: "n")) var jobs: Int?
        @Flag(help: "Stop at the first bad record.") var strict = false
        @Option(help: ArgumentHelp("Output: jsonl or csv.", valueName: "format")) var format: BatchScorer.Format = .jsonl
        @Option(name: .customLong("input-format"), help: ArgumentHelp("Input: jsonl, csv or json (else from the extension or content).", valueName: "format")) var inputFormat: ProposalReader.Format?
        @Option(help: ArgumentHelp("CSV input separator: comma, semicolon or tab (default: told from the header line).", valueName: "sep")) var delimiter: CSV.Delimiter?
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
        @Flag(help: "No progress bar.") var quiet = false
        @Option(help: ArgumentHelp("en or vi.", valueName: "lang")) var lang: Language = .en

        func validate() throws {
            guard (1...1000).contains(top) else { throw ValidationError("--top \(top) is out of range; expected 1-1000") }
            if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs \(jobs) is out of range; expected 1-256") }
            if let m = minScore, !(m.isFinite && m >= 0 && m <= 100) { throw ValidationError("--min-score \(m) is out of range; expected 0-100") }
        }

        func run() throws {
            let ctx = try store.open()
            let rule = try ruleOptions.load(ctx)
            // Past evidence up to --evidence-until only: a backtest of past proposals
            // must not see the projects that followed them.
            let catalog = try ctx.compile(rule, evidenceUntil: ruleOptions.evidenceUntil)
            let reader = try ProposalReader(path: file, format: inputFormat, reference: ctx.reference, delimiter: delimiter)
            try reader.readHeader()
            var options = BatchScorer.Options()
            options.top = top
            options.explain = explain
            options.minScore = minScore
            options.summary = summary || summaryOut != nil
            options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            options.strict = strict
            options.format = format
            options.language = lang
            let sink = try OutputSink(path: out)
            defer { sink.abandon() }
            if bom && format == .csv { try sink.write("\u{FEFF}") }
            let progress = ProgressBar(enabled: !quiet && isatty(2) == 1, totalBytes: file == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil)
            let scorer = BatchScorer(catalog: catalog, options: options)
            let outcome = try scorer.run(
                reader: reader,
                writeBytes: { try sink.write(bytes: $0) },
                reportError: { Diagnostics.printError($0.description) },
                progress: { progress.update(count: $0, bytes: reader.bytesRead) })
            progress.finish(count: outcome.proposals)
            if let failure = reader.readFailure {
                throw StoreError.cannotRead(file == "-" ? "<stdin>" : file, reason: "\(failure); the input ended early, after \(outcome.proposals) records")
            }
            try sink.close()
            if let summaryOut {
                let csv = summaryOut.lowercased().hasSuffix(".csv")
                try FileIO.write(scorer.summaryTable().render(csv ? .csv : .json, bom: bom), to: summaryOut)
                Diagnostics.note("wrote the summary to \(summaryOut): \(scorer.summaryTotals(outcome))")
            } else if summary {
                FileHandle.standardError.write(Foundation.Data(("partnermatch: summary: " + scorer.summaryTotals(outcome) + "\n" + scorer.summaryTable().renderPlain(.table)).utf8))
            }
            if outcome.proposals == 0 { Diagnostics.note("\(file == "-" ? "<stdin>" : file): no proposals to score") }
            if outcome.failed > 0 {
                Diagnostics.note("\(outcome.failed) of \(outcome.proposals) records failed\(outcome.stopped ? " (stopped at the first: --strict)" : "")")
                throw ExitCode(2)
            }
        }
    }
}

/// Buffered output to a file (written beside it, renamed into place at the end) or to
/// stdout. Every write is checked; when the command fails, `abandon` removes the
/// unfinished file, so no `FILE.partial-PID` is ever left behind.
final class OutputSink {
    private let writer: DescriptorWriter
    private let temp: String?
    private let final: String?
    private var buffer: [UInt8] = []
    private var closed = false

    init(path: String?) throws {
        if let path {
            let t = path + ".partial-\(getpid())"
            let fd = open(t, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw StoreError.cannotWrite(path, reason: String(cString: strerror(errno)))
            }
            writer = DescriptorWriter(fileDescriptor: fd, name: path)
            temp = t
            final = path
        } else {
            if Output.closed { throw StoreError.cannotWrite("standard output", reason: "it is closed") }
            writer = .standardOutput
            temp = nil
            final = nil
        }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(bytes: [UInt8]) throws {
        if buffer.isEmpty && bytes.count >= 1 << 16 { try writer.write(bytes); return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try writer.write(buffer)
    }

    func close() throws {
        try flush()
        closed = true
        if let temp, let final {
            do { try writer.syncAndClose() } catch {
                unlink(temp)
                throw error
            }
            guard rename(temp, final) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temp)
                throw StoreError.cannotWrite(final, reason: reason)
            }
        }
    }

    /// Removes the unfinished file unless `close` succeeded.
    func abandon() {
        guard !closed else { return }
        closed = true
        if let temp {
            writer.discard()
            unlink(temp)
        }
    }
}

/// A one-line progress bar on stderr: count, rate and ETA (when the size is known).
/// `score` counts proposals, `evidence import` activities; `eval` counts steps of a known
/// total (`step`).
final class ProgressBar {
    let enabled: Bool
    let totalBytes: Int?
    let unit: String
    let start = Date()
    var last = Date.distantPast

    init(enabled: Bool, totalBytes: Int?, unit: String = "proposals") {
        self.enabled = enabled
        self.totalBytes = totalBytes
        self.unit = unit
    }

    /// Shown only when stderr is a terminal and `quiet` is off.
    static func onTerminal(quiet: Bool = false) -> Bool { !quiet && isatty(2) == 1 }

    /// `done` of `total` steps of `label`, with a bar and the time so far.
    func step(_ label: String, done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let elapsed = Date().timeIntervalSince(start)
        let width = 24
        let filled = min(width, done * width / total)
        DescriptorWriter.standardError.writeIgnoringErrors("\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) · \(String(format: "%.0f", elapsed)) s\u{1B}[K")
    }

    /// Clears the line `step` drew.
    func clear() {
        guard enabled else { return }
        DescriptorWriter.standardError.writeIgnoringErrors("\r\u{1B}[K")
    }

    func update(count: Int, bytes: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        var line = "\r\(NumberFormat.grouped(Double(count))) \(unit) · \(NumberFormat.grouped(Double(count) / elapsed))/s"
        if let total = totalBytes, total > 0, bytes > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            let eta = elapsed / fraction - elapsed
            line += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(Int(fraction * 100))% · ETA \(Int(eta) / 60):\(String(format: "%02d", Int(eta) % 60))"
        }
        DescriptorWriter.standardError.writeIgnoringErrors(line + "   ")
    }

    func finish(count: Int) {
        guard enabled else { return }
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        DescriptorWriter.standardError.writeIgnoringErrors("\r\(NumberFormat.grouped(Double(count))) \(unit) in \(String(format: "%.1f", elapsed)) s (\(NumberFormat.grouped(Double(count) / elapsed))/s)\u{1B}[K\n")
    }
}
