import Foundation
import PartnerMatchCore

/// Escaping and small pieces of markup. Every text from a user, a need or the catalog goes
/// through `HTML.text` (element content) or `HTML.attr` (a quoted attribute value); ids in
/// URLs go through `HTML.path`.
enum HTML {
    /// Escapes `& < > " '` so that the text can stand in element content and in a
    /// double- or single-quoted attribute alike (the brief's escaping).
    static func text(_ s: String) -> String { BriefText.escapeHTML(s) }

    static func attr(_ s: String) -> String { text(s) }

    /// A path segment, percent-encoded (need ids allow letters, digits, `-`, `_` and `.`
    /// only, but a URL is built from whatever the request named).
    static func path(_ s: String) -> String {
        // Ids are mostly plain already: keep them as they are without Foundation's encoder.
        if s.utf8.allSatisfy({ unreserved[Int($0)] }) { return s }
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// RFC 3986's unreserved characters: ASCII letters and digits, `-`, `_`, `.`, `~`.
    private static let allowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-_.~")
        return set
    }()

    /// `allowed` by byte, for the fast path.
    private static let unreserved: [Bool] = (0..<256).map { b in
        guard b < 128, let scalar = Unicode.Scalar(UInt32(b)) else { return false }
        return allowed.contains(scalar)
    }

    /// A query string from pairs, percent-encoded, without the empty values.
    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { k, v -> String? in
            guard let v, !v.isEmpty else { return nil }
            return path(k) + "=" + path(v)
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

/// The language of a page and its labels: `t("Needs", "Nhu cầu")` picks one.
struct Lang: Sendable {
    let language: Language

    func t(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }

    /// `t`, escaped for HTML.
    func h(_ en: String, _ vi: String) -> String { HTML.text(t(en, vi)) }

    var code: String { language.rawValue }

    func usd(_ v: Double) -> String { NumberFormat.compactUSD(v, language: language) }
    func number(_ v: Double, decimals: Int = 0) -> String { NumberFormat.grouped(v, language: language, decimals: decimals) }
    func score(_ v: Double) -> String { BriefText.score(v, language) }
}
