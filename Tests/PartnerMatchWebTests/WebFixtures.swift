import Foundation
import Hummingbird
import HummingbirdTesting
import PartnerMatchCore
import PartnerMatchStore
@testable import PartnerMatchWeb

/// The fixture catalog (Tests/Fixtures/data: three partners, three needs, two rules) in
/// an in-memory store, with the fixture IATI file imported as evidence, behind a desk.
enum WebFixtures {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/data").path
    static let evidence = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/evidence").path
    static let token = "test-csrf-token-0123456789"

    static func desk(allowWrites: Bool = false, evidence withEvidence: Bool = true, extraNeeds: [Need] = []) throws -> Desk {
        let dir = DataDirectory(path: data)
        let reference = try dir.loadReference()
        let store = try CatalogStore.inMemory()
        let (partners, needs) = try dir.loadBundledCatalog(reference: reference)
        try store.replaceCatalog(partners: partners, needs: needs + extraNeeds, meta: [:])
        if withEvidence { _ = try store.importIATI(path: evidence + "/iati-2.03.xml", context: EvidenceContext(reference: reference)) }
        return try Desk(data: dir, reference: reference, store: store, allowWrites: allowWrites, defaultLanguage: .en, csrfSecret: token)
    }

    static func app(_ desk: Desk) -> some ApplicationProtocol {
        Application(router: WebDesk.router(desk: desk))
    }

    /// A form body, percent-encoded.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-_.~")
        return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// A valid new need as the form posts it.
    static func goodNeed(id: String = "sla-water-01", token: String? = WebFixtures.token) -> [(String, String)] {
        var f = [("id", id), ("title_vi", "Cấp nước sạch xã Mường Bú"), ("province", "son la"), ("applicant", "commune"),
                 ("sector", "14030"), ("budget", "VND 5 tỷ"), ("instrument", "grant"), ("themes", ""), ("stage", "")]
        if let token { f.append(("csrf", token)) }
        return f
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
