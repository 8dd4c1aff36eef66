/// One need ranked under several rules, side by side: each partner's rank and score
/// under each rule, so that a user comparing rules sees where they disagree.
///
/// Built from full rankings (every eligible partner, `top` = the catalog's size), so a
/// partner shown because one rule puts it high still has its rank under the others. The
/// rows are the partners in the first `top` of any rule, ordered by their best rank over
/// the rules, then by their rank under the first rule, then by id. A partner a rule's
/// filters exclude has no rank under that rule.
///
/// ```swift
/// let rankings = rules.map { CompiledCatalog(partners: p, reference: r, rule: $0).rank(need, top: p.count) }
/// RuleSideBySide(rankings: rankings, names: ["default", "sector-heavy"], top: 10).table(language: .en, partnerName: { $0 })
/// ```
public struct RuleSideBySide: Sendable, Hashable {
    public struct Placement: Sendable, Hashable {
        public var rank: Int
        public var score: Double
    }

    public struct Row: Sendable, Hashable {
        public var partnerID: String
        /// One per rule, in rule order; nil where the rule's filters exclude the partner.
        public var placements: [Placement?]
    }

    public let needID: String
    /// The rules' names as shown (unique).
    public let names: [String]
    public let rows: [Row]
    public let top: Int

    public init(rankings: [Ranking], names: [String], top: Int) {
        precondition(rankings.count == names.count, "one name per ranking")
        needID = rankings.first?.needID ?? ""
        self.names = names
        self.top = top
        let byRule: [[String: Placement]] = rankings.map { r in
            Dictionary(r.entries.map { ($0.partnerID, Placement(rank: $0.rank, score: $0.score)) }, uniquingKeysWith: { a, _ in a })
        }
        var shown = Set<String>()
        for r in rankings { for e in r.entries where e.rank <= top { shown.insert(e.partnerID) } }
        let rows = shown.map { id in Row(partnerID: id, placements: byRule.map { $0[id] }) }
        func best(_ r: Row) -> Int { r.placements.compactMap { $0?.rank }.min() ?? Int.max }
        self.rows = rows.sorted { a, b in
            if best(a) != best(b) { return best(a) < best(b) }
            let (ra, rb) = (a.placements.first??.rank ?? Int.max, b.placements.first??.rank ?? Int.max)
            return ra != rb ? ra < rb : a.partnerID < b.partnerID
        }
    }

    /// Partner, name, then each rule's rank and score ("-" where excluded).
    public func table(partnerName: (String) -> String) -> Table {
        var columns: [Table.Column] = [.init("partner", "Partner"), .init("name", "Name", maxWidth: 40)]
        for n in names {
            columns.append(.init("\(n).rank", "\(n) rank", alignRight: true))
            columns.append(.init("\(n).score", "score", alignRight: true))
        }
        var t = Table(columns: columns)
        for r in rows {
            var cells: [Table.Cell] = [.text(r.partnerID), .text(partnerName(r.partnerID))]
            for p in r.placements {
                if let p {
                    cells.append(.number(Double(p.rank), String(p.rank)))
                    cells.append(.number((p.score * 100).rounded() / 100, String(format: "%.1f", p.score)))
                } else {
                    cells.append(.text("excluded"))
                    cells.append(.null)
                }
            }
            t.rows.append(cells)
        }
        return t
    }

    /// How far the rules agree on the first `k`: "top 3 shared by default and open: 2 of 3".
    public func overlap(_ k: Int) -> [(String, String, Int)] {
        guard names.count > 1 else { return [] }
        var out: [(String, String, Int)] = []
        func topSet(_ i: Int) -> Set<String> { Set(rows.filter { ($0.placements[i]?.rank ?? Int.max) <= k }.map(\.partnerID)) }
        for j in 1..<names.count { out.append((names[0], names[j], topSet(0).intersection(topSet(j)).count)) }
        return out
    }

    /// Rule names made unique: a repeated name gets the argument that named it, as
    /// `eval` does ("default (rules/default.json)").
    public static func uniqueNames(_ names: [String], arguments: [String]) -> [String] {
        var out: [String] = []
        for (i, n) in names.enumerated() {
            var name = n
            if out.contains(name) || names.filter({ $0 == n }).count > 1 && i < arguments.count && names.firstIndex(of: n) != i { name += " (\(arguments[i]))" }
            out.append(name)
        }
        return out
    }
}
