/// What a ranking's reader must know besides the ranking itself: the defaults that were
/// assumed in stating the need. Printed on stderr under a table, and as members of the
/// JSON outputs (`rank --format json`, `score`, `serve`'s rank answers).
public struct RankingNotes: Sendable, Hashable {
    public var assumed: [AssumedDefault]

    public init(assumed: [AssumedDefault] = []) {
        self.assumed = assumed
    }

    public var isEmpty: Bool { assumed.isEmpty }

    /// The lines for stderr, without the program's prefix: "assumed: province national
    /// (not given; ...); applicant province (...)".
    public var lines: [String] {
        AssumedDefault.line(assumed).map { [$0] } ?? []
    }

    /// The JSON members, key and compact value, in key order; none when nothing is to
    /// be said, so that the outputs of needs stated in full do not change.
    public var jsonMembers: [(key: String, value: String)] {
        assumed.isEmpty ? [] : [("assumed", AssumedDefault.json(assumed))]
    }
}
