/// The stored document of an activity, written by hand: the same bytes as
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` gives (tests compare the
/// two on fixtures and random activities), about ten times faster. An import encodes
/// every activity to compare it with the stored one, so this is on the hot path.
///
/// Keys are written in sorted order, absent optionals are left out, doubles are
/// written as their shortest round-trip `description` without a trailing `.0`.
/// A non-finite number (which `JSONEncoder` refuses) gives nil: callers then use
/// `JSONEncoder` and its error.
public enum EvidenceDocument {
    public static func encode(_ a: EvidenceActivity) -> [UInt8]? {
        var w = Writer()
        w.out.reserveCapacity(2048)
        w.activity(a)
        return w.finite ? w.out : nil
    }

    struct Writer {
        var out: [UInt8] = []
        var finite = true
        private var first = true

        mutating func byte(_ b: UInt8) { out.append(b) }

        mutating func open() { out.append(UInt8(ascii: "{")); first = true }
        mutating func close() { out.append(UInt8(ascii: "}")); first = false }

        /// `,"key":` (the comma unless first in its object).
        mutating func key(_ k: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }

        mutating func string(_ s: String) {
            out.append(UInt8(ascii: "\""))
            var s = s
            s.withUTF8 { u in
                var start = 0
                for i in 0..<u.count {
                    let c = u[i]
                    if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                    if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
                    start = i + 1
                    out.append(UInt8(ascii: "\\"))
                    switch c {
                    case 0x22: out.append(0x22)
                    case 0x5C: out.append(0x5C)
                    case 0x0A: out.append(UInt8(ascii: "n"))
                    case 0x0D: out.append(UInt8(ascii: "r"))
                    case 0x09: out.append(UInt8(ascii: "t"))
                    case 0x08: out.append(UInt8(ascii: "b"))
                    case 0x0C: out.append(UInt8(ascii: "f"))
                    default:
                        let hex: [UInt8] = Array("0123456789abcdef".utf8)
                        out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
                    }
                }
                if start < u.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count])) }
            }
            out.append(UInt8(ascii: "\""))
        }

        mutating func number(_ d: Double) {
            guard d.isFinite else { finite = false; out.append(0x30); return }
            if d == d.rounded(.towardZero) && abs(d) < 1e15 {
                // Integral and small: `description` would give "N.0".
                let i = Int64(d)
                if i == 0 && d.sign == .minus { out.append(contentsOf: Array("-0".utf8)); return }
                out.append(contentsOf: Array(String(i).utf8))
                return
            }
            var s = d.description
            if s.hasSuffix(".0") { s.removeLast(2) }
            out.append(contentsOf: Array(s.utf8))
        }

        mutating func int(_ i: Int) { out.append(contentsOf: Array(String(i).utf8)) }

        mutating func field(_ k: StaticString, _ s: String?) { if let s { key(k); string(s) } }
        mutating func field(_ k: StaticString, _ d: Double?) { if let d { key(k); number(d) } }
        mutating func field(_ k: StaticString, _ i: Int?) { if let i { key(k); int(i) } }

        mutating func array<T>(_ k: StaticString, _ xs: [T], _ body: (inout Writer, T) -> Void) {
            key(k)
            out.append(UInt8(ascii: "["))
            for (n, x) in xs.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                body(&self, x)
            }
            out.append(UInt8(ascii: "]"))
            first = false
        }

        mutating func activity(_ a: EvidenceActivity) {
            open()
            array("budgets", a.budgets) { $0.money($1) }
            array("dates", a.dates) { w, d in w.open(); w.field("date", d.date); w.field("kind", d.kind.rawValue); w.close() }
            field("defaultAidType", a.defaultAidType)
            field("defaultFinanceType", a.defaultFinanceType)
            field("identifier", a.identifier)
            array("locations", a.locations) { w, l in
                w.open(); w.field("name", l.name); w.field("province", l.province); w.field("resolvedBy", l.resolvedBy); w.close()
            }
            array("participants", a.participants) { w, p in
                w.open(); w.key("org"); w.org(p.org); w.field("role", p.role?.rawValue); w.field("roleText", p.roleText); w.close()
            }
            field("projectID", a.projectID)
            array("recipientCountries", a.recipientCountries) { $0.codeShare($1) }
            array("recipientRegions", a.recipientRegions) { $0.codeShare($1) }
            if let r = a.reportingOrg { key("reportingOrg"); org(r) }
            array("sectors", a.sectors) { w, s in
                w.open(); w.field("category", s.category); w.field("code", s.code); w.field("percentage", s.percentage)
                w.field("standing", s.standing.rawValue); w.field("vocabulary", s.vocabulary); w.close()
            }
            field("sourceFormat", a.sourceFormat)
            field("statedInstrument", a.statedInstrument?.rawValue)
            if let s = a.status { key("status"); open(); field("code", s.code); field("text", s.text); close() }
            array("titles", a.titles) { w, t in w.open(); w.field("lang", t.lang); w.field("text", t.text); w.close() }
            array("transactions", a.transactions) { w, t in
                w.open(); w.field("aidType", t.aidType); w.field("financeType", t.financeType); w.field("kind", t.kind.rawValue)
                w.key("money"); w.money(t.money); w.field("typeCode", t.typeCode); w.close()
            }
            close()
        }

        mutating func money(_ m: Money) {
            open()
            field("currency", m.currency); field("date", m.date); field("rate", m.rate); field("rateYear", m.rateYear)
            field("usd", m.usd); key("value"); number(m.value)
            close()
        }

        mutating func org(_ o: EvidenceOrg) {
            open(); field("name", o.name)
            if let ps = o.partners { array("partners", ps) { w, id in w.string(id) } }
            field("ref", o.ref); field("type", o.type); close()
        }

        mutating func codeShare(_ c: CodeShare) {
            open(); field("code", c.code); field("percentage", c.percentage); close()
        }
    }
}
