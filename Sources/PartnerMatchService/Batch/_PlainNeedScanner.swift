import PartnerMatchCore

/// Reads a proposal of the usual shape straight from its JSON bytes into a `Need`, with
/// no `JSONValue` tree and no `Decodable` machinery: the fast path of batch scoring.
///
/// It accepts only what it can read exactly as `JSONParser` + `JSONValueDecoder` would:
/// an object of the `Need` fields, strings without escapes, strict JSON numbers, no
/// `null`. For anything else (an escape, an unknown or repeated member, `beneficiaries`,
/// a share written as text, a malformed byte) it returns nil, and the caller decodes the
/// record the general way, which gives every error its message, line and column. So the
/// fast path changes no outcome: it only skips work for records that are plain.
struct _PlainNeedScanner {
    /// The need as decoded (not yet validated), and whether `instrument` was given.
    struct Decoded {
        var need: Need
        var instrumentGiven: Bool
    }

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    static func decode(_ bytes: [UInt8]) -> Decoded? {
        bytes.withUnsafeBufferPointer { buffer in
            var s = _PlainNeedScanner(buffer)
            return s.need()
        }
    }

    // The members of a need, as bits of a mask (a repeated member sends the record to
    // the general path, which reports it).
    private enum Key: UInt32 {
        case id = 1, title = 2, province = 4, commune = 8, formerDistrict = 16, applicant = 32
        case sectors = 64, budgetUSD = 128, budgetInput = 256, instrument = 512
        case counterpartUSD = 1024, themes = 2048, stage = 4096, date = 8192
    }

    private static let required: UInt32 = Key.id.rawValue | Key.title.rawValue | Key.province.rawValue
        | Key.applicant.rawValue | Key.sectors.rawValue | Key.budgetUSD.rawValue

    private mutating func need() -> Decoded? {
        skipSpace()
        guard consume(0x7B) else { return nil }  // {
        var seen: UInt32 = 0
        var id = "", province = "", title = LocalizedText()
        var commune: String?, formerDistrict: String?, budgetInput: String?, date: String?
        var applicant = ApplicantKind.province, instrument: SoughtInstrument?, stage: NeedStage?
        var sectors: [SectorShare] = [], themes: [String] = []
        var budget = 0.0, counterpart: Double?
        skipSpace()
        if peek == 0x7D { return nil }  // {}: the general path says what is missing
        while true {
            skipSpace()
            guard let key = key() else { return nil }
            guard seen & key.rawValue == 0 else { return nil }
            seen |= key.rawValue
            skipSpace()
            guard consume(0x3A) else { return nil }  // :
            skipSpace()
            switch key {
            case .id: guard let v = string() else { return nil }; id = v
            case .title: guard let v = localized() else { return nil }; title = v
            case .province: guard let v = string() else { return nil }; province = v
            case .commune: guard let v = string() else { return nil }; commune = v
            case .formerDistrict: guard let v = string() else { return nil }; formerDistrict = v
            case .budgetInput: guard let v = string() else { return nil }; budgetInput = v
            case .date: guard let v = string() else { return nil }; date = v
            case .applicant: guard let v = string().flatMap(ApplicantKind.init(rawValue:)) else { return nil }; applicant = v
            case .instrument: guard let v = string().flatMap(SoughtInstrument.init(rawValue:)) else { return nil }; instrument = v
            case .stage: guard let v = string().flatMap(NeedStage.init(rawValue:)) else { return nil }; stage = v
            case .budgetUSD: guard let v = number() else { return nil }; budget = v
            case .counterpartUSD: guard let v = number() else { return nil }; counterpart = v
            case .sectors: guard let v = sectorList() else { return nil }; sectors = v
            case .themes: guard let v = stringList() else { return nil }; themes = v
            }
            skipSpace()
            if consume(0x2C) { continue }  // ,
            guard consume(0x7D) else { return nil }  // }
            break
        }
        skipSpace()
        guard i == b.count, seen & _PlainNeedScanner.required == _PlainNeedScanner.required else { return nil }
        let need = Need(id: id, title: title, province: province, commune: commune, formerDistrict: formerDistrict,
                        applicant: applicant, sectors: sectors, budgetUSD: budget, budgetInput: budgetInput,
                        instrument: instrument ?? .any, counterpartUSD: counterpart, themes: themes, stage: stage, date: date)
        return Decoded(need: need, instrumentGiven: instrument != nil)
    }

    private var peek: UInt8? { i < b.count ? b[i] : nil }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard i < b.count, b[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
    }

    /// The bytes of a string without escapes or control characters, between its quotes.
    private mutating func rawString() -> Range<Int>? {
        guard consume(0x22) else { return nil }
        let start = i
        while i < b.count {
            let c = b[i]
            if c == 0x22 { i += 1; return start..<(i - 1) }
            if c == 0x5C || c < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    private mutating func string() -> String? {
        guard let r = rawString() else { return nil }
        return String(validating: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    private func equals(_ r: Range<Int>, _ literal: StaticString) -> Bool {
        guard r.count == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        var k = 0
        while k < r.count { if b[r.lowerBound + k] != p[k] { return false }; k += 1 }
        return true
    }

    private mutating func key() -> Key? {
        guard let r = rawString() else { return nil }
        switch r.count {
        case 2: return equals(r, "id") ? .id : nil
        case 4: return equals(r, "date") ? .date : nil
        case 5: return equals(r, "title") ? .title : equals(r, "stage") ? .stage : nil
        case 6: return equals(r, "themes") ? .themes : nil
        case 7: return equals(r, "commune") ? .commune : equals(r, "sectors") ? .sectors : nil
        case 8: return equals(r, "province") ? .province : nil
        case 9: return equals(r, "applicant") ? .applicant : equals(r, "budgetUSD") ? .budgetUSD : nil
        case 10: return equals(r, "instrument") ? .instrument : nil
        case 11: return equals(r, "budgetInput") ? .budgetInput : nil
        case 14: return equals(r, "formerDistrict") ? .formerDistrict : equals(r, "counterpartUSD") ? .counterpartUSD : nil
        default: return nil
        }
    }

    /// A strict JSON number, converted as `JSONParser` converts it; nil when not finite
    /// (the decoder refuses it with its own message).
    private mutating func number() -> Double? {
        let start = i
        _ = consume(0x2D)  // -
        guard let first = peek, first >= 0x30 && first <= 0x39 else { return nil }
        if first == 0x30 {
            i += 1
            if let d = peek, d >= 0x30 && d <= 0x39 { return nil }
        } else {
            digits()
        }
        if consume(0x2E) { guard digits() > 0 else { return nil } }
        if peek == 0x65 || peek == 0x45 {
            i += 1
            if peek == 0x2B || peek == 0x2D { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard let v = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)), v.isFinite else { return nil }
        return v
    }

    @discardableResult
    private mutating func digits() -> Int {
        let s = i
        while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        return i - s
    }

    /// `{"en": ..., "vi": ...}`, either or both.
    private mutating func localized() -> LocalizedText? {
        guard consume(0x7B) else { return nil }
        var text = LocalizedText()
        var seen = (en: false, vi: false)
        skipSpace()
        if consume(0x7D) { return text }
        while true {
            skipSpace()
            guard let r = rawString() else { return nil }
            let en = equals(r, "en")
            guard en || equals(r, "vi") else { return nil }
            if en { guard !seen.en else { return nil }; seen.en = true } else { guard !seen.vi else { return nil }; seen.vi = true }
            skipSpace()
            guard consume(0x3A) else { return nil }
            skipSpace()
            guard let v = string() else { return nil }
            if en { text.en = v } else { text.vi = v }
            skipSpace()
            if consume(0x2C) { continue }
            guard consume(0x7D) else { return nil }
            return text
        }
    }

    /// `[{"code": "...", "share": N}, ...]`, the share a number.
    private mutating func sectorList() -> [SectorShare]? {
        guard consume(0x5B) else { return nil }
        var out: [SectorShare] = []
        skipSpace()
        if consume(0x5D) { return out }
        while true {
            skipSpace()
            guard consume(0x7B) else { return nil }
            var code: String?, share: Double?
            while true {
                skipSpace()
                guard let r = rawString() else { return nil }
                skipSpace()
                guard consume(0x3A) else { return nil }
                skipSpace()
                if equals(r, "code") {
                    guard code == nil, let v = string() else { return nil }
                    code = v
                } else if equals(r, "share") {
                    guard share == nil, let v = number() else { return nil }
                    share = v
                } else {
                    return nil
                }
                skipSpace()
                if consume(0x2C) { continue }
                guard consume(0x7D) else { return nil }
                break
            }
            guard let code, let share else { return nil }
            out.append(SectorShare(code: code, share: share))
            skipSpace()
            if consume(0x2C) { continue }
            guard consume(0x5D) else { return nil }
            return out
        }
    }

    private mutating func stringList() -> [String]? {
        guard consume(0x5B) else { return nil }
        var out: [String] = []
        skipSpace()
        if consume(0x5D) { return out }
        while true {
            skipSpace()
            guard let v = string() else { return nil }
            out.append(v)
            skipSpace()
            if consume(0x2C) { continue }
            guard consume(0x5D) else { return nil }
            return out
        }
    }
}
