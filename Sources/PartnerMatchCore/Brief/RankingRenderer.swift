/// Renders a ranking for the command line: an aligned text table, CSV, JSON or
/// Markdown, each with the rule and catalog hash.
public enum RankingRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json, markdown
    }

    /// Renders `ranking`; partner names and reasons come from `catalog`. Explanations are
    /// used when the ranking has them (reasons are left empty otherwise); excluded
    /// partners are listed when the ranking carries them.
    /// `notes` (what was assumed) become members of the JSON output; the other formats
    /// leave them to the caller (stderr).
    /// `points` (`rank --explain`) adds, in the table and Markdown formats, a compact points
    /// table per partner: each feature's value and points, summing to the score.
    /// `width` (the terminal's columns) cuts the table's reasons to fit; nil keeps them whole.
    public static func render(_ ranking: Ranking, format: Format, catalog: CompiledCatalog, language: Language = .en, notes: RankingNotes = RankingNotes(), points: Bool = false, width: Int? = nil) -> String {
        switch format {
        case .table: return table(ranking, catalog, language, width: width) + (points ? pointsText(ranking, catalog, language) : "")
        case .csv: return csv(ranking, catalog, language)
        case .json: return json(ranking, catalog, language, notes)
        case .markdown: return markdown(ranking, catalog, language) + (points ? pointsMarkdown(ranking, catalog, language) : "")
        }
    }

    /// A number with `digits` decimals, with a decimal comma in Vietnamese.
    static func fixed(_ v: Double, _ digits: Int, _ l: Language) -> String {
        let s = String(format: "%.\(digits)f", v)
        return l == .vi ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// One points table per partner with an explanation: feature, value, points; the last
    /// line is the score, the sum of the points.
    static func pointsText(_ r: Ranking, _ c: CompiledCatalog, _ l: Language) -> String {
        var out = ""
        for e in r.entries {
            guard let x = e.explanation else { continue }
            out += "\n\(e.rank). \(name(e.partnerID, c, l)) (\(e.partnerID))\n"
            var rows = [[l == .en ? "feature" : "tiêu chí", l == .en ? "value" : "giá trị", l == .en ? "points" : "điểm"]]
            rows += x.features.map { [$0.feature.name(l), fixed($0.value, 2, l), fixed($0.contribution, 1, l)] }
            rows.append([l == .en ? "score" : "tổng điểm", "", fixed(e.score, 1, l)])
            let w = (0..<3).map { i in rows.map { $0[i].count }.max() ?? 0 }
            for row in rows {
                let line = "    " + row[0] + String(repeating: " ", count: w[0] - row[0].count)
                    + "  " + String(repeating: " ", count: w[1] - row[1].count) + row[1]
                    + "  " + String(repeating: " ", count: w[2] - row[2].count) + row[2]
                out += line.trimmingTrailingSpaces() + "\n"
            }
        }
        return out
    }

    static func pointsMarkdown(_ r: Ranking, _ c: CompiledCatalog, _ l: Language) -> String {
        var out = ""
        for e in r.entries {
            guard let x = e.explanation else { continue }
            out += "\n**\(e.rank). \(BriefText.cell(name(e.partnerID, c, l)))** (`\(e.partnerID)`)\n\n"
            out += l == .en ? "| feature | value | points |\n|---|---:|---:|\n" : "| tiêu chí | giá trị | điểm |\n|---|---:|---:|\n"
            for f in x.features { out += "| \(f.feature.name(l)) | \(fixed(f.value, 2, l)) | \(fixed(f.contribution, 1, l)) |\n" }
            out += "| **\(l == .en ? "score" : "tổng điểm")** | | **\(fixed(e.score, 1, l))** |\n"
        }
        return out
    }

    static func name(_ id: String, _ catalog: CompiledCatalog, _ l: Language) -> String {
        catalog.partner(id: id)?.name.text(l) ?? id
    }

    static func reasons(_ e: RankedPartner, _ l: Language) -> String {
        e.explanation.map { MeetingBrief.reasons($0, l).joined(separator: "; ") } ?? ""
    }

    /// The partner's largest shortfall, when the ranking carries explanations.
    public static func shortfall(_ e: RankedPartner, _ l: Language) -> String {
        guard let x = e.explanation else { return "" }
        if let d = x.dormancy { return d.reason.text(l) }
        return x.shortfall.map { "\($0.feature.name(l).lowercased()) \(_Money.percent($0.value, l)): \($0.reason.text(l))" } ?? ""
    }

    /// Reasons, then the largest shortfall: why the partner is here, and why not higher.
    static func reasonsAndShortfall(_ e: RankedPartner, _ l: Language) -> String {
        let why = reasons(e, l), gap = shortfall(e, l)
        guard !gap.isEmpty else { return why }
        return why + (l == .en ? " | short: " : " | thiếu: ") + gap
    }

    /// Every failing filter of an excluded partner, first to last.
    public static func exclusionText(_ x: Exclusion, _ l: Language) -> String {
        x.failures.map { "\($0.filter.name(l)): \($0.reason.text(l))" }.joined(separator: "; ")
    }

    static func verdict(_ r: Ranking, _ c: CompiledCatalog, _ l: Language) -> String? {
        r.verdict(names: { name($0, c, l) }, l)
    }

    static func stamp(_ r: Ranking, _ l: Language = .en) -> String {
        l == .en
            ? "need \(r.needID) · rule \(r.ruleName) \(r.ruleVersion) · catalog sha256:\(r.shortHash) · \(r.entries.count) shown, \(r.excludedCount) of \(r.partnerCount) excluded"
            : "nhu cầu \(r.needID) · quy tắc \(r.ruleName) \(r.ruleVersion) · danh mục sha256:\(r.shortHash) · hiển thị \(r.entries.count), loại \(r.excludedCount)/\(r.partnerCount)"
    }

    /// The partner column: the name, then the id in parentheses (the id alone when the
    /// catalog has no name for it); cut to fit a narrow terminal, the id kept whole.
    static func partnerCell(_ id: String, _ c: CompiledCatalog, _ l: Language) -> String {
        let n = name(id, c, l)
        return n == id ? id : "\(n) (\(id))"
    }

    static func table(_ r: Ranking, _ c: CompiledCatalog, _ l: Language, width: Int? = nil) -> String {
        let header = l == .en ? ["#", "partner", "score", "match", "reasons"] : ["#", "đối tác", "điểm", "mức", "lý do"]
        var rows = r.entries.map { ["\($0.rank)", partnerCell($0.partnerID, c, l), BriefText.score($0.score, l), $0.strength.name(l), reasonsAndShortfall($0, l)] }
        if let width {
            // The partner column takes about half the line (the id always whole); the reasons
            // get the rest.
            let names = r.entries.map { e -> String in
                let n = name(e.partnerID, c, l)
                guard n != e.partnerID else { return e.partnerID }
                let room = max(14, width / 2 - e.partnerID.count - 3)
                return Table.cut(n, to: room) + " (\(e.partnerID))"
            }
            for i in rows.indices { rows[i][1] = names[i] }
        }
        rows.insert(header, at: 0)
        let widths = (0..<4).map { i in rows.map { $0[i].count }.max() ?? 0 }
        if let width {
            let room = max(width - widths.reduce(0, +) - 8, 16)
            for i in rows.indices.dropFirst() { rows[i][4] = Table.cut(rows[i][4], to: room) }
        }
        var out = verdict(r, c, l).map { (l == .en ? "note: " : "lưu ý: ") + $0 + "\n\n" } ?? ""
        out += rows.map { row in
            let cells = (0..<4).map { i in i == 2 ? String(repeating: " ", count: widths[i] - row[i].count) + row[i] : row[i] + String(repeating: " ", count: widths[i] - row[i].count) }
            return (cells + [row[4]]).joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
        if !r.excluded.isEmpty {
            out += l == .en ? "\nexcluded:\n" : "\nbị loại:\n"
            let w = r.excluded.map(\.partnerID.count).max() ?? 0
            for x in r.excluded { out += "  " + x.partnerID + String(repeating: " ", count: w - x.partnerID.count) + "  \(exclusionText(x, l))\n" }
        }
        return out + "\n" + stamp(r, l) + "\n"
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func csv(_ r: Ranking, _ c: CompiledCatalog, _ l: Language) -> String {
        var out = "rank,partner_id,partner_name,score,strength,reasons,shortfall,need_id,rule,rule_version,catalog_sha256\n"
        for e in r.entries {
            out += [String(e.rank), e.partnerID, name(e.partnerID, c, l), String(format1: e.score), e.strength.rawValue, reasons(e, l), shortfall(e, l), r.needID, r.ruleName, r.ruleVersion, r.catalogHash].map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func json(_ r: Ranking, _ c: CompiledCatalog, _ l: Language, _ notes: RankingNotes = RankingNotes()) -> String {
        let q = JSONText.quote
        func num(_ v: Double) -> String { String(format1: v) }
        var out = "{\n  \"need\": \(q(r.needID)),\n  \"rule\": {\"name\": \(q(r.ruleName)), \"version\": \(q(r.ruleVersion))},\n"
        out += "  \"catalogSHA256\": \(q(r.catalogHash)),\n  \"partnerCount\": \(r.partnerCount),\n  \"excludedCount\": \(r.excludedCount),\n"
        out += "  \"strongMatch\": \(r.hasStrongMatch),\n"
        if let v = r.verdict(names: { name($0, c, .en) }, .en), let vi = r.verdict(names: { name($0, c, .vi) }, .vi) {
            out += "  \"verdict\": {\"en\": \(q(v)), \"vi\": \(q(vi))},\n"
        }
        out += "  \"entries\": ["
        out += r.entries.map { e -> String in
            var s = "\n    {\"rank\": \(e.rank), \"partner\": \(q(e.partnerID)), \"name\": \(q(name(e.partnerID, c, l))), \"score\": \(num(e.score)), \"strength\": \(q(e.strength.rawValue))"
            if let x = e.explanation, let gap = x.shortfall {
                s += ", \"sectorGate\": \(Rule.number((x.sectorGate * 1e4).rounded() / 1e4)), \"shortfall\": {\"feature\": \(q(gap.feature.rawValue)), \"en\": \(q(gap.reason.text(.en))), \"vi\": \(q(gap.reason.text(.vi)))}"
            }
            if let x = e.explanation {
                s += ", \"features\": [" + x.features.map { f in
                    "{\"feature\": \(q(f.feature.rawValue)), \"value\": \(Rule.number((f.value * 1e4).rounded() / 1e4)), \"weight\": \(Rule.number(f.weight)), \"contribution\": \(Rule.number((f.contribution * 1e3).rounded() / 1e3)), \"reason\": {\"en\": \(q(f.reason.text(.en))), \"vi\": \(q(f.reason.text(.vi)))}}"
                }.joined(separator: ", ") + "]"
            }
            return s + "}"
        }.joined(separator: ",")
        out += r.entries.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"excluded\": [" + r.excluded.map { x in
            "\n    {\"partner\": \(q(x.partnerID)), \"filter\": \(q(x.filter.rawValue)), \"code\": \(q(x.code)), \"reason\": {\"en\": \(q(x.reason.text(.en))), \"vi\": \(q(x.reason.text(.vi)))}, \"failures\": ["
                + x.failures.map { "{\"filter\": \(q($0.filter.rawValue)), \"code\": \(q($0.code)), \"reason\": {\"en\": \(q($0.reason.text(.en))), \"vi\": \(q($0.reason.text(.vi)))}}" }.joined(separator: ", ") + "]}"
        }.joined(separator: ",") + (r.excluded.isEmpty ? "]" : "\n  ]")
        for m in notes.jsonMembers { out += ",\n  \(q(m.key)): \(m.value)" }
        return out + "\n}\n"
    }

    static func markdown(_ r: Ranking, _ c: CompiledCatalog, _ l: Language) -> String {
        var out = verdict(r, c, l).map { "> " + $0 + "\n\n" } ?? ""
        out += "| # | \(BriefText.label(.partner, l)) | \(BriefText.label(.score, l)) | \(l == .en ? "match" : "mức") | \(BriefText.label(.why, l)) |\n|---:|---|---:|---|---|\n"
        for e in r.entries {
            out += "| \(e.rank) | \(BriefText.cell(name(e.partnerID, c, l))) (`\(e.partnerID)`) | \(BriefText.score(e.score, l)) | \(e.strength.name(l)) | \(BriefText.cell(reasonsAndShortfall(e, l))) |\n"
        }
        if !r.excluded.isEmpty {
            out += l == .en ? "\n| excluded | filters failed |\n|---|---|\n" : "\n| bị loại | điều kiện không đạt |\n|---|---|\n"
            for x in r.excluded { out += "| `\(x.partnerID)` | \(BriefText.cell(exclusionText(x, l))) |\n" }
        }
        return out + "\n" + stamp(r, l) + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
