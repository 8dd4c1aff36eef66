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
        var all: [NearestTicket] = []
        for (p, partner) in partners.enumerated() {
            let (d, offer) = nearestOffer(need, partner)
            guard let o = offer else { continue }
            let failed = filterOutcomes(need, partnerAt: p).first { !$0.passed }
            all.append(NearestTicket(
                partnerID: partner.id, instrument: o.instrument, min: o.ticket.min, max: o.ticket.max,
                factor: Double(_exp(Swift.max(d, 0))),
                exclusion: failed.map { Exclusion(partnerID: partner.id, filter: $0.filter, code: $0.code, reason: $0.reason) }))
        }
        all.sort { $0.factor != $1.factor ? $0.factor < $1.factor : $0.partnerID < $1.partnerID }
        return Array(all.prefix(count))
    }
}
