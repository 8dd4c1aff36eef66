/// A partner's ticket range nearest to a need's budget, among its offers of an
/// instrument compatible with the need's, and whether a filter excludes the partner.
public struct NearestTicket: Sendable, Hashable {
    public var partnerID: String
    public var instrument: Instrument
    public var min: Double
    public var max: Double
    /// How many times the budget lies outside the range (above the maximum or below the
    /// minimum); 1 inside it.
    public var factor: Double
    /// The first filter that excludes the partner; nil when none does.
    public var exclusion: Exclusion?

    public init(partnerID: String, instrument: Instrument, min: Double, max: Double, factor: Double, exclusion: Exclusion?) {
        self.partnerID = partnerID
        self.instrument = instrument
        self.min = min
        self.max = max
        self.factor = factor
        self.exclusion = exclusion
    }
}

extension CompiledCatalog {
    /// The `count` partners whose compatible ticket range is nearest to the need's
    /// budget (by the factor the budget lies outside it; ties by partner id), with the
    /// filter that excludes each: what to say when every partner is excluded. Partners
    /// with no compatible offer are left out. Uses the filters' own distance
    /// (`nearestOffer`), so the factors are those of the budget filter's reasons.
    public func nearestTickets(_ need: Need, count: Int = 3) -> [NearestTicket] {
        // The order depends on the ranges alone: find the nearest first, and run the
        // filters (which build reasons) only for the `count` that are shown.
        let compatible = rule.compatible(need.instrument)
        var all: [(partner: Int, offer: InstrumentOffer, factor: Double)] = []
        for p in partners.indices {
            let (d, offer) = nearestOffer(need, partners[p].instruments, compatible: compatible)
            guard let o = offer else { continue }
            all.append((p, o, Double(_exp(Swift.max(d, 0)))))
        }
        all.sort { $0.factor != $1.factor ? $0.factor < $1.factor : partners[$0.partner].id < partners[$1.partner].id }
        return all.prefix(count).map { t in
            let id = partners[t.partner].id
            let failed = filterOutcomes(need, partnerAt: t.partner).first { !$0.passed }
            return NearestTicket(
                partnerID: id, instrument: t.offer.instrument, min: t.offer.ticket.min, max: t.offer.ticket.max, factor: t.factor,
                exclusion: failed.map { Exclusion(partnerID: id, filter: $0.filter, code: $0.code, reason: $0.reason) })
        }
    }
}
