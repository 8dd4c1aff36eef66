import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation when there is nothing
    /// to trim (first and last characters are ASCII and not white space): the usual case
    /// for attribute values and element texts, read by the thousand per second by an
    /// evidence import. Otherwise Foundation's answer, unchanged.
    var trimmedSpaces: String {
        if isTrimmedASCII(self) { return self }
        return trimmingCharacters(in: .whitespaces)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, with the same fast path.
    var trimmedSpacesAndNewlines: String {
        if isTrimmedASCII(self) { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// True when the first and last bytes are ASCII and not white space or control (so no
/// Unicode white space can sit at either end); true for the empty string.
@inline(__always)
private func isTrimmedASCII(_ s: String) -> Bool {
    let u = s.utf8
    guard let f = u.first, let l = u.last else { return true }
    return f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F
}
