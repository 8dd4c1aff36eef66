import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// The state a long-running service answers from: reference data, the store, and the
/// catalog loaded once (reloaded by `catalog.reload`).
public final class ServiceSession {
    public let data: DataDirectory
    public let reference: ReferenceData
    public let store: CatalogStore
    /// The partners, sorted by id, and the catalog hash's state after them.
    public private(set) var hashedPartners: HashedPartners
    public var partners: [Partner] { hashedPartners.partners }
    /// Stored needs by id, kept in memory so that `rank` by id does not query SQLite.
    private var needCache: [String: Need] = [:]
    public let allowWrites: Bool
    /// Called after the catalog is reloaded, so that compiled state can be rebuilt.
    public var onReload: [(ServiceSession) -> Void] = []

    /// Threads to rank many needs of one request on (the program decides: `serve` and
    /// `mcp` use every core).
    public let threads: Int

    public init(data: DataDirectory, reference: ReferenceData, store: CatalogStore, allowWrites: Bool, threads: Int) throws(StoreError) {
        self.threads = max(1, threads)
        self.data = data
        self.reference = reference
        self.store = store
        self.allowWrites = allowWrites
        hashedPartners = try store.hashedPartners()
        needCache = Dictionary(try store.needs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func reload() throws(JSONRPC.Failure) {
        do {
            hashedPartners = try store.hashedPartners()
            needCache = Dictionary(try store.needs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        } catch { throw JSONRPC.Failure(.storeError, "Store error: \(error)") }
        for hook in onReload { hook(self) }
    }

    /// A stored need by id (from memory), or -32001 with the nearest ids.
    public func need(id: String) throws(JSONRPC.Failure) -> Need {
        if let n = needCache[id] { return n }
        let near = TextFolding.nearest(id, among: Array(needCache.keys))
        throw JSONRPC.Failure(.unknownNeed, "Unknown need \"\(JSONRPC.clip(id))\"", data: near.isEmpty ? ["id": JSONRPC.clip(id)] : ["id": JSONRPC.clip(id), "suggestions": near.sorted().joined(separator: ",")])
    }

    /// Keeps the cache in step with writes made through the service.
    func cached(_ need: Need?, removing id: String? = nil) {
        if let need { needCache[need.id] = need }
        if let id { needCache[id] = nil }
    }

    func storeCall<T>(_ body: () throws(StoreError) -> T) throws(JSONRPC.Failure) -> T {
        do { return try body() } catch {
            switch error {
            case .unknownNeed(let id, let near): throw JSONRPC.Failure(.unknownNeed, "Unknown need \"\(JSONRPC.clip(id))\"", data: near.isEmpty ? ["id": JSONRPC.clip(id)] : ["id": JSONRPC.clip(id), "suggestions": near.joined(separator: ",")])
            case .unknownPartner(let id, let near): throw JSONRPC.Failure(.unknownPartner, "Unknown partner \"\(JSONRPC.clip(id))\"", data: near.isEmpty ? ["id": JSONRPC.clip(id)] : ["id": JSONRPC.clip(id), "suggestions": near.joined(separator: ",")])
            case .duplicateNeed(let id): throw JSONRPC.Failure(.invalidNeed, "Need \"\(id)\" already exists", data: ["id": JSONRPC.clip(id)])
            default: throw JSONRPC.Failure(.storeError, "Store error: \(error)")
            }
        }
    }
}

/// A partner in lists: enough to choose, without the sources.
public struct PartnerSummary: Codable, Sendable {
    public struct Offer: Codable, Sendable {
        public var instrument: Instrument
        public var min: Double
        public var typical: Double
        public var max: Double
    }

    public var id: String
    public var name: LocalizedText
    public var kind: PartnerKind
    public var origin: String
    public var instruments: [Offer]

    public init(_ p: Partner) {
        id = p.id
        name = p.name
        kind = p.kind
        origin = p.origin
        instruments = p.instruments.map { Offer(instrument: $0.instrument, min: $0.ticket.min, typical: $0.ticket.typical, max: $0.ticket.max) }
    }
}

/// The catalog methods: `version`, `partners.*`, `needs.*`, `catalog.reload`.
public enum CatalogMethods {
    struct IDParams: Decodable { var id: String }
    struct SearchParams: Decodable { var text: String }
    /// The longest search text: a name or a few words, never a document.
    public static let maximumSearchLength = 1000
    struct NeedsListParams: Decodable { var province: String? }
    struct NeedAddParams: Decodable { var need: Need }
    struct PartnersListParams: Decodable {
        var sector: String?
        var instrument: Instrument?
        var kind: PartnerKind?
        var origin: String?
        var theme: String?
        var province: String?
    }

    static func province(_ text: String, _ reference: ReferenceData, field: String) throws(JSONRPC.Failure) -> String {
        do throws(Gazetteer.Unresolved) { return try reference.provinces.require(text).id } catch {
            throw JSONRPC.Failure(.invalidParams, "Invalid params: \(field): \(error)", data: ["field": field])
        }
    }

    public static func register(on server: RPCServer, session s: ServiceSession, version: String) {
        server.register("version") { params throws(JSONRPC.Failure) in
            try RPCParams.none(params)
            struct V: Encodable { var name: String; var version: String; var partners: Int; var protocolVersion: String }
            return try JSONRPC.encode(V(name: "partnermatch", version: version, partners: s.partners.count, protocolVersion: "2.0"))
        }
        server.register("partners.list") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(PartnersListParams.self, params)
            var f = PartnerFilter(instrument: p.instrument, kind: p.kind, origin: p.origin)
            if let sector = p.sector {
                guard s.reference.sectors.resolve(sector) != nil else {
                    throw JSONRPC.Failure(.invalidParams, "Invalid params: params.sector: unknown sector code \"\(sector)\"; nearest valid codes: \(s.reference.sectors.suggestions(for: sector).joined(separator: ", "))", data: ["field": "params.sector"])
                }
                f.sector = sector
            }
            if let t = p.theme {
                guard let theme = s.reference.themes.resolve(t) else {
                    throw JSONRPC.Failure(.invalidParams, "Invalid params: params.theme: unknown theme \"\(t)\"", data: ["field": "params.theme"])
                }
                f.theme = theme.id
            }
            if let pr = p.province { f.province = try province(pr, s.reference, field: "params.province") }
            return try JSONRPC.encode(f.apply(s.partners, reference: s.reference).map(PartnerSummary.init))
        }
        server.register("partners.get") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(IDParams.self, params)
            return try JSONRPC.encode(try s.storeCall { () throws(StoreError) in try s.store.requirePartner(id: p.id) })
        }
        server.register("partners.search") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(SearchParams.self, params)
            guard p.text.count <= CatalogMethods.maximumSearchLength else {
                throw JSONRPC.Failure(.invalidParams, "Invalid params: params.text: \(p.text.count) characters; expected at most \(CatalogMethods.maximumSearchLength)", data: ["field": "params.text"])
            }
            return try JSONRPC.encode(PartnerFilter.search(p.text, in: s.partners).map(PartnerSummary.init))
        }
        server.register("needs.list") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(NeedsListParams.self, params)
            var needs = try s.storeCall { () throws(StoreError) in try s.store.needs() }
            if let pr = p.province {
                let id = try province(pr, s.reference, field: "params.province")
                needs = needs.filter { $0.province == id }
            }
            return try JSONRPC.encode(needs)
        }
        server.register("needs.get") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(IDParams.self, params)
            return try JSONRPC.encode(try s.need(id: p.id))
        }
        server.register("catalog.reload") { params throws(JSONRPC.Failure) in
            try RPCParams.none(params)
            try s.reload()
            struct R: Encodable { var partners: Int; var needs: Int }
            let needs = try s.storeCall { () throws(StoreError) in try s.store.counts().needs }
            return try JSONRPC.encode(R(partners: s.partners.count, needs: needs))
        }
        guard s.allowWrites else {
            for m in ["needs.add", "needs.remove"] { server.hint(m, "the server is read-only; start it with --allow-writes") }
            return
        }
        server.register("needs.add") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(NeedAddParams.self, params)
            let need: Need
            do throws(ValidationIssues) { need = try Validator(reference: s.reference).validate(p.need) } catch {
                let first = error.issues[0]
                throw JSONRPC.Failure(.invalidNeed, "Invalid need: params.need.\(first.field): \(first.message)", data: ["field": "params.need.\(first.field)"])
            }
            try s.storeCall { () throws(StoreError) in try s.store.addNeed(need) }
            s.cached(need)
            return try JSONRPC.encode(need)
        }
        server.register("needs.remove") { params throws(JSONRPC.Failure) in
            let p = try RPCParams.decode(IDParams.self, params)
            try s.storeCall { () throws(StoreError) in try s.store.removeNeed(id: p.id) }
            s.cached(nil, removing: p.id)
            struct R: Encodable { var removed: String }
            return try JSONRPC.encode(R(removed: p.id))
        }
    }
}
