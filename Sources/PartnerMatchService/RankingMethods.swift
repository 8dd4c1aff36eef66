import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// The ranking methods of `serve`: `rank`, `score`, `explain`, `rules.list`. Rules are
/// compiled with the catalog once and kept until `catalog.reload`.
public final class RankingMethods {
    let session: ServiceSession
    let rules: RuleLibrary
    let resolver: RuleResolver
    /// Compiled catalogs by rule identity, the least recently used dropped first.
    private var compiled: LRUCache<String, CatalogsByStatusYear>
    /// The JSON of each partner's name and id, written once: `rank` answers are mostly these.
    private var fragments: [String: String] = [:]
    /// Each partner's name (nil: not in the catalog), for the verdict of `rank` answers.
    private var names: [String: LocalizedText?] = [:]
    /// Bundled rule names already resolved (a real path each, which costs system calls
    /// per request otherwise); rule files under `--rules-dir` are resolved every time, so
    /// that an edited file is seen.
    private var bundledRules: [String: RuleResolver.Resolved] = [:]

    /// - Parameters:
    ///   - rulesDirectory: the folder of `--rules-dir`; without it only bundled rule
    ///     names are accepted.
    ///   - cacheSize: how many compiled rules are kept.
    public init(session: ServiceSession, rulesDirectory: String? = nil, cacheSize: Int = 8) throws(StoreError) {
        self.session = session
        rules = RuleLibrary(data: session.data)
        resolver = try RuleResolver(library: rules, directory: rulesDirectory)
        compiled = LRUCache(capacity: cacheSize)
        session.onReload.append { [weak self] _ in
            self?.compiled.removeAll()
            self?.fragments.removeAll()
            self?.names.removeAll()
            self?.bundledRules.removeAll()
        }
    }

    /// The catalog compiled for a rule name (or a file under `--rules-dir`), compiled on
    /// first use and kept while it is among the most recently used.
    func catalog(_ rule: String?) throws(JSONRPC.Failure) -> CompiledCatalog { try catalogs(rule).base }

    /// The catalog that ranks `need` under a rule: its windows' statuses as of the need's
    /// year (`CompiledCatalog.statusYear`), each year compiled once and kept with the rule.
    func catalog(_ rule: String?, for need: Need) throws(JSONRPC.Failure) -> CompiledCatalog { try catalogs(rule).catalog(for: need) }

    /// The rule's catalogs by status year, compiled on first use.
    func catalogs(_ rule: String?) throws(JSONRPC.Failure) -> CatalogsByStatusYear {
        let name = rule ?? "default"
        let resolved: RuleResolver.Resolved
        if let known = bundledRules[name] { resolved = known } else {
            resolved = try resolver.resolve(rule)
            if resolved.key.hasPrefix("bundled:") && bundledRules.count < 64 { bundledRules[name] = resolved }
        }
        if let c = compiled.get(resolved.key) { return c }
        let r: Rule
        do { r = try rules.load(file: resolved.file) } catch {
            let shown = JSONRPC.clip(rule ?? "default")
            guard case .input(let errors) = error, let e = errors.errors.first else {
                throw JSONRPC.Failure(.unknownRule, "Unknown rule \"\(shown)\"; the file cannot be read", data: ["rule": shown])
            }
            // The place and the field, never the file's bytes: a syntax error says where only.
            let place = [e.line.map { "line \($0)" }, e.column.map { "column \($0)" }].compactMap { $0 }.joined(separator: ", ")
            let what = e.field.map { "\($0): \(e.message)" } ?? "not a JSON rule file"
            throw JSONRPC.Failure(.invalidRule, "Invalid rule \"\(shown)\"" + (place.isEmpty ? "" : " at \(place)") + ": \(what)", data: ["rule": shown])
        }
        var evidence: [String: EvidenceSummary] = [:]
        if r.features.used.contains(where: \.isEvidence) {
            evidence = try session.storeCall { () throws(StoreError) in try session.store.evidenceSummaries(until: nil) }
        }
        let c = CatalogsByStatusYear(CompiledCatalog(hashed: session.hashedPartners, reference: session.reference, rule: r, evidence: evidence))
        compiled.set(resolved.key, c)
        return c
    }

    /// How many compiled rules are cached (for tests).
    var compiledCount: Int { compiled.count }

    /// Compiles the default rule now, so that the first request is fast.
    public func warmUp() throws(JSONRPC.Failure) { _ = try catalog(nil) }

    /// A need given as a stored id or inline (see `InlineNeed`).
    enum NeedRef: Decodable {
        case id(String)
        case inline(InlineNeed)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let id = try? c.decode(String.self) { self = .id(id); return }
            self = .inline(try c.decode(InlineNeed.self))
        }
    }

    /// The need, validated, and what was assumed to complete an inline one.
    func need(_ ref: NeedRef, field: String) throws(JSONRPC.Failure) -> (need: Need, assumed: [AssumedDefault]) {
        switch ref {
        case .id(let id): return (try session.need(id: id), [])
        case .inline(let inline):
            func invalid(_ issue: ValidationIssue) -> JSONRPC.Failure {
                JSONRPC.Failure(.invalidNeed, "Invalid need: \(field).\(issue.field): \(issue.message)", data: ["field": "\(field).\(issue.field)"])
            }
            let built: (need: Need, assumed: [AssumedDefault])
            do throws(ValidationIssue) { built = try inline.need(rates: session.reference.rates) } catch { throw invalid(error) }
            do throws(ValidationIssues) { return (try Validator(reference: session.reference).validate(built.need), built.assumed) } catch {
                throw invalid(error.issues[0])
            }
        }
    }

    struct RankParams: Decodable {
        var need: NeedRef
        init(need: NeedRef) { self.need = need }
        var rule: String?
        /// Several rules side by side (instead of `rule`).
        var rules: [String]?
        var top: Int?
        var explain: Bool?
        var showExcluded: Bool?
    }

    /// The params of a plain `rank` request (a stored need's id, with any of `rule`,
    /// `top`, `explain`, `showExcluded` of their types) read straight from the parsed
    /// members: most requests of a busy server. Nil for anything else, which the decoder
    /// reads (and reports on) as before.
    static func plainRankParams(_ params: JSONValue?) -> RankParams? {
        guard case .object(let members)? = params?.node else { return nil }
        var p = RankParams(need: .id(""))
        var hasNeed = false
        for m in members {
            switch (m.key, m.value.node) {
            case ("need", .string(let s)): p.need = .id(s); hasNeed = true
            case ("rule", .string(let s)): p.rule = s
            case ("top", .number(let d, let text)):
                guard text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                p.top = Int(d)
            case ("explain", .bool(let b)): p.explain = b
            case ("showExcluded", .bool(let b)): p.showExcluded = b
            default: return nil
            }
        }
        return hasNeed ? p : nil
    }

    struct ScoreParams: Decodable {
        var needs: [NeedRef]
        var rule: String?
        var top: Int?
        var explain: Bool?
    }

    struct ExplainParams: Decodable {
        var need: NeedRef
        var partner: String
        var rule: String?
    }

    static func top(_ t: Int?, field: String = "params.top") throws(JSONRPC.Failure) -> Int {
        let v = t ?? 10
        guard (1...1000).contains(v) else { throw JSONRPC.Failure(.invalidParams, "Invalid params: \(field): \(v) is out of range; expected a whole number from 1 to 1000", data: ["field": field]) }
        return v
    }

    /// The JSON of a ranking, identical to `JSONRPC.encode(RankingResult(r, c))` (keys
    /// sorted), written by hand for the common case without explanations.
    func json(_ r: Ranking, _ c: CompiledCatalog, _ notes: RankingNotes = RankingNotes()) throws(JSONRPC.Failure) -> String {
        if !r.excluded.isEmpty || r.entries.contains(where: { $0.explanation != nil }) || notes.allExcluded != nil { return try JSONRPC.encode(RankingResult(r, c, notes)) }
        // Keys in order, as the encoder sorts them: the notes' members go where they sort.
        let members = notes.jsonMembers
        var s = "{"
        for m in members where m.key < "catalogSHA256" { s += JSONText.quote(m.key) + ":" + m.value + "," }
        s += "\"catalogSHA256\":\"" + r.catalogHash + "\",\"entries\":["
        s.reserveCapacity(256 + r.entries.count * 200)
        for (i, e) in r.entries.enumerated() {
            if i > 0 { s.append(",") }
            if let f = fragments[e.partnerID] { s.append(f) } else {
                let name = c.partner(id: e.partnerID)?.name ?? LocalizedText(en: e.partnerID)
                let f = "{\"name\":" + RankingResult.text(name) + ",\"partner\":" + JSONText.quote(e.partnerID) + ",\"rank\":"
                fragments[e.partnerID] = f
                s.append(f)
            }
            s.append(String(e.rank))
            s.append(",\"score\":")
            s.append(try JSONRPC.number((e.score * 100).rounded() / 100))
            s.append(",\"strength\":\"" + e.strength.rawValue + "\"}")
        }
        s.append("],\"excludedCount\":\(r.excludedCount),\"need\":" + JSONText.quote(r.needID) + ",\"partnerCount\":\(r.partnerCount)")
        s.append(",\"rule\":{\"name\":" + JSONText.quote(r.ruleName) + ",\"version\":" + JSONText.quote(r.ruleVersion) + "}")
        s.append(",\"strongMatch\":\(r.hasStrongMatch)")
        if let v = RankingResult.verdict(r, names: { id in
            if let n = self.names[id] { return n }
            let n = c.partner(id: id)?.name
            self.names[id] = n
            return n
        }) { s.append(",\"verdict\":" + RankingResult.text(v)) }
        for m in members where m.key > "rule" { s += "," + JSONText.quote(m.key) + ":" + m.value }
        return s + "}"
    }

    /// `rank` with `rules`: each partner's rank and score under each rule, for the
    /// partners in the first `top` of any (`RuleSideBySide`).
    func sideBySide(_ need: Need, assumed: [AssumedDefault], rules: [String], rule: String?, top: Int, explain: Bool?, showExcluded: Bool?) throws(JSONRPC.Failure) -> String {
        func invalid(_ message: String) -> JSONRPC.Failure { JSONRPC.Failure(.invalidParams, "Invalid params: params.rules: \(message)", data: ["field": "params.rules"]) }
        guard rule == nil else { throw invalid("give either rule or rules, not both") }
        guard (1...10).contains(rules.count) else { throw invalid("\(rules.count) rules; expected 1 to 10") }
        if let dup = rules.enumerated().first(where: { rules[..<$0.offset].contains($0.element) }) { throw invalid("\"\(dup.element)\" is given twice") }
        if explain == true || showExcluded == true { throw invalid("explain and showExcluded apply to one rule") }
        var rankings: [Ranking] = []
        var catalogs: [CompiledCatalog] = []
        for r in rules {
            let c = try catalog(r, for: need)
            catalogs.append(c)
            rankings.append(c.rank(need, top: max(c.partners.count, 1)))
        }
        let names = RuleSideBySide.uniqueNames(rankings.map(\.ruleName), arguments: rules)
        let view = RuleSideBySide(rankings: rankings, names: names, top: top)
        let result = SideBySideResult(
            need: need.id,
            rules: zip(names, rankings).map { .init(name: $0, version: $1.ruleVersion, catalogSHA256: $1.catalogHash) },
            top: top,
            partners: view.rows.map { row in
                .init(partner: row.partnerID, name: catalogs[0].partner(id: row.partnerID)?.name ?? LocalizedText(en: row.partnerID),
                      placements: zip(names, row.placements).map { name, p in
                          .init(rule: name, rank: p?.rank, score: p.map { ($0.score * 100).rounded() / 100 }, excluded: p == nil ? true : nil)
                      })
            },
            assumed: assumed.isEmpty ? nil : assumed.map { .init(field: $0.field, value: $0.value, why: $0.why) })
        return try JSONRPC.encode(result)
    }

    public func register(on server: RPCServer) {
        server.register("rank") { params throws(JSONRPC.Failure) in
            let p: RankParams
            if let plain = RankingMethods.plainRankParams(params) { p = plain } else { p = try RPCParams.decode(RankParams.self, params) }
            let top = try RankingMethods.top(p.top)
            let (need, assumed) = try self.need(p.need, field: "params.need")
            if let rules = p.rules { return try self.sideBySide(need, assumed: assumed, rules: rules, rule: p.rule, top: top, explain: p.explain, showExcluded: p.showExcluded) }
            let c = try self.catalog(p.rule, for: need)
            let ranking = c.rank(need, top: top, explain: p.explain ?? false, showExcluded: p.showExcluded ?? false)
            return try self.json(ranking, c, RankingNotes(assumed: assumed, ranking: ranking, need: need, catalog: c))
        }
        server.register("score") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(ScoreParams.self, params)
            let top = try RankingMethods.top(p.top)
            guard p.needs.count <= 10_000 else { throw JSONRPC.Failure(.invalidParams, "Invalid params: params.needs: \(p.needs.count) needs; expected at most 10000 per request", data: ["field": "params.needs"]) }
            var needs: [Need] = []
            var assumed: [[AssumedDefault]] = []
            for (i, ref) in p.needs.enumerated() {
                let n = try self.need(ref, field: "params.needs[\(i)]")
                needs.append(n.need)
                assumed.append(n.assumed)
            }
            let byYear = try self.catalogs(p.rule)
            let c = byYear.base
            let rankings: [Ranking]
            if p.explain ?? false {
                rankings = needs.map { byYear.catalog(for: $0).rank($0, top: top, explain: true) }
            } else {
                // One batch per status year, back in request order.
                var out = [Ranking?](repeating: nil, count: needs.count)
                let groups = Dictionary(grouping: needs.indices) { c.statusYear(of: needs[$0]) }
                for members in groups.values {
                    let catalog = byYear.catalog(for: needs[members[0]])
                    for (i, r) in zip(members, catalog.rank(members.map { needs[$0] }, top: top, threads: self.session.threads)) { out[i] = r }
                }
                rankings = out.map { $0! }
            }
            var parts: [String] = []
            for i in rankings.indices { parts.append(try self.json(rankings[i], c, RankingNotes(assumed: assumed[i], ranking: rankings[i], need: needs[i], catalog: c))) }
            return "[" + parts.joined(separator: ",") + "]"
        }
        server.register("explain") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(ExplainParams.self, params)
            let need = try self.need(p.need, field: "params.need").need
            let c = try self.catalog(p.rule, for: need)
            guard let x = c.explain(need, partnerID: p.partner) else {
                let near = TextFolding.nearest(p.partner, among: c.partners.map(\.id))
                throw JSONRPC.Failure(.unknownPartner, "Unknown partner \"\(JSONRPC.clip(p.partner))\"", data: near.isEmpty ? ["id": JSONRPC.clip(p.partner)] : ["id": JSONRPC.clip(p.partner), "suggestions": near.joined(separator: ",")])
            }
            return try JSONRPC.encode(ExplanationResult(x, c))
        }
        server.register("rules.list") { params throws(JSONRPC.Failure) in
            try RPCParams.none(params)
            struct R: Encodable { var name: String; var version: String; var description: String?; var file: String; var weights: [String: Double] }
            let all: [(file: String, rule: Rule)]
            do { all = try self.rules.all() } catch { throw JSONRPC.Failure(.invalidRule, "Invalid rule: \(error)") }
            return try JSONRPC.encode(all.map { f, r in
                R(name: r.name, version: r.version, description: r.description, file: "rules/" + (f as NSString).lastPathComponent,
                  weights: Dictionary(uniqueKeysWithValues: r.features.used.map { ($0.rawValue, r.features.weight($0)) }))
            })
        }
    }
}

/// A ranking as the service returns it (see `RankingMethods.json` for the fast path).
struct RankingResult: Encodable {
    struct Entry: Encodable {
        var rank: Int
        var partner: String
        var name: LocalizedText
        var score: Double
        var strength: String
        var features: [ExplanationResult.FeatureResult]?
    }

    struct Excluded: Encodable {
        var partner: String
        var filter: String
        var code: String
        var reason: LocalizedText
    }

    var need: String
    var rule: [String: String]
    var catalogSHA256: String
    var partnerCount: Int
    var excludedCount: Int
    var entries: [Entry]
    var excluded: [Excluded]?
    var assumed: [Assumed]?
    var warning: Warning?
    /// False when no shown partner is a strong match; `verdict` then says so.
    var strongMatch: Bool
    var verdict: LocalizedText?

    struct Assumed: Encodable {
        var field: String
        var value: String
        var why: String
    }

    /// `AllExcludedWarning`, as `AllExcludedWarning.json` writes it.
    struct Warning: Encodable {
        struct Ticket: Encodable {
            var partner: String
            var instrument: String
            var min: Double
            var max: Double
            var factor: Double
            var excludedBy: String?
            var excludedReason: LocalizedText?
        }
        var code: String
        var message: LocalizedText
        var nearestTickets: [Ticket]

        init(_ w: AllExcludedWarning) {
            code = AllExcludedWarning.code
            message = w.message
            nearestTickets = w.nearest.map {
                Ticket(partner: $0.partnerID, instrument: $0.instrument.rawValue, min: $0.min, max: $0.max,
                       factor: ($0.factor * 100).rounded() / 100, excludedBy: $0.exclusion?.filter.rawValue, excludedReason: $0.exclusion?.reason)
            }
        }
    }

    init(_ r: Ranking, _ c: CompiledCatalog, _ notes: RankingNotes = RankingNotes()) {
        need = r.needID
        rule = ["name": r.ruleName, "version": r.ruleVersion]
        catalogSHA256 = r.catalogHash
        partnerCount = r.partnerCount
        excludedCount = r.excludedCount
        entries = r.entries.map { e in
            Entry(rank: e.rank, partner: e.partnerID, name: c.partner(id: e.partnerID)?.name ?? LocalizedText(en: e.partnerID),
                  score: (e.score * 100).rounded() / 100, strength: e.strength.rawValue, features: e.explanation.map { $0.features.map(ExplanationResult.FeatureResult.init) })
        }
        strongMatch = r.hasStrongMatch
        verdict = RankingResult.verdict(r, c)
        excluded = r.excluded.isEmpty ? nil : r.excluded.map { Excluded(partner: $0.partnerID, filter: $0.filter.rawValue, code: $0.code, reason: $0.reason) }
        assumed = notes.assumed.isEmpty ? nil : notes.assumed.map { Assumed(field: $0.field, value: $0.value, why: $0.why) }
        warning = notes.allExcluded.map(Warning.init)
    }

    /// "no strong match; the closest are ..." in both languages, or nil.
    static func verdict(_ r: Ranking, _ c: CompiledCatalog) -> LocalizedText? {
        verdict(r, names: { c.partner(id: $0)?.name })
    }

    /// `verdict`, with the partners' names from `names` (nil: not in the catalog).
    static func verdict(_ r: Ranking, names: (String) -> LocalizedText?) -> LocalizedText? {
        guard let en = r.verdict(names: { names($0)?.text(.en) ?? $0 }, .en) else { return nil }
        return LocalizedText(en: en, vi: r.verdict(names: { names($0)?.text(.vi) ?? $0 }, .vi))
    }

    static func text(_ t: LocalizedText) -> String {
        var parts: [String] = []
        if let en = t.en { parts.append("\"en\":" + JSONText.quote(en)) }
        if let vi = t.vi { parts.append("\"vi\":" + JSONText.quote(vi)) }
        return "{" + parts.joined(separator: ",") + "}"
    }

}

/// One pair's explanation as the service returns it.
struct ExplanationResult: Encodable {
    struct FeatureResult: Encodable {
        var feature: String
        var value: Double
        var weight: Double
        var contribution: Double
        var reason: LocalizedText
        init(_ f: FeatureContribution) {
            feature = f.feature.rawValue
            value = (f.value * 1e4).rounded() / 1e4
            weight = f.weight
            contribution = (f.contribution * 1e4).rounded() / 1e4
            reason = f.reason
        }
    }

    struct FilterResult: Encodable {
        var filter: String
        var passed: Bool
        var code: String
        var reason: LocalizedText
    }

    var need: String
    var partner: String
    var eligible: Bool
    var score: Double
    var catalogSHA256: String
    var filters: [FilterResult]
    var features: [FeatureResult]

    init(_ x: Explanation, _ c: CompiledCatalog) {
        need = x.needID
        partner = x.partnerID
        eligible = x.isEligible
        score = (x.score * 1e4).rounded() / 1e4
        catalogSHA256 = c.catalogHash
        filters = x.filters.map { FilterResult(filter: $0.filter.rawValue, passed: $0.passed, code: $0.code, reason: $0.reason) }
        features = x.features.map(FeatureResult.init)
    }
}

/// The answer of `rank` with `rules`.
struct SideBySideResult: Encodable {
    struct RuleRef: Encodable { var name: String; var version: String; var catalogSHA256: String }
    struct Placement: Encodable {
        var rule: String
        var rank: Int?
        var score: Double?
        /// True where the rule's filters exclude the partner (no rank, no score).
        var excluded: Bool?
    }
    struct Partner: Encodable { var partner: String; var name: LocalizedText; var placements: [Placement] }
    var need: String
    var rules: [RuleRef]
    var top: Int
    var partners: [Partner]
    var assumed: [RankingResult.Assumed]?
}
