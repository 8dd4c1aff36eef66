import Foundation

extension EvalComparison {
    /// The means side by side, one row per run and one column per measure (4 decimals), a
    /// `*` after a mean significantly different from the baseline's, then the legend.
    public func text() -> String {
        var t = Table(columns: [.init("rule", "Rule")] + measures.map { .init($0.name, $0.name, alignRight: true) })
        // In a column with a mark, unmarked values get a space instead, to keep decimals aligned.
        let marked = measures.map { measure in tests.contains { $0.measure == measure && $0.isSignificant } }
        for (r, name) in names.enumerated() {
            var row: [Table.Cell] = [.text(name)]
            for (m, measure) in measures.enumerated() {
                let mean = reports[r].means[m]
                let significant = r > 0 && test(measure, run: r)?.isSignificant == true
                row.append(.text(EvalReport.decimals(mean) + (significant ? "*" : marked[m] ? " " : "")))
            }
            t.rows.append(row)
        }
        return t.renderPlain(.table) + legend() + funderText()
    }

    /// The per-funder (macro) means, one row per run, when the queries have funders.
    func funderText() -> String {
        let averages = reports.map { EvalFunderAverages(report: $0, funderOfQuery: funders) }
        guard let first = averages.first, !funders.isEmpty else { return "" }
        var t = Table(columns: [.init("rule", "Rule")] + measures.map { .init($0.name, $0.name, alignRight: true) })
        for (r, name) in names.enumerated() {
            t.rows.append([.text(name)] + averages[r].macro.map { .text(EvalReport.decimals($0)) })
        }
        let largest = first.funders.prefix(3).map { "\($0.name) \($0.queries)" }.joined(separator: ", ")
        let n = first.funders.count
        return "\nAveraged per funder (each funder's needs averaged, then over \(n == 1 ? "1 funder" : "the \(n) funders"); most needs: \(largest)):\n"
            + t.renderPlain(.table)
    }

    /// What the marks mean and how the tests were run.
    public func legend() -> String {
        let n = queryCount
        var out = "\n\(n) \(n == 1 ? "query" : "queries") (needs judged in the qrels and ranked by every rule)\n"
        guard names.count > 1 else { return out }
        let draws = n < 62 && (1 << n) <= permutations
            ? "exact over all \(1 << n) sign assignments"
            : "\(permutations) random sign assignments, seed \(seed)"
        let comparisons = names.count - 1
        out += "* p < \(Rule.number(alpha)) against \(names[0]) (the first rule): paired randomization test (\(draws))"
        out += comparisons > 1 ? ", Holm-corrected over \(comparisons) comparisons per measure\n" : "\n"
        return out
    }

    /// One row per run and measure with the mean, the difference from the baseline and the
    /// p-values (raw and Holm-corrected) of both tests; empty cells for the baseline's own row.
    public func table() -> Table {
        var t = Table(columns: [
            .init("rule", "Rule"), .init("measure", "Measure"), .init("queries", "Queries", alignRight: true),
            .init("mean", "Mean", alignRight: true), .init("difference", "Difference", alignRight: true),
            .init("tTestP", "t-test p", alignRight: true), .init("tTestPHolm", "t-test p (Holm)", alignRight: true),
            .init("randomizationP", "Randomization p", alignRight: true),
            .init("randomizationPHolm", "Randomization p (Holm)", alignRight: true),
            .init("significant", "Significant"), .init("funderMacroMean", "Mean per funder", alignRight: true),
        ])
        let macro = reports.map { EvalFunderAverages(report: $0, funderOfQuery: funders).macro }
        func number(_ v: Double?) -> Table.Cell {
            guard let v else { return .null }
            return .number(v, String(format: "%.6g", v))
        }
        for (r, name) in names.enumerated() {
            for (m, measure) in measures.enumerated() {
                let mean = reports[r].means[m]
                var row: [Table.Cell] = [.text(name), .text(measure.name), .number(Double(reports[r].queryCount), String(reports[r].queryCount)),
                                         .number(mean, EvalReport.decimals(mean))]
                if r > 0, let test = test(measure, run: r) {
                    row += [.number(test.meanDifference, EvalReport.decimals(test.meanDifference)),
                            number(test.tTestP), number(test.tTestPHolm), number(test.randomizationP),
                            number(test.randomizationPHolm), .text(test.isSignificant ? "yes" : "no")]
                } else {
                    row += [.null, .null, .null, .null, .null, .null]
                }
                row.append(funders.isEmpty ? .null : .number(macro[r][m], EvalReport.decimals(macro[r][m])))
                t.rows.append(row)
            }
        }
        return t
    }
}
