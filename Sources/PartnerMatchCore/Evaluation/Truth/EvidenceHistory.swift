import Foundation

/// The evidence of past projects, given to each need without its own future: evidence
/// features for a need are computed from activities that started before the need's year,
/// or, when folds are given, from the activities of the other folds only. So a past
/// project scored as a need never sees itself, nor anything later.
///
/// ```swift
/// let history = EvidenceHistory(activitiesByPartner: store.evidenceActivitiesByPartner())
/// history.key(for: need)            // .until(2002) for a need dated 2003-05-01
/// history.summaries(for: .until(2002))
/// ```
public struct EvidenceHistory: Sendable {
    /// Summaries already computed, by key: tuning builds a feature matrix per parameter
    /// value, all over the same evidence.
    final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var summaries: [Key: [String: EvidenceSummary]] = [:]
    }
    let cache = Cache()

    /// Which evidence a need may see.
    public enum Key: Sendable, Hashable, Comparable {
        /// Everything (a need without a date, not in any fold).
        case all
        /// Activities that started in or before the year.
        case until(Int)
        /// Activities not in the fold.
        case withoutFold(Int)
    }

    /// Each partner's funded activities (each once).
    public let activitiesByPartner: [String: [EvidenceActivity]]
    /// The fold of each need id, and of each activity identifier, in fold mode.
    public let needFolds: [String: Int]
    public let activityFolds: [String: Int]

    /// - Parameter folds: `(need, fold, activity)` of fold mode (`EvidenceTruth.foldsTSV`);
    ///   empty for year mode.
    public init(activitiesByPartner: [String: [EvidenceActivity]], folds: [(need: String, fold: Int, activity: String)] = []) {
        self.activitiesByPartner = activitiesByPartner
        needFolds = Dictionary(folds.map { ($0.need, $0.fold) }, uniquingKeysWith: { a, _ in a })
        activityFolds = Dictionary(folds.map { ($0.activity, $0.fold) }, uniquingKeysWith: { a, _ in a })
    }

    /// The evidence a need may see: its fold's complement in fold mode, else the years
    /// before its date's year.
    public func key(for need: Need) -> Key {
        if let f = needFolds[need.id] { return .withoutFold(f) }
        if let year = need.date.flatMap({ EvidenceDates.year(of: $0) }) { return .until(year - 1) }
        return .all
    }

    /// The needs' indices grouped by the evidence they may see, keys ascending.
    public func groups(_ needs: [Need]) -> [(key: Key, members: [Int])] {
        Dictionary(grouping: needs.indices, by: { key(for: needs[$0]) }).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Each partner's summary of the evidence `key` allows.
    public func summaries(for key: Key) -> [String: EvidenceSummary] {
        cache.lock.lock()
        let known = cache.summaries[key]
        cache.lock.unlock()
        if let known { return known }
        let computed = activitiesByPartner.mapValues { activities in
            switch key {
            case .all: EvidenceSummary.compute(activities)
            case .until(let y): EvidenceSummary.compute(activities, until: y)
            case .withoutFold(let f): EvidenceSummary.compute(activities.filter { activityFolds[$0.identifier] != f })
            }
        }
        cache.lock.lock()
        cache.summaries[key] = computed
        cache.lock.unlock()
        return computed
    }

    /// The needs that may see every piece of evidence (no date and no fold): scored as
    /// past projects, they would see themselves.
    public func unbounded(_ needs: [Need]) -> [Need] { needs.filter { key(for: $0) == .all } }

    /// Parses `need<TAB>fold<TAB>activity` lines (a byte-order mark and CRLF line ends
    /// are accepted).
    /// - Throws: `InputError` naming the line that is not of that form, or that assigns a
    ///   need a second time.
    public static func parseFolds(_ text: String, file: String) throws(InputError) -> [(need: String, fold: Int, activity: String)] {
        var out: [(need: String, fold: Int, activity: String)] = []
        var seen: [String: Int] = [:]
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // "\r\n" is one Character in Swift: split on it as on "\n".
        for (i, line) in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let fold = Int(fields[1]), fold >= 1, !fields[0].isEmpty, !fields[2].isEmpty else {
                throw InputError(file: file, line: i + 1, message: "expected need_id<TAB>fold<TAB>activity_id with a fold of 1 or more")
            }
            if let first = seen[String(fields[0])] {
                throw InputError(file: file, line: i + 1, message: "need \"\(fields[0])\" is assigned a fold again (first on line \(first))")
            }
            seen[String(fields[0])] = i + 1
            out.append((String(fields[0]), fold, String(fields[2])))
        }
        return out
    }
}
