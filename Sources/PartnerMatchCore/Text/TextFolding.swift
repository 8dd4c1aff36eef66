import Foundation

/// Folding of Vietnamese text for search and lookups.
///
/// Case-, diacritic- and Unicode-form-insensitive: NFC and NFD input fold alike, and
/// Đ/đ (a separate letter, not a diacritic) folds to d. "Điện Biên", "dien bien" and
/// "DIEN  BIEN" all fold to `dien bien`.
public enum TextFolding {
    /// Folds `text` to lower-case ASCII-like letters with single spaces.
    /// Hyphens, dots, commas and other punctuation become spaces.
    public static func fold(_ text: String) -> String {
        foldASCII(text) ?? foldUnicode(text)
    }

    /// `fold` scalar by scalar, for any text.
    static func foldUnicode(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in decomposed.unicodeScalars {
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark || props.generalCategory == .enclosingMark { continue }
            var s = scalar
            switch s.value {
            case 0x0110, 0x0111, 0x00D0, 0x0189: s = "d"  // Đ đ Ð Ɖ
            default: break
            }
            if props.isAlphabetic || props.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                for l in String(s).lowercased().unicodeScalars { out.append(l) }
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// `fold` of an ASCII text, byte by byte (the same result: ASCII letters and digits are
    /// the only ASCII scalars that are alphabetic or numeric, and NFD leaves ASCII as it
    /// is); nil when the text is not ASCII. Evidence imports fold every organisation name.
    static func foldASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { u -> String? in
            var out = [UInt8]()
            out.reserveCapacity(u.count)
            var pendingSpace = false
            for c in u {
                if c >= 0x80 { return nil }
                let lower = c | 0x20
                if (lower >= 0x61 && lower <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(c >= 0x41 && c <= 0x5A ? lower : c)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// True when every word of `query` starts a word of `text`, in order of appearance or not.
    /// Both are folded first. "quy phat trien" matches "Quỹ Phát triển Ả Rập Xê Út".
    public static func matches(query: String, in foldedText: String) -> Bool {
        matches(foldedQuery: fold(query), in: foldedText)
    }

    /// `matches` with the query already folded, so a search folds it once, not once per
    /// partner.
    public static func matches(foldedQuery q: String, in foldedText: String) -> Bool {
        if q.isEmpty { return true }
        if foldedText.contains(q) { return true }
        let words = foldedText.split(separator: " ")
        return q.split(separator: " ").allSatisfy { qw in words.contains { $0.hasPrefix(qw) } }
    }

    /// Levenshtein distance between two short strings, for "did you mean" suggestions.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The longest text that gets suggestions: edit distance costs the product of the
    /// lengths, and a megabyte-long id is no typo of a short one.
    public static let maximumSuggestionLength = 200

    /// The candidates closest to `text` by edit distance on folded forms, nearest first;
    /// none for a text longer than `maximumSuggestionLength` characters.
    public static func nearest(_ text: String, among candidates: [String], limit: Int = 3) -> [String] {
        guard text.utf8.count <= maximumSuggestionLength * 4, text.count <= maximumSuggestionLength else { return [] }
        let f = fold(text)
        // A candidate that starts with or contains the text counts as distance 1.
        let scored = candidates.map { c -> (String, Int) in
            let fc = fold(c)
            return (c, !f.isEmpty && fc != f && fc.contains(f) ? 1 : editDistance(f, fc))
        }
        let cutoff = Swift.max(2, f.count / 2)
        return scored.filter { $0.1 <= cutoff }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(limit).map(\.0)
    }
}
