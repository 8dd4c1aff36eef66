import Testing
@testable import PartnerMatchCore

/// The catalog hash stamped on every output, pinned: it hashes Foundation `JSONEncoder`
/// output, so a change of the encoder's number or escape formatting (a Foundation
/// update), or of the hashed form, shows here before it changes every stored stamp.
/// A deliberate change of `Partner`, `Rule` or `EvidenceSummary` changes these values
/// too: then re-pin them and say so.
@Suite struct CatalogHashTests {
    @Test func theHashOfAFixedCatalogIsPinned() throws {
        #expect(EngineFixtures.catalog().catalogHash == "2b92c0bea3b294747889904fff86e0546e8722ce5e9fa79ed336f336097c9a5c")
        let evidence = ["agri-fund": EvidenceSummary.compute(EvidenceFeatureTests.agriFund)]
        #expect(
            EngineFixtures.catalog(EvidenceFeatureTests.rule, evidence: evidence).catalogHash
                == "f791e2e9a99137b6d9cec7b3ab67a475635f057a756d8235fb7f4105d64a030d")
    }

    /// A figure that JSON cannot hold (NaN, infinity) still hashes, and differently from
    /// any finite value: it used to make the encoder throw, and the partner hashed as an
    /// empty line.
    @Test func aNonFiniteFigureHashesAndIsTold() throws {
        var partners = EngineFixtures.partners
        let base = EngineFixtures.catalog(partners: partners).catalogHash
        var hashes: Set<String> = [base]
        for value in [Double.nan, .infinity, -.infinity] {
            partners[0].instruments[0].ticket.min = value
            hashes.insert(try CatalogHash.hashing(partners: partners.sorted { $0.id < $1.id }, rule: EngineFixtures.defaultRule))
        }
        #expect(hashes.count == 4)
    }
}
