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

    public init(catalog: CompiledCatalog, options: Options) {
        self.catalog = catalog
        self.catalogs = CatalogsByStatusYear(catalog)
        self.options = options
    }

    /// The CSV header row.
    public static let csvHeader = "proposal_id,rank,partner_id,partner_name,score,fundable,reasons,error\r\n"

    /// Runs over the whole input. `write` receives output text in input order;
    /// `reportError` each bad record; `progress` the count so far after each chunk.
    /// - Throws: what `write` throws (a failed output write ends the run at once).
    public func run(reader: ProposalReader, write: (String) throws -> Void, reportError: (InputError) -> Void, progress: (Int) -> Void = { _ in }) throws -> Outcome {
        var outcome = Outcome()
        let decoder = reader.decoder
        if options.format == .csv { try write(BatchScorer.csvHeader) }
        var done = false
        while !done {
            var raws: [RawProposal] = []
            raws.reserveCapacity(options.chunkSize)
            while raws.count < options.chunkSize, let r = reader.nextRaw() { raws.append(r) }
            if raws.count < options.chunkSize { done = true }
            if raws.isEmpty { break }
            let records = parallelMap(raws) { decoder.decode($0) }
            // With --strict, stop at the first bad record: score what came before it.
            var usable = records
            if options.strict, let bad = records.firstIndex(where: { if case .failure = $0.result { return true } else { return false } }) {
                usable = Array(records[...bad])
                done = true
                outcome.stopped = true
            }
            // Rank and render on the worker threads; only the tallies are sequential.
            let scored: [(text: String, ranking: Ranking?, fundable: Bool?, failure: InputError?)] = parallelMap(usable) { rec in
                switch rec.result {
                case .failure(let e):
                    return (self.errorRecord(rec, e), nil, nil, e)
                case .success(let need):
                    let ranking = self.catalogs.catalog(for: need).rank(need, top: self.options.top, explain: self.options.explain)
                    // "Fundable" means a partner scores above the bar, not merely at it, as
                    // the score is shown (one decimal): 50.0 is not above --min-score 50.
                    let best = ((ranking.entries.first?.score ?? 0) * 10).rounded() / 10
                    let fundable = self.options.minScore.map { best > $0 }
                    do { return (try self.proposalRecord(rec, need, ranking, fundable), ranking, fundable, nil) } catch {
                        // A number JSON cannot hold: this proposal fails, never a null.
                        let e = InputError(file: decoder.file, line: rec.line, record: "proposal \"\(need.id)\"", message: "\(error)")
                        return (self.errorRecord(rec, e), nil, nil, e)
                    }
                }
            }
            var text = ""
            text.reserveCapacity(scored.reduce(0) { $0 + $1.text.utf8.count })
            for (rec, result) in zip(usable, scored) {
                outcome.proposals += 1
                text += result.text
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
            try write(text)
            progress(outcome.proposals)
        }
        return outcome
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

    private func name(_ id: String) -> String { catalog.partner(id: id)?.name.text(options.language) ?? id }

    private func reasons(_ e: RankedPartner) -> [String] {
        e.explanation.map { MeetingBrief.reasons($0, options.language) } ?? []
    }

    private func score(_ v: Double) throws(JSONText.NonFiniteNumber) -> String { try JSONText.number((v * 10).rounded() / 10) }

    /// - Throws: `JSONText.NonFiniteNumber` for a figure JSON cannot hold (validation
    ///   makes it impossible); the proposal then fails rather than showing `null`.
    private func proposalRecord(_ rec: ProposalRecord, _ need: Need, _ ranking: Ranking, _ fundable: Bool?) throws(JSONText.NonFiniteNumber) -> String {
        let q = JSONText.quote
        switch options.format {
        case .jsonl:
            var s = "{\"proposal_id\":\(q(need.id)),\"index\":\(rec.index),\"line\":\(rec.line),\"budget_usd\":\(try JSONText.number(need.budgetUSD.rounded()))"
            if let fundable { s += ",\"fundable\":\(fundable)" }
            s += ",\"rule\":\(q(ranking.ruleName)),\"excluded\":\(ranking.excludedCount),\"strong_match\":\(ranking.hasStrongMatch)"
            for m in RankingNotes(assumed: rec.assumed, ranking: ranking, need: need, catalog: catalog).jsonMembers { s += ",\(q(m.key)):\(m.value)" }
            s += ",\"top\":["
            var entries: [String] = []
            for e in ranking.entries {
                var t = "{\"rank\":\(e.rank),\"partner_id\":\(q(e.partnerID)),\"partner_name\":\(q(name(e.partnerID))),\"score\":\(try score(e.score)),\"strength\":\(q(e.strength.rawValue))"
                if options.explain {
                    t += ",\"reasons\":[" + reasons(e).map(q).joined(separator: ",") + "]"
                    if let x = e.explanation {
                        var features: [String] = []
                        for f in x.features { features.append("\(q(f.feature.rawValue)):\(try JSONText.number((f.contribution * 1000).rounded() / 1000))") }
                        t += ",\"features\":{" + features.joined(separator: ",") + "}"
                    }
                }
                entries.append(t + "}")
            }
            s += entries.joined(separator: ",")
            return s + "]}\n"
        case .csv:
            let f = fundable.map { $0 ? "yes" : "no" } ?? ""
            if ranking.entries.isEmpty {
                let warning = AllExcludedWarning(ranking, need: need, catalog: catalog).map { $0.message.text(options.language) } ?? "no partner passes the filters"
                return [need.id, "", "", "", "", f, warning, ""].map { CSV.escape($0) }.joined(separator: ",") + "\r\n"
            }
            var out = ""
            for e in ranking.entries {
                out += [need.id, String(e.rank), e.partnerID, name(e.partnerID), try score(e.score), f, reasons(e).joined(separator: "; "), ""].map { CSV.escape($0) }.joined(separator: ",") + "\r\n"
            }
            return out
        }
    }

    private func errorRecord(_ rec: ProposalRecord, _ e: InputError) -> String {
        switch options.format {
        case .jsonl:
            let q = JSONText.quote
            var s = "{\"index\":\(rec.index),\"line\":\(e.line ?? rec.line)"
            if let c = e.column { s += ",\"column\":\(c)" }
            if let f = e.field, !f.isEmpty { s += ",\"field\":\(q(f))" }
            return s + ",\"error\":\(q(e.description))}\n"
        case .csv:
            return ["", "", "", "", "", "", "", e.description].map { CSV.escape($0) }.joined(separator: ",") + "\r\n"
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
