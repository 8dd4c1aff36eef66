extension EvidenceDocument {
    /// Reads a stored activity document back, by hand: the counterpart of `encode`, for
    /// the evidence summaries, which read every linked activity after an import (with
    /// `JSONDecoder` that was a third of an import's CPU).
    ///
    /// It reads what `encode` (or `JSONEncoder`) writes; anything else (an unknown key, a
    /// `null`, an escape it does not know, a value of another type, an unknown code) gives
    /// nil, and callers then use `JSONDecoder`, which decodes it or says what is wrong.
    /// So the activity read is always the one `JSONDecoder` would read.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> EvidenceActivity? {
        var r = Reader(b: bytes)
        guard let a = r.activity() else { return nil }
        r.space()
        return r.i == bytes.count ? a : nil
    }

    public static func decode(_ bytes: [UInt8]) -> EvidenceActivity? {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func space() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
        }

        mutating func eat(_ c: UInt8) -> Bool {
            space()
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }

        /// The members of an object: `body` gets each key's bytes and reads its value;
        /// false from it (or malformed text) fails the object.
        mutating func object(_ body: (inout Reader, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            guard eat(0x7B) else { return false }
            if eat(0x7D) { return true }
            while true {
                space()
                guard let k = rawKey(), eat(0x3A) else { return false }
                space()
                guard body(&self, k) else { return false }
                if eat(0x2C) { continue }
                return eat(0x7D)
            }
        }

        mutating func array<T>(_ element: (inout Reader) -> T?) -> [T]? {
            guard eat(0x5B) else { return nil }
            var out: [T] = []
            if eat(0x5D) { return out }
            while true {
                space()
                guard let x = element(&self) else { return nil }
                out.append(x)
                if eat(0x2C) { continue }
                return eat(0x5D) ? out : nil
            }
        }

        /// A key without escapes.
        mutating func rawKey() -> UnsafeBufferPointer<UInt8>? {
            guard i < b.count, b[i] == 0x22 else { return nil }
            let start = i + 1
            var k = start
            while k < b.count, b[k] != 0x22 { if b[k] == 0x5C || b[k] < 0x20 { return nil }; k += 1 }
            guard k < b.count else { return nil }
            i = k + 1
            return UnsafeBufferPointer(rebasing: b[start..<k])
        }

        mutating func string() -> String? {
            guard i < b.count, b[i] == 0x22 else { return nil }
            let start = i + 1
            var k = start
            var escaped = false
            while k < b.count, b[k] != 0x22 {
                if b[k] == 0x5C { escaped = true; k += 2; continue }
                if b[k] < 0x20 { return nil }
                k += 1
            }
            guard k < b.count else { return nil }
            i = k + 1
            let raw = UnsafeBufferPointer(rebasing: b[start..<k])
            if !escaped { return String(validating: raw, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var j = 0
            while j < raw.count {
                let c = raw[j]
                guard c == 0x5C else { out.append(c); j += 1; continue }
                guard j + 1 < raw.count else { return nil }
                switch raw[j + 1] {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    // Only the control characters `encode` escapes; anything else goes to JSONDecoder.
                    guard j + 5 < raw.count, raw[j + 2] == 0x30, raw[j + 3] == 0x30,
                          let hi = Reader.hex(raw[j + 4]), let lo = Reader.hex(raw[j + 5]), hi < 2 else { return nil }
                    out.append(hi << 4 | lo)
                    j += 6
                    continue
                default: return nil
                }
                j += 2
            }
            return String(validating: out, as: UTF8.self)
        }

        static func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }

        /// A strict JSON number (no leading zero, digits after '.' and 'e'), finite,
        /// converted as `Double(String)` converts its text.
        mutating func number() -> Double? {
            let start = i
            if i < b.count, b[i] == 0x2D { i += 1 }
            guard i < b.count, b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
            if b[i] == 0x30 { i += 1 } else { _ = digits() }
            if i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { return nil }
            if i < b.count, b[i] == 0x2E { i += 1; guard digits() > 0 else { return nil } }
            if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
                i += 1
                if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                guard digits() > 0 else { return nil }
            }
            guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)), d.isFinite else { return nil }
            return d
        }

        mutating func digits() -> Int {
            let s = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            return i - s
        }

        mutating func int() -> Int? {
            let start = i
            if i < b.count, b[i] == 0x2D { i += 1 }
            let n = digits()
            guard n > 0, n <= 17, !(n > 1 && b[i - n] == 0x30) else { return nil }
            if i < b.count, b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { return nil }
            return Int(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
        }

        static func equals(_ k: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
            guard k.count == s.utf8CodeUnitCount else { return false }
            let p = s.utf8Start
            for n in 0..<k.count where k[n] != p[n] { return false }
            return true
        }

        // MARK: The types of a document

        mutating func activity() -> EvidenceActivity? {
            var identifier: String?, sourceFormat: String?
            var a = EvidenceActivity(identifier: "", sourceFormat: "")
            var seen = Set<Int>()
            let ok = object { r, k in
                func once(_ n: Int) -> Bool { seen.insert(n).inserted }
                if Reader.equals(k, "budgets") { guard once(0), let v = r.array({ $0.money() }) else { return false }; a.budgets = v; return true }
                if Reader.equals(k, "dates") { guard once(1), let v = r.array({ $0.date() }) else { return false }; a.dates = v; return true }
                if Reader.equals(k, "defaultAidType") { guard once(2), let v = r.string() else { return false }; a.defaultAidType = v; return true }
                if Reader.equals(k, "defaultFinanceType") { guard once(3), let v = r.string() else { return false }; a.defaultFinanceType = v; return true }
                if Reader.equals(k, "identifier") { guard once(4), let v = r.string() else { return false }; identifier = v; return true }
                if Reader.equals(k, "locations") { guard once(5), let v = r.array({ $0.location() }) else { return false }; a.locations = v; return true }
                if Reader.equals(k, "participants") { guard once(6), let v = r.array({ $0.participant() }) else { return false }; a.participants = v; return true }
                if Reader.equals(k, "projectID") { guard once(7), let v = r.string() else { return false }; a.projectID = v; return true }
                if Reader.equals(k, "recipientCountries") { guard once(8), let v = r.array({ $0.codeShare() }) else { return false }; a.recipientCountries = v; return true }
                if Reader.equals(k, "recipientRegions") { guard once(9), let v = r.array({ $0.codeShare() }) else { return false }; a.recipientRegions = v; return true }
                if Reader.equals(k, "reportingOrg") { guard once(10), let v = r.org() else { return false }; a.reportingOrg = v; return true }
                if Reader.equals(k, "sectors") { guard once(11), let v = r.array({ $0.sector() }) else { return false }; a.sectors = v; return true }
                if Reader.equals(k, "sourceFormat") { guard once(12), let v = r.string() else { return false }; sourceFormat = v; return true }
                if Reader.equals(k, "statedInstrument") { guard once(13), let v = r.string().flatMap(Instrument.init(rawValue:)) else { return false }; a.statedInstrument = v; return true }
                if Reader.equals(k, "status") { guard once(14), let v = r.status() else { return false }; a.status = v; return true }
                if Reader.equals(k, "titles") { guard once(15), let v = r.array({ $0.narrative() }) else { return false }; a.titles = v; return true }
                if Reader.equals(k, "transactions") { guard once(16), let v = r.array({ $0.transaction() }) else { return false }; a.transactions = v; return true }
                return false
            }
            // Every array is written, even empty: one missing is not a document of `encode`.
            guard ok, let identifier, let sourceFormat, [0, 1, 5, 6, 8, 9, 11, 15, 16].allSatisfy(seen.contains) else { return nil }
            a.identifier = identifier
            a.sourceFormat = sourceFormat
            return a
        }

        mutating func money() -> Money? {
            var value: Double?, currency: String?, date: String?, usd: Double?, rate: Double?, rateYear: Int?
            let ok = object { r, k in
                if Reader.equals(k, "value") { guard value == nil, let v = r.number() else { return false }; value = v; return true }
                if Reader.equals(k, "currency") { guard currency == nil, let v = r.string() else { return false }; currency = v; return true }
                if Reader.equals(k, "date") { guard date == nil, let v = r.string() else { return false }; date = v; return true }
                if Reader.equals(k, "usd") { guard usd == nil, let v = r.number() else { return false }; usd = v; return true }
                if Reader.equals(k, "rate") { guard rate == nil, let v = r.number() else { return false }; rate = v; return true }
                if Reader.equals(k, "rateYear") { guard rateYear == nil, let v = r.int() else { return false }; rateYear = v; return true }
                return false
            }
            guard ok, let value else { return nil }
            var m = Money(value: value, currency: currency, date: date)
            m.usd = usd
            m.rate = rate
            m.rateYear = rateYear
            return m
        }

        mutating func date() -> ActivityDate? {
            var date: String?, kind: ActivityDate.Kind?
            let ok = object { r, k in
                if Reader.equals(k, "date") { guard date == nil, let v = r.string() else { return false }; date = v; return true }
                if Reader.equals(k, "kind") { guard kind == nil, let v = r.string().flatMap(ActivityDate.Kind.init(rawValue:)) else { return false }; kind = v; return true }
                return false
            }
            guard ok, let date, let kind else { return nil }
            return ActivityDate(kind: kind, date: date)
        }

        mutating func location() -> EvidenceLocation? {
            var name: String?, province: String?, resolvedBy: String?
            let ok = object { r, k in
                if Reader.equals(k, "name") { guard name == nil, let v = r.string() else { return false }; name = v; return true }
                if Reader.equals(k, "province") { guard province == nil, let v = r.string() else { return false }; province = v; return true }
                if Reader.equals(k, "resolvedBy") { guard resolvedBy == nil, let v = r.string() else { return false }; resolvedBy = v; return true }
                return false
            }
            guard ok, let name else { return nil }
            return EvidenceLocation(name: name, province: province, resolvedBy: resolvedBy)
        }

        mutating func org() -> EvidenceOrg? {
            var o = EvidenceOrg()
            var seen = (name: false, ref: false, type: false, partners: false)
            let ok = object { r, k in
                if Reader.equals(k, "name") { guard !seen.name, let v = r.string() else { return false }; seen.name = true; o.name = v; return true }
                if Reader.equals(k, "ref") { guard !seen.ref, let v = r.string() else { return false }; seen.ref = true; o.ref = v; return true }
                if Reader.equals(k, "type") { guard !seen.type, let v = r.string() else { return false }; seen.type = true; o.type = v; return true }
                // Stated partner links (a mapping's `partners`); never written empty.
                if Reader.equals(k, "partners") {
                    guard !seen.partners, let v = r.array({ $0.string() }), !v.isEmpty else { return false }
                    seen.partners = true
                    o.partners = v
                    return true
                }
                return false
            }
            return ok ? o : nil
        }

        mutating func participant() -> EvidenceParticipant? {
            var org: EvidenceOrg?, role: OrgRole?, roleText: String?
            let ok = object { r, k in
                if Reader.equals(k, "org") { guard org == nil, let v = r.org() else { return false }; org = v; return true }
                if Reader.equals(k, "role") { guard role == nil, let v = r.string().flatMap(OrgRole.init(rawValue:)) else { return false }; role = v; return true }
                if Reader.equals(k, "roleText") { guard roleText == nil, let v = r.string() else { return false }; roleText = v; return true }
                return false
            }
            guard ok, let org else { return nil }
            return EvidenceParticipant(org: org, role: role, roleText: roleText)
        }

        mutating func codeShare() -> CodeShare? {
            var code: String?, percentage: Double?
            let ok = object { r, k in
                if Reader.equals(k, "code") { guard code == nil, let v = r.string() else { return false }; code = v; return true }
                if Reader.equals(k, "percentage") { guard percentage == nil, let v = r.number() else { return false }; percentage = v; return true }
                return false
            }
            guard ok, let code else { return nil }
            return CodeShare(code: code, percentage: percentage)
        }

        mutating func sector() -> EvidenceSector? {
            var category: String?, code: String?, percentage: Double?, standing: SectorStanding?, vocabulary: String?
            let ok = object { r, k in
                if Reader.equals(k, "category") { guard category == nil, let v = r.string() else { return false }; category = v; return true }
                if Reader.equals(k, "code") { guard code == nil, let v = r.string() else { return false }; code = v; return true }
                if Reader.equals(k, "percentage") { guard percentage == nil, let v = r.number() else { return false }; percentage = v; return true }
                if Reader.equals(k, "standing") { guard standing == nil, let v = r.string().flatMap(SectorStanding.init(rawValue:)) else { return false }; standing = v; return true }
                if Reader.equals(k, "vocabulary") { guard vocabulary == nil, let v = r.string() else { return false }; vocabulary = v; return true }
                return false
            }
            guard ok, let code, let standing, let vocabulary else { return nil }
            return EvidenceSector(vocabulary: vocabulary, code: code, percentage: percentage, category: category, standing: standing)
        }

        mutating func status() -> ActivityStatus? {
            var code: String?, text: String?
            var seen = (code: false, text: false)
            let ok = object { r, k in
                if Reader.equals(k, "code") { guard !seen.code, let v = r.string() else { return false }; seen.code = true; code = v; return true }
                if Reader.equals(k, "text") { guard !seen.text, let v = r.string() else { return false }; seen.text = true; text = v; return true }
                return false
            }
            return ok ? ActivityStatus(code: code, text: text) : nil
        }

        mutating func narrative() -> Narrative? {
            var lang: String?, text: String?
            var seenLang = false
            let ok = object { r, k in
                if Reader.equals(k, "lang") { guard !seenLang, let v = r.string() else { return false }; seenLang = true; lang = v; return true }
                if Reader.equals(k, "text") { guard text == nil, let v = r.string() else { return false }; text = v; return true }
                return false
            }
            guard ok, let text else { return nil }
            return Narrative(lang: lang, text: text)
        }

        mutating func transaction() -> EvidenceTransaction? {
            var aidType: String?, financeType: String?, kind: TransactionKind?, money: Money?, typeCode: String?
            let ok = object { r, k in
                if Reader.equals(k, "aidType") { guard aidType == nil, let v = r.string() else { return false }; aidType = v; return true }
                if Reader.equals(k, "financeType") { guard financeType == nil, let v = r.string() else { return false }; financeType = v; return true }
                if Reader.equals(k, "kind") { guard kind == nil, let v = r.string().flatMap(TransactionKind.init(rawValue:)) else { return false }; kind = v; return true }
                if Reader.equals(k, "money") { guard money == nil, let v = r.money() else { return false }; money = v; return true }
                if Reader.equals(k, "typeCode") { guard typeCode == nil, let v = r.string() else { return false }; typeCode = v; return true }
                return false
            }
            guard ok, let kind, let money, let typeCode else { return nil }
            return EvidenceTransaction(kind: kind, typeCode: typeCode, money: money, financeType: financeType, aidType: aidType)
        }
    }
}
