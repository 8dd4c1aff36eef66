extension Rule {
    /// The rule as a JSON document with every parameter spelt out, in a fixed order.
    ///
    /// `rules show` prints it, and the catalog hash covers it, so two rules that rank
    /// alike print and hash alike however their files were written.
    public var canonicalJSON: String {
        func n(_ v: Double) -> String { Rule.number(v) }
        func str(_ s: String) -> String { JSONText.quote(s) }
        var lines: [String] = []
        lines.append("{")
        lines.append("  \"name\": \(str(name)),")
        lines.append("  \"version\": \(str(version)),")
        if let d = description { lines.append("  \"description\": \(str(d)),") }
        var filterItems: [String] = []
        if let d = filters.status { filterItems.append("\"status\": {\"enabled\": true, \"dormant\": \(n(d))" + (filters.unmetRequirement.map { ", \"unmetRequirement\": \(n($0))" } ?? "") + "}") }
        if filters.instrument { filterItems.append("\"instrument\": {\"enabled\": true}") }
        if let t = filters.budgetTolerance { filterItems.append("\"budget\": {\"enabled\": true, \"tolerance\": \(n(t))}") }
        if filters.applicant { filterItems.append("\"applicant\": {\"enabled\": true}") }
        if filters.province { filterItems.append("\"province\": {\"enabled\": true}") }
        if filters.excludedSector { filterItems.append("\"excludedSector\": {\"enabled\": true}") }
        lines.append("  \"filters\": {" + (filterItems.isEmpty ? "" : "\n    " + filterItems.joined(separator: ",\n    ") + "\n  ") + "},")
        var items: [String] = []
        let f = features
        if let p = f.sectorFit { items.append("\"sectorFit\": {\"weight\": \(n(p.weight)), \"exact\": \(n(p.exact)), \"category\": \(n(p.category)), \"group\": \(n(p.group)), \"noOverlap\": \(n(p.noOverlap)), \"floor\": \(n(p.floor)), \"full\": \(n(p.full))}") }
        if let p = f.scaleFit { items.append("\"scaleFit\": {\"weight\": \(n(p.weight)), \"width\": \(n(p.width))}") }
        if let p = f.instrumentFit {
            let values = Instrument.allCases.map { "\"\($0.rawValue)\": \(n(p.value($0)))" }.joined(separator: ", ")
            items.append("\"instrumentFit\": {\"weight\": \(n(p.weight)), \"values\": {\(values)}}")
        }
        if let p = f.themeFit { items.append("\"themeFit\": {\"weight\": \(n(p.weight)), \"neutral\": \(n(p.neutral))}") }
        if let p = f.geographyFit { items.append("\"geographyFit\": {\"weight\": \(n(p.weight)), \"province\": \(n(p.province)), \"region\": \(n(p.region)), \"areaFlag\": \(n(p.areaFlag)), \"nationwide\": \(n(p.nationwide))}") }
        if let p = f.cofinancing { items.append("\"cofinancing\": {\"weight\": \(n(p.weight)), \"notRequired\": \(n(p.notRequired)), \"unknown\": \(n(p.unknown))}") }
        if let p = f.presence { items.append("\"presence\": {\"weight\": \(n(p.weight)), \"low\": \(n(p.low)), \"high\": \(n(p.high)), \"unknown\": \(n(p.unknown))}") }
        if let p = f.sectorEvidence { items.append("\"sectorEvidence\": {\"weight\": \(n(p.weight)), \"exact\": \(n(p.exact)), \"category\": \(n(p.category)), \"group\": \(n(p.group)), \"saturation\": \(n(p.saturation)), \"fallback\": \(n(p.fallback))}") }
        if let p = f.ticketEvidence { items.append("\"ticketEvidence\": {\"weight\": \(n(p.weight)), \"width\": \(n(p.width)), \"fallback\": \(n(p.fallback))}") }
        if let p = f.provinceEvidence { items.append("\"provinceEvidence\": {\"weight\": \(n(p.weight)), \"saturation\": \(n(p.saturation)), \"region\": \(n(p.region)), \"fallback\": \(n(p.fallback))}") }
        lines.append("  \"features\": {\n    " + items.joined(separator: ",\n    ") + "\n  },")
        lines.append("  \"matchStrength\": {\"strong\": \(n(strength.strong)), \"fair\": \(n(strength.fair))},")
        let rows = SoughtInstrument.allCases.map { s in
            "\"\(s.rawValue)\": {" + compatible(s).map { "\"\($0.rawValue)\": \(n(compatibility.credit(s, $0)))" }.joined(separator: ", ") + "}"
        }
        lines.append("  \"instruments\": {\n    " + rows.joined(separator: ",\n    ") + "\n  }")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

