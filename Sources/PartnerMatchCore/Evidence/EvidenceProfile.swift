/// What a partner's past projects say about it: how much it funded and when, in which
/// sectors and provinces, and how big its tickets were per instrument.
///
/// Pure: computed from activities (each project once: duplicates already merged, see
/// `EvidenceMerge`) and an optional last year `until`, so that a project can be scored
/// against evidence that does not include itself ("evidence up to year Y"). Activities
/// without a year are left out when `until` is given (they cannot be placed before Y).
///
/// - Values are USD (`EvidenceActivity.value`: commitments, else budgets, else
///   disbursements); an activity without a value counts in `activities` only.
/// - Sector shares split each activity's value by its sector percentages (5-digit
///   codes of vocabulary 1; their categories; vocabulary 2 categories when there is no
///   5-digit code); equal parts when percentages are missing. Shares are of the total
///   value, so value without sectors makes them sum below 1.
/// - Provinces split an activity's value equally among its provinces.
/// - Ticket percentiles interpolate linearly between order statistics (the usual
///   "type 7" definition): p50 of [1, 2, 3, 4] is 2.5.
public struct EvidenceProfile: Sendable, Hashable, Codable {
    public struct YearRow: Sendable, Hashable, Codable {
        public var year: Int
        public var activities: Int
        public var valueUSD: Double
    }

    public struct SectorRow: Sendable, Hashable, Codable {
        public var code: String
        public var valueUSD: Double
        /// Of the profile's total value, in [0, 1].
        public var share: Double
        public var activities: Int
    }

    public struct TicketRow: Sendable, Hashable, Codable {
        /// An instrument, or `unknown`.
        public var instrument: String
        public var count: Int
        public var p10: Double
        public var p50: Double
        public var p90: Double
    }

    public struct ProvinceRow: Sendable, Hashable, Codable {
        public var province: String
        public var activities: Int
        public var valueUSD: Double
    }

    public struct ActivityRow: Sendable, Hashable, Codable {
        public var identifier: String
        public var title: String?
        public var date: String?
        public var valueUSD: Double?
        public var basis: ValueBasis?
        public var instrument: String?
        public var provinces: [String]
    }

    public var until: Int?
    public var activities: Int
    public var withValue: Int
    public var valueUSD: Double
    /// How many activity values came from commitments, budgets, disbursements.
    public var basis: [String: Int]
    public var firstYear: Int?
    public var lastYear: Int?
    public var byYear: [YearRow]
    public var sectors: [SectorRow]
    public var categories: [SectorRow]
    public var tickets: [TicketRow]
    public var provinces: [ProvinceRow]
    public var latest: [ActivityRow]

    public static func compute(_ all: [EvidenceActivity], until: Int? = nil, latest latestCount: Int = 10) -> EvidenceProfile {
        let activities = all.filter { a in
            guard let until else { return true }
            guard let y = a.year else { return false }
            return y <= until
        }
        var total = 0.0, withValue = 0
        var basis: [String: Int] = [:]
        var years: [Int: (Int, Double)] = [:]
        var codes: [String: (Double, Int)] = [:], cats: [String: (Double, Int)] = [:]
        var tickets: [String: [Double]] = [:]
        var provinces: [String: (Int, Double)] = [:]
        for a in activities {
            let v = a.value
            let usd = v?.usd ?? 0
            if let v {
                withValue += 1
                total += v.usd
                basis[v.basis.rawValue, default: 0] += 1
                tickets[a.instrument?.rawValue ?? "unknown", default: []].append(v.usd)
            }
            if let y = a.year { years[y, default: (0, 0)].0 += 1; years[y, default: (0, 0)].1 += usd }
            let fives = a.sectors.filter { $0.vocabulary == "1" }
            let threes = a.sectors.filter { $0.vocabulary == "2" }
            let used = fives.isEmpty ? threes : fives
            let weights = shares(used.map(\.percentage))
            var seenCodes = Set<String>(), seenCats = Set<String>()
            for (s, w) in zip(used, weights) {
                if s.vocabulary == "1" {
                    codes[s.code, default: (0, 0)].0 += usd * w
                    if seenCodes.insert(s.code).inserted { codes[s.code, default: (0, 0)].1 += 1 }
                }
                if let c = s.category {
                    cats[c, default: (0, 0)].0 += usd * w
                    if seenCats.insert(c).inserted { cats[c, default: (0, 0)].1 += 1 }
                }
            }
            let ps = a.provinces
            for p in ps {
                provinces[p, default: (0, 0)].0 += 1
                provinces[p, default: (0, 0)].1 += usd / Double(ps.count)
            }
        }
        func rows(_ d: [String: (Double, Int)]) -> [SectorRow] {
            d.map { SectorRow(code: $0.key, valueUSD: $0.value.0, share: total > 0 ? $0.value.0 / total : 0, activities: $0.value.1) }
                .sorted { $0.valueUSD != $1.valueUSD ? $0.valueUSD > $1.valueUSD : ($0.activities != $1.activities ? $0.activities > $1.activities : $0.code < $1.code) }
        }
        let ticketRows = tickets.map { k, vs -> TicketRow in
            let s = vs.sorted()
            return TicketRow(instrument: k, count: s.count, p10: percentile(s, 0.1), p50: percentile(s, 0.5), p90: percentile(s, 0.9))
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.instrument < $1.instrument }
        let latest = activities.sorted { ($0.startDate ?? "", $0.identifier) > ($1.startDate ?? "", $1.identifier) }.prefix(latestCount).map { a in
            ActivityRow(identifier: a.identifier, title: a.title, date: a.startDate, valueUSD: a.value?.usd, basis: a.value?.basis, instrument: a.instrument?.rawValue, provinces: a.provinces)
        }
        let ys = years.keys.sorted()
        return EvidenceProfile(
            until: until, activities: activities.count, withValue: withValue, valueUSD: total, basis: basis,
            firstYear: ys.first, lastYear: ys.last,
            byYear: ys.map { YearRow(year: $0, activities: years[$0]!.0, valueUSD: years[$0]!.1) },
            sectors: rows(codes), categories: rows(cats), tickets: ticketRows,
            provinces: provinces.map { ProvinceRow(province: $0.key, activities: $0.value.0, valueUSD: $0.value.1) }
                .sorted { $0.activities != $1.activities ? $0.activities > $1.activities : ($0.valueUSD != $1.valueUSD ? $0.valueUSD > $1.valueUSD : $0.province < $1.province) },
            latest: Array(latest))
    }

    /// Weights summing to 1 from percentages; equal weights when they are missing or zero.
    static func shares(_ percentages: [Double?]) -> [Double] {
        guard !percentages.isEmpty else { return [] }
        let given = percentages.compactMap { $0 }.filter { $0 > 0 }
        if given.count == percentages.count {
            let sum = given.reduce(0, +)
            return percentages.map { ($0 ?? 0) / sum }
        }
        return percentages.map { _ in 1 / Double(percentages.count) }
    }

    /// Linear interpolation between order statistics of a sorted, non-empty array.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

private func percentile(_ s: [Double], _ q: Double) -> Double { EvidenceProfile.percentile(s, q) }
