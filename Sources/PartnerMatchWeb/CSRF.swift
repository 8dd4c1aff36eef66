/// The token every write form carries in a hidden field: a secret drawn when the process
/// starts (32 random bytes, hex), so that a page on another site, which cannot read the
/// desk's pages, cannot post a form the desk accepts. Compared in constant time.
struct CSRF: Sendable {
    let token: String

    init(secret: String? = nil) {
        if let secret { token = secret; return }
        var g = SystemRandomNumberGenerator()
        token = (0..<32).map { _ in
            let b = UInt8.random(in: .min ... .max, using: &g)
            return String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16)
        }.joined()
    }

    /// True when `candidate` is the token.
    func accepts(_ candidate: String?) -> Bool {
        guard let candidate else { return false }
        let a = Array(candidate.utf8), b = Array(token.utf8)
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    /// The hidden field.
    var field: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.attr(token))\">" }
}
