import Dispatch
import Foundation
import PartnerMatchCore

/// Scores a stream of proposals against every partner, in chunks, so that memory does
/// not grow with the input: read a chunk, decode and rank it on `jobs` threads, write it
/// in input order, go on.
public final class BatchScorer {
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv
    }

    public struct Options: Sendable {
        public var top = 10
        public var explain = false
        /// A proposal is fundable when its best score is above this.
        public var minScore: Double?
        public var summary = false
        public var jobs = 2
        public var strict = false
        public var format = Format.jsonl
        public var language = Language.en
        public var chunkSize = 2048
        public init() {}
    }

    /// What a run did.
    public struct Outcome: Sendable {
        public var proposals = 0
        public var failed = 0
        public var fundable = 0
        /// True when `strict` stopped the run at the first bad record.
        public var stopped = false
    }

    /// Per-partner totals for `--summary`.
    struct Tally {
        var proposals = 0
        var budget = 0.0
    }

    let catalog: CompiledCatalog
    /// The catalog recompiled for each dated proposal's status year (`CatalogsByStatusYear`).
    let catalogs: CatalogsByStatusYear
    let options: Options
    private var tallies: [String: Tally] = [:]
    /// Each partner's name in the output language: JSON-quoted and as plain text, made
    /// once rather than looked up and copied out of its partner record per line.
    private let quotedNames: [String: [UInt8]]
    private let plainNames: [String: String]

    public init(catalog: CompiledCatalog, options: Options) {
        self.catalog = catalog
        self.catalogs = CatalogsByStatusYear(catalog)
        self.options = options
        var quoted: [String: [UInt8]] = [:], plain: [String: String] = [:]
        for p in catalog.partners {
            let name = p.name.text(options.language)
            plain[p.id] = name
            quoted[p.id] = Array(JSONText.quote(name).utf8)
        }
        quotedNames = quoted
        plainNames = plain
    }

    /// The CSV header row.
    public static let csvHeader = "proposal_id,rank,partner_id,partner_name,score,fundable,reasons,error\r\n"

    /// What the sequential part of a run needs to know of one scored record.
    private struct Scored {
        var failure: InputError?
        var fundable: Bool?
        /// Kept only for `--summary`.
        var ranking: Ranking?
    }

    /// Runs over the whole input. `write` receives output text in input order;
    /// `reportError` each bad record; `progress` the count so far after each chunk.
    /// - Throws: what `write` throws (a failed output write ends the run at once).
    public func run(reader: ProposalReader, write: (String) throws -> Void, reportError: (InputError) -> Void, progress: (Int) -> Void = { _ in }) throws -> Outcome {
        try run(reader: reader, writeBytes: { try write(String(decoding: $0, as: UTF8.self)) }, reportError: reportError, progress: progress)
    }

    /// `run`, with the output handed over as UTF-8 bytes, as it is rendered.
    public func run(reader: ProposalReader, writeBytes write: ([UInt8]) throws -> Void, reportError: (InputError) -> Void, progress: (Int) -> Void = { _ in }) throws -> Outcome {
        var outcome = Outcome()
        let decoder = reader.decoder
        if options.format == .csv { try write(Array(BatchScorer.csvHeader.utf8)) }
        var done = false
        var raws: [RawProposal] = []
        raws.reserveCapacity(options.chunkSize)
        while !done {
            raws.removeAll(keepingCapacity: true)
            while raws.count < options.chunkSize, let r = reader.nextRaw() { raws.append(r) }
            if raws.count < options.chunkSize { done = true }
            if raws.isEmpty { break }
            let records = parallelMap(raws) { decoder.decode($0) }
            // With --strict, stop at the first bad record: score what came before it.
            var usable = records[...]
            if options.strict, let bad = records.firstIndex(where: { if case .failure = $0.result { return true } else { return false } }) {
                usable = records[...bad]
                done = true
                outcome.stopped = true
            }
            // Rank and render on the worker threads, each its own contiguous part of the
            // chunk into its own buffer; only the tallies are sequential.
            let chunk = usable
            let parts: [(bytes: [UInt8], scored: [Scored])] = parallelParts(chunk.count) { range in
                var out: [UInt8] = []
                // About what a part's records take, never more than 4 MiB ahead (CSV with
                // --top 1000 writes a row per partner).
                out.reserveCapacity(min(range.count * 256 * (self.options.format == .csv ? self.options.top : 1), 1 << 22))
                var scored: [Scored] = []
                scored.reserveCapacity(range.count)
                for k in range { scored.append(self.score(chunk[chunk.startIndex + k], decoder: decoder, into: &out)) }
                return (out, scored)
            }
            var k = chunk.startIndex
            for part in parts {
                for result in part.scored {
                    let rec = chunk[k]
                    k += 1
                    outcome.proposals += 1
                    if let e = result.failure {
                        outcome.failed += 1
                        reportError(e)
                    } else if case .success(let need) = rec.result {
                        if result.fundable == true { outcome.fundable += 1 }
                        if options.summary, let ranking = result.ranking {
                            for e in ranking.entries {
                                tallies[e.partnerID, default: Tally()].proposals += 1
                                tallies[e.partnerID, default: Tally()].budget += need.budgetUSD
                            }
                        }
                    }
                }
            }
            for part in parts where !part.bytes.isEmpty { try write(part.bytes) }
            progress(outcome.proposals)
        }
        return outcome
    }

    /// Ranks one record and renders its output.
    private func score(_ rec: ProposalRecord, decoder: ProposalDecoder, into out: inout [UInt8]) -> Scored {
        switch rec.result {
        case .failure(let e):
            errorRecord(rec, e, into: &out)
            return Scored(failure: e)
        case .success(let need):
            let ranking = catalogs.catalog(for: need).rank(need, top: options.top, explain: options.explain)
            // "Fundable" means a partner scores above the bar, not merely at it, as
            // the score is shown (one decimal): 50.0 is not above --min-score 50.
            let best = ((ranking.entries.first?.score ?? 0) * 10).rounded() / 10
            let fundable = options.minScore.map { best > $0 }
            let mark = out.count
            do throws(JSONText.NonFiniteNumber) {
                try proposalRecord(rec, need, ranking, fundable, into: &out)
            } catch {
                // A number JSON cannot hold: this proposal fails, never a null.
                out.removeSubrange(mark...)
                let e = InputError(file: decoder.file, line: rec.line, record: "proposal \"\(need.id)\"", message: "\(error)")
                errorRecord(rec, e, into: &out)
                return Scored(failure: e)
            }
            return Scored(fundable: fundable, ranking: options.summary ? ranking : nil)
        }
    }

    private func parallelMap<T, R>(_ items: [T], _ body: (T) -> R) -> [R] {
        let jobs = max(1, min(options.jobs, items.count))
        if jobs == 1 { return items.map(body) }
        var out = [R?](repeating: nil, count: items.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            nonisolated(unsafe) let shared = base
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let f = body
                nonisolated(unsafe) let input = items
                DispatchQueue.concurrentPerform(iterations: jobs) { j in
                    var i = j * input.count / jobs
                    let end = (j + 1) * input.count / jobs
                    while i < end { (shared + i).pointee = f(input[i]); i += 1 }
                }
            }
        }
        return out.map { $0! }
    }

    /// `body` over `jobs` contiguous parts of `0..<count` at once; the results in order.
    private func parallelParts<R>(_ count: Int, _ body: (Range<Int>) -> R) -> [R] {
        let jobs = max(1, min(options.jobs, count))
        if jobs == 1 { return [body(0..<count)] }
        var out = [R?](repeating: nil, count: jobs)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let shared = buffer.baseAddress!
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let f = body
                DispatchQueue.concurrentPerform(iterations: jobs) { j in
                    (shared + j).pointee = f((j * count / jobs)..<((j + 1) * count / jobs))
                }
            }
        }
        return out.map { $0! }
    }

    private func name(_ id: String) -> String { plainNames[id] ?? catalog.partner(id: id)?.name.text(options.language) ?? id }

    private func reasons(_ e: RankedPartner) -> [String] {
        e.explanation.map { MeetingBrief.reasons($0, options.language) } ?? []
    }

    private func score(_ v: Double) throws(JSONText.NonFiniteNumber) -> String { try JSONText.number((v * 10).rounded() / 10) }

    /// - Throws: `JSONText.NonFiniteNumber` for a figure JSON cannot hold (validation
    ///   makes it impossible); the proposal then fails rather than showing `null`.
    private func proposalRecord(_ rec: ProposalRecord, _ need: Need, _ ranking: Ranking, _ fundable: Bool?, into out: inout [UInt8]) throws(JSONText.NonFiniteNumber) {
        switch options.format {
        case .jsonl:
            out.append(#"{"proposal_id":"#)
            out.appendQuoted(need.id)
            out.append(#","index":"#)
            out.appendInt(rec.index)
            out.append(#","line":"#)
            out.appendInt(rec.line)
            out.append(#","budget_usd":"#)
            try out.appendNumber(need.budgetUSD.rounded())
            if let fundable { out.append(fundable ? #","fundable":true"# : #","fundable":false"#) }
            out.append(#","rule":"#)
            out.appendQuoted(ranking.ruleName)
            out.append(#","excluded":"#)
            out.appendInt(ranking.excludedCount)
            out.append(ranking.hasStrongMatch ? #","strong_match":true"# : #","strong_match":false"#)
            if !rec.assumed.isEmpty || ranking.entries.isEmpty {
                for m in RankingNotes(assumed: rec.assumed, ranking: ranking, need: need, catalog: catalog).jsonMembers {
                    out.append(",")
                    out.appendQuoted(m.key)
                    out.append(":")
                    out.append(contentsOf: m.value.utf8)
                }
            }
            out.append(#","top":["#)
            for (n, e) in ranking.entries.enumerated() {
                if n > 0 { out.append(",") }
                out.append(#"{"rank":"#)
                out.appendInt(e.rank)
                out.append(#","partner_id":"#)
                out.appendQuoted(e.partnerID)
                out.append(#","partner_name":"#)
                if let q = quotedNames[e.partnerID] { out.append(contentsOf: q) } else { out.appendQuoted(name(e.partnerID)) }
                out.append(#","score":"#)
                try out.appendScore(e.score)
                out.append(#","strength":"#)
                out.appendQuoted(e.strength.rawValue)
                if options.explain {
                    let q = JSONText.quote
                    var t = ",\"reasons\":[" + reasons(e).map(q).joined(separator: ",") + "]"
                    if let x = e.explanation {
                        var features: [String] = []
                        for f in x.features { features.append("\(q(f.feature.rawValue)):\(try JSONText.number((f.contribution * 1000).rounded() / 1000))") }
                        t += ",\"features\":{" + features.joined(separator: ",") + "}"
                    }
                    out.append(contentsOf: t.utf8)
                }
                out.append("}")
            }
            out.append("]}\n")
        case .csv:
            let f = fundable.map { $0 ? "yes" : "no" } ?? ""
            if ranking.entries.isEmpty {
                let warning = AllExcludedWarning(ranking, need: need, catalog: catalog).map { $0.message.text(options.language) } ?? "no partner passes the filters"
                out.append(contentsOf: ([need.id, "", "", "", "", f, warning, ""].map { CSV.escape($0) }.joined(separator: ",") + "\r\n").utf8)
                return
            }
            for e in ranking.entries {
                out.append(contentsOf: ([need.id, String(e.rank), e.partnerID, name(e.partnerID), try score(e.score), f, reasons(e).joined(separator: "; "), ""].map { CSV.escape($0) }.joined(separator: ",") + "\r\n").utf8)
            }
        }
    }

    private func errorRecord(_ rec: ProposalRecord, _ e: InputError, into out: inout [UInt8]) {
        switch options.format {
        case .jsonl:
            let q = JSONText.quote
            var s = "{\"index\":\(rec.index),\"line\":\(e.line ?? rec.line)"
            if let c = e.column { s += ",\"column\":\(c)" }
            if let f = e.field, !f.isEmpty { s += ",\"field\":\(q(f))" }
            out.append(contentsOf: (s + ",\"error\":\(q(e.description))}\n").utf8)
        case .csv:
            out.append(contentsOf: (["", "", "", "", "", "", "", e.description].map { CSV.escape($0) }.joined(separator: ",") + "\r\n").utf8)
        }
    }

    /// Per partner, how many proposals rank it in their top k and their total budget
    /// (whole USD), most often ranked first: `--summary`, written apart from the
    /// per-proposal output so that each file holds one table.
    public func summaryTable() -> Table {
        let rows = tallies.sorted { $0.value.proposals != $1.value.proposals ? $0.value.proposals > $1.value.proposals : $0.key < $1.key }
        var t = Table(columns: [.init("partner_id", "Partner id"), .init("partner_name", "Partner", maxWidth: 48),
                                .init("proposals_in_top_\(options.top)", "Proposals in top \(options.top)", alignRight: true),
                                .init("budget_usd", "Their budget (USD)", alignRight: true)])
        for r in rows {
            t.rows.append([.text(r.key), .text(name(r.key)), .number(Double(r.value.proposals), String(r.value.proposals)),
                           .number(r.value.budget.rounded(), NumberFormat.grouped(r.value.budget))])
        }
        return t
    }

    /// The totals line of a summary: "120 proposals, 3 failed, 80 fundable (best score above 50)".
    public func summaryTotals(_ outcome: Outcome) -> String {
        var s = "\(outcome.proposals) proposals, \(outcome.failed) failed"
        if let m = options.minScore { s += ", \(outcome.fundable) fundable (best score above \(Rule.number(m)))" }
        return s
    }
}

/// Appending output text to a byte buffer without building intermediate strings.
extension [UInt8] {
    mutating func append(_ s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `s` as a JSON string, exactly as `JSONText.quote` writes it.
    mutating func appendQuoted(_ s: String) {
        var s = s
        let plain = s.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C { return false }
            append(0x22)
            append(contentsOf: bytes)
            append(0x22)
            return true
        }
        if !plain { append(contentsOf: JSONText.quote(s).utf8) }
    }

    mutating func appendInt(_ n: Int) {
        if n < 0 {
            append(0x2D)
            if n == .min { append(contentsOf: String(n).utf8.dropFirst()); return }
        }
        var v = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        Swift.withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = UInt8(v % 10) + 0x30
                v /= 10
                count += 1
            } while v > 0
            append(contentsOf: d[(20 - count)...])
        }
    }

    /// A number as `JSONText.number` writes it.
    mutating func appendNumber(_ d: Double) throws(JSONText.NonFiniteNumber) {
        guard d.isFinite else { throw JSONText.NonFiniteNumber(d) }
        if d == d.rounded() && abs(d) < 1e15 { appendInt(Int(d)) } else { append(contentsOf: "\(d)".utf8) }
    }

    /// A score shown with one decimal, as `JSONText.number((v * 10).rounded() / 10)`
    /// writes it: `63.5`, `70`. For tenths below a million, the shortest decimal that
    /// reads back as the rounded value is the one with a single decimal digit, which is
    /// what Swift prints; larger values go through `JSONText.number`.
    mutating func appendScore(_ v: Double) throws(JSONText.NonFiniteNumber) {
        let tenths = (v * 10).rounded()
        guard tenths.isFinite, abs(tenths) < 1e7 else {
            append(contentsOf: try JSONText.number(tenths / 10).utf8)
            return
        }
        let t = Int(tenths)
        if t % 10 == 0 { appendInt(t / 10); return }
        if t < 0 { append(0x2D) }
        appendInt(abs(t) / 10)
        append(0x2E)
        append(UInt8(abs(t) % 10) + 0x30)
    }
}
