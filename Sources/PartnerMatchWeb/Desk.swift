import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// What the web desk is started with (`partnermatch-web`'s flags).
public struct WebConfiguration: Sendable {
    /// The catalog database; see `WebConfiguration.defaultDatabasePath`.
    public var databasePath: String
    /// The bundled data folder, else located as the CLI does (`DataDirectory.locate`).
    public var dataPath: String?
    /// Adding and editing needs through forms; read-only without it.
    public var allowWrites: Bool
    /// The language of a page without `?lang=`.
    public var defaultLanguage: Language
    /// The program's environment and path, which only the executable reads: the data
    /// folder and database are found from them as the CLI finds its own.
    public var environment: [String: String]
    public var executablePath: String?

    public init(databasePath: String? = nil, dataPath: String? = nil, allowWrites: Bool = false, defaultLanguage: Language = .en,
                environment: [String: String] = [:], executablePath: String? = nil) {
        self.databasePath = databasePath ?? DatabaseLocation.defaultPath(environment: environment)
        self.dataPath = dataPath
        self.environment = environment
        self.executablePath = executablePath
        self.allowWrites = allowWrites
        self.defaultLanguage = defaultLanguage
    }
}

/// A partner's evidence as its page shows it: the profile and every project's value.
struct PartnerEvidence: Sendable {
    var profile: EvidenceProfile
    var values: [Double]
}

/// A bundled rule as the rule picker lists it.
struct RuleInfo: Sendable {
    var name: String
    var rule: Rule
}

/// The state the pages are answered from: reference data, the store, the partners and
/// needs in memory, and one compiled catalog per bundled rule (compiled on first use).
///
/// Requests run concurrently: the mutable parts (needs, compiled catalogs, evidence
/// summaries) are read and replaced under a lock; what they hold is immutable.
public final class Desk: @unchecked Sendable {
    public let data: DataDirectory
    public let reference: ReferenceData
    public let store: CatalogStore
    public let allowWrites: Bool
    public let defaultLanguage: Language
    /// The per-process secret every write form carries (see `CSRF`).
    let csrf: CSRF
    let rules: [RuleInfo]
    let partners: [Partner]
    private let partnerIndex: [String: Int]
    /// The renderer of the meeting dossier, when one is wired (see `Routes+Dossier.swift`).
    public var dossier: DossierRenderer?

    private let lock = NSLock()
    private var needList: [Need] = []
    private var needIndex: [String: Int] = [:]
    /// Each need's folded search text (id, titles, province, commune, sectors).
    private var needSearch: [String] = []
    private var compiled: [String: CompiledCatalog] = [:]
    private var evidence: [String: EvidenceSummary]?
    /// Each partner's evidence, read once: what the partner page charts.
    private var partnerEvidence: [String: PartnerEvidence] = [:]

    /// Opens the configured database, creating it from the bundled data when it does not
    /// exist (as every `partnermatch` command does), and says so on `note`.
    public static func open(_ configuration: WebConfiguration, note: (String) -> Void = { _ in }) throws -> Desk {
        let dir = try DataDirectory.locate(explicit: configuration.dataPath, environment: configuration.environment["PARTNERMATCH_DATA"], executable: configuration.executablePath)
        let reference = try dir.loadReference()
        let path = configuration.databasePath
        let existed = FileManager.default.fileExists(atPath: path)
        let store = try CatalogStore.open(path: path)
        if !existed {
            let (partners, needs) = try dir.loadBundledCatalog(reference: reference)
            try store.replaceCatalog(partners: partners, needs: needs, meta: ["created-from": dir.path])
            note("created database \(path) from the bundled data (\(partners.count) partners, \(needs.count) needs)")
        }
        return try Desk(data: dir, reference: reference, store: store, allowWrites: configuration.allowWrites, defaultLanguage: configuration.defaultLanguage)
    }

    public init(data: DataDirectory, reference: ReferenceData, store: CatalogStore, allowWrites: Bool, defaultLanguage: Language = .en, csrfSecret: String? = nil) throws {
        self.data = data
        self.reference = reference
        self.store = store
        self.allowWrites = allowWrites
        self.defaultLanguage = defaultLanguage
        csrf = CSRF(secret: csrfSecret)
        rules = try RuleLibrary(data: data).all().map { RuleInfo(name: URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent, rule: $0.rule) }
        partners = try store.partners()
        partnerIndex = Dictionary(partners.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        try reloadNeeds()
    }

    // MARK: Partners and needs

    func partner(id: String) -> Partner? { partnerIndex[id].map { partners[$0] } }

    var needs: [Need] { lock.withLock { needList } }

    func need(id: String) -> Need? {
        lock.withLock { needIndex[id].map { needList[$0] } }
    }

    /// The needs whose id, titles, province, commune or sectors match every word of
    /// `query` (folded: case, diacritics and Đ ignored).
    func searchNeeds(_ query: String) -> [Need] {
        let q = TextFolding.fold(query)
        return lock.withLock {
            q.isEmpty ? needList : zip(needList, needSearch).filter { TextFolding.matches(foldedQuery: q, in: $0.1) }.map(\.0)
        }
    }

    /// Reads the needs again from the store (after a write).
    func reloadNeeds() throws {
        let list = try store.needs()
        let search = list.map { n -> String in
            let province = reference.provinces.unit(id: n.province)?.name ?? n.province
            let sectors = n.sectors.map { s in [s.code, reference.sectors.name(of: s.code, language: .en) ?? "", reference.sectors.name(of: s.code, language: .vi) ?? ""].joined(separator: " ") }
            return TextFolding.fold(([n.id, n.title.en ?? "", n.title.vi ?? "", province, n.commune ?? ""] + sectors).joined(separator: " "))
        }
        lock.withLock {
            needList = list
            needIndex = Dictionary(list.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            needSearch = search
        }
    }

    // MARK: Rules and rankings

    /// The bundled rule by name, or nil.
    func rule(named name: String) -> RuleInfo? { rules.first { $0.name == name } }

    var defaultRule: RuleInfo { rule(named: "default") ?? rules[0] }

    /// The catalog that ranks `need` under a rule: its windows judged as they stood in the
    /// need's year (`CompiledCatalog.judging`), as every CLI command and `serve` rank it.
    func catalog(_ info: RuleInfo, for need: Need) throws -> CompiledCatalog {
        try catalog(info).judging(need)
    }

    /// The catalog compiled for a bundled rule, compiled once (with the evidence
    /// summaries when the rule uses evidence features) and kept for the process.
    func catalog(_ info: RuleInfo) throws -> CompiledCatalog {
        if let c = lock.withLock({ compiled[info.name] }) { return c }
        var summaries: [String: EvidenceSummary] = [:]
        if info.rule.features.used.contains(where: \.isEvidence) {
            if let e = lock.withLock({ evidence }) { summaries = e } else {
                summaries = try store.evidenceSummaries(until: nil)
                lock.withLock { evidence = summaries }
            }
        }
        let c = CompiledCatalog(partners: partners, reference: reference, rule: info.rule, evidence: summaries)
        lock.withLock { compiled[info.name] = c }
        return c
    }

    /// Compiles every bundled rule now, so that the first page is fast.
    public func warmUp() throws {
        for r in rules { _ = try catalog(r) }
    }

    /// The past projects of the ranked partners closest to the need, for the brief.
    func pastProjects(_ ranking: Ranking, need: Need) throws -> [String: [PastProject]] {
        let shown = Set(ranking.entries.map(\.partnerID))
        return PastProject.byPartner(try store.evidenceActivitiesByPartner(only: shown), to: need, taxonomy: reference.sectors)
    }

    /// What a partner has funded, from the evidence as it stood when first asked (the
    /// rankings, too, use the evidence read at start: restart the desk after an import).
    func evidence(partnerID: String) throws -> PartnerEvidence {
        if let e = lock.withLock({ partnerEvidence[partnerID] }) { return e }
        let activities = try store.evidenceActivities(partnerID: partnerID)
        let e = PartnerEvidence(profile: EvidenceProfile.compute(activities, latest: 8), values: activities.compactMap { $0.value?.usd })
        lock.withLock { partnerEvidence[partnerID] = e }
        return e
    }

    // MARK: Writes

    /// Adds a new need or replaces a stored one (already validated), then reloads.
    func save(_ need: Need, isNew: Bool) throws {
        if isNew { try store.addNeed(need) } else { try store.updateNeed(need) }
        try reloadNeeds()
    }

    var counts: (partners: Int, needs: Int) { (partners.count, lock.withLock { needList.count }) }
}

extension Desk {
    /// For the start-up line.
    public var partnerCount: Int { counts.partners }
    public var needCount: Int { counts.needs }
}
