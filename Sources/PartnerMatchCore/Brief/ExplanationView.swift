/// The full explanation of one need-partner pair, for `explain`: every filter with its
/// outcome, every feature with value, weight, contribution and reason.
public enum ExplanationView {
    /// - Throws: `JSONText.NonFiniteNumber` in JSON for a value that is not finite (rule
    ///   validation makes it impossible).
    public static func render(_ x: Explanation, need: Need, catalog: CompiledCatalog, rule: Rule, format: OutputFormat, language l: Language) throws(JSONText.NonFiniteNumber) -> String {
        let partnerName = catalog.partner(id: x.partnerID)?.name.text(l) ?? x.partnerID
        let vi = l == .vi
        let stamp = (vi ? "quy tắc" : "rule") + " \(rule.name) \(rule.version) · " + (vi ? "danh mục" : "catalog") + " sha256:\(String(catalog.catalogHash.prefix(12)))"
        switch format {
        case .json, .jsonl:
            let q = JSONText.quote
            let n = JSONText.number
            var s = "{\"need\":\(q(x.needID)),\"partner\":\(q(x.partnerID)),\"eligible\":\(x.isEligible),\"score\":\(try n((x.score * 1e4).rounded() / 1e4)),"
            s += "\"rule\":{\"name\":\(q(rule.name)),\"version\":\(q(rule.version))},\"catalogSHA256\":\(q(catalog.catalogHash)),"
            s += "\"filters\":[" + x.filters.map { f in
                "{\"filter\":\(q(f.filter.rawValue)),\"passed\":\(f.passed),\"code\":\(q(f.code)),\"reason\":{\"en\":\(q(f.reason.text(.en))),\"vi\":\(q(f.reason.text(.vi)))}}"
            }.joined(separator: ",") + "],"
            var features: [String] = []
            for f in x.features {
                features.append("{\"feature\":\(q(f.feature.rawValue)),\"value\":\(try n((f.value * 1e4).rounded() / 1e4)),\"weight\":\(try n(f.weight)),\"contribution\":\(try n((f.contribution * 1e4).rounded() / 1e4)),\"reason\":{\"en\":\(q(f.reason.text(.en))),\"vi\":\(q(f.reason.text(.vi)))}}")
            }
            s += "\"features\":[" + features.joined(separator: ",") + "],\"sectorGate\":\(try n((x.sectorGate * 1e4).rounded() / 1e4))"
            if let d = x.dormancy {
                s += ",\"dormancy\":{\"factor\":\(try n(d.factor)),\"reason\":{\"en\":\(q(d.reason.text(.en))),\"vi\":\(q(d.reason.text(.vi)))}}"
            }
            s += "}"
            return s + "\n"
        case .table, .markdown, .csv:
            var out = "\(need.title.text(l)) (\(need.id))\n× \(partnerName) (\(x.partnerID))\n\n"
            let score = NumberFormat.grouped(x.score, language: l, decimals: 1)
            out += x.isEligible ? (vi ? "điểm" : "score") + " \(score) / 100\n" : (vi ? "BỊ LOẠI: " : "EXCLUDED: ") + (x.exclusion?.reason.text(l) ?? "") + "\n"
            if x.isEligible, x.sectorGate < 1 {
                let pct = NumberFormat.grouped(100 * x.sectorGate, language: l, decimals: 0)
                out += vi ? "cổng ngành: các tiêu chí khác được tính \(pct)% vì mức phù hợp ngành thấp\n" : "sector gate: the other features count \(pct)%, as the sector fit is low\n"
            }
            if x.isEligible, let d = x.dormancy { out += d.reason.text(l) + "\n" }
            var filters = Table(columns: [.init("filter", vi ? "Điều kiện" : "Filter"), .init("result", vi ? "Kết quả" : "Result"), .init("reason", vi ? "Lý do" : "Reason")])
            for f in x.filters { filters.rows.append([.text(f.filter.name(l)), .text(f.passed ? (vi ? "đạt" : "pass") : (vi ? "LOẠI" : "EXCLUDES")), .text(f.reason.text(l))]) }
            var features = Table(columns: [.init("feature", vi ? "Tiêu chí" : "Feature"), .init("value", vi ? "Giá trị" : "Value", alignRight: true), .init("weight", vi ? "Trọng số" : "Weight", alignRight: true),
                                           .init("contribution", vi ? "Điểm" : "Points", alignRight: true), .init("reason", vi ? "Lý do" : "Reason")])
            for f in x.features {
                features.rows.append([.text(vi ? f.feature.name(l) : f.feature.rawValue), .text(NumberFormat.grouped(f.value, language: l, decimals: 3)),
                                      .text(NumberFormat.grouped(f.weight, language: l, decimals: 2)),
                                      .text(NumberFormat.grouped(f.contribution, language: l, decimals: 2)), .text(f.reason.text(l))])
            }
            let sum = x.features.reduce(0) { $0 + $1.contribution }
            features.rows.append([.text(vi ? "tổng" : "total"), .text(""), .text(""), .text(NumberFormat.grouped(sum, language: l, decimals: 2)), .text("")])
            let fmt: OutputFormat = format == .markdown ? .markdown : format == .csv ? .csv : .table
            out += "\n" + filters.renderPlain(fmt) + "\n" + features.renderPlain(fmt) + "\n" + stamp + "\n"
            return out
        }
    }
}
