import Foundation
import PropertyBased
import Testing
@testable import PartnerMatchCore

/// Issue 14, item 11: every rule that passes validation gives finite scores.
@Suite struct RuleRangeTests {
    func failure(_ features: String) -> String? {
        do { _ = try Rule.parse("{\"name\": \"t\", \"version\": \"1\", \"features\": \(features)}"); return nil } catch { return error.description }
    }

    @Test func theReportedRulesAreRefused() {
        // scaleFit.width below 1e-39: the best-fitting partners scored NaN.
        #expect(failure(#"{"sectorFit": {"weight": 1}, "scaleFit": {"weight": 1, "width": 1e-40}}"#)?.contains("features.scaleFit.width: 1e-40 is out of range; expected a number from 0.01 to 10 (decades)") == true)
        #expect(failure(#"{"ticketEvidence": {"weight": 1, "width": 0.001}}"#)?.contains("features.ticketEvidence.width") == true)
        // A weight of 1e307: everyone scored 100.
        #expect(failure(#"{"sectorFit": {"weight": 1e307}, "scaleFit": {"weight": 1}}"#)?.contains("features.sectorFit.weight: 1e+307 is out of range; expected a finite number from 0 to 1000") == true)
        // Two weights of 1e308: the sum overflowed and everyone was excluded.
        #expect(failure(#"{"sectorFit": {"weight": 1e308}, "scaleFit": {"weight": 1e308}}"#)?.contains("features.sectorFit.weight") == true)
        #expect(failure(#"{"sectorFit": {"weight": 1e-300}}"#)?.contains("features: the weights sum to 1e-300; expected a sum of at least 1e-06") == true)
        #expect(failure(#"{"sectorEvidence": {"weight": 1, "saturation": 1e-300}}"#)?.contains("features.sectorEvidence.saturation") == true)
        #expect(failure(#"{"presence": {"weight": 1, "low": 1e-300, "high": 1}}"#)?.contains("features.presence.low") == true)
        #expect(failure(#"{"presence": {"weight": 1, "low": 1000000, "high": 1000000.000001}}"#)?.contains("features.presence.high") == true)
        #expect(failure(#"{"sectorFit": {"weight": 1000}, "scaleFit": {"weight": 1, "width": 0.01}}"#) == nil)
    }

    /// Rules at the edges of every accepted range, against needs at the edges of the
    /// accepted amounts: every score and every explanation is finite and in [0, 100].
    @Test func edgeRulesGiveFiniteScores() async {
        await propertyCheck(count: 40, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix(seed: seed)
            func w() -> Double { [0, 1e-6, 0.001, 1, 999.9, 1000].randomElement(using: &rng)! }
            func u() -> Double { [0, 1e-300, 0.5, 1].randomElement(using: &rng)! }
            func width() -> Double { [0.01, 0.010001, 10].randomElement(using: &rng)! }
            var features = FeatureSettings(
                sectorFit: SectorFitParameters(weight: w(), exact: u(), category: u(), group: u()),
                scaleFit: ScaleFitParameters(weight: w(), width: width()),
                instrumentFit: InstrumentFitParameters(weight: w(), values: Dictionary(uniqueKeysWithValues: Instrument.allCases.map { ($0, u()) })),
                themeFit: ThemeFitParameters(weight: w(), neutral: u()),
                geographyFit: GeographyFitParameters(weight: w(), province: u(), region: u(), areaFlag: u(), nationwide: u()),
                cofinancing: CofinancingParameters(weight: w(), notRequired: u(), unknown: u()),
                presence: PresenceParameters(weight: w(), low: [1, 1e12].randomElement(using: &rng)!, high: 1e13, unknown: u()),
                sectorEvidence: SectorEvidenceParameters(weight: w(), exact: u(), category: u(), group: u(), saturation: [0.01, 1].randomElement(using: &rng)!, fallback: u()),
                ticketEvidence: TicketEvidenceParameters(weight: w(), width: width(), fallback: u()),
                provinceEvidence: ProvinceEvidenceParameters(weight: w(), saturation: [1, 1000].randomElement(using: &rng)!, region: u(), fallback: u()))
            if Feature.allCases.allSatisfy({ features.weight($0) == 0 }) { features.sectorFit = SectorFitParameters(weight: 1e-6) }
            let filters = FilterSettings(budgetTolerance: [1, 1e6].randomElement(using: &rng)!)
            let rule: Rule
            do { rule = try Rule(name: "edge", version: "1", filters: filters, features: features) } catch {
                Issue.record("seed \(seed): an edge rule was refused: \(error)")
                return
            }
            let partners = RandomCatalog.partners(30, seed: seed)
            let catalog = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: rule, evidence: RandomCatalog.evidence(for: partners, seed: seed))
            for (i, var need) in RandomCatalog.needs(4, seed: seed).enumerated() {
                need.budgetUSD = [0.01, 1, 1e13, need.budgetUSD][i % 4]
                need.counterpartUSD = [nil, 0, 1e13, 5][i % 4]
                for (id, s) in catalog.allScores(need) {
                    #expect(s.isFinite && (s == -1 || (s >= 0 && s <= 100)), "seed \(seed) \(id): \(s)")
                    let e = catalog.explain(need, partnerID: id)!
                    #expect(e.score.isFinite && (e.score == -1 || (e.score >= 0 && e.score <= 100)), "seed \(seed) \(id): \(e.score)")
                    for f in e.features { #expect(f.value.isFinite && f.contribution.isFinite, "seed \(seed) \(f.feature)") }
                }
            }
        }
    }

    /// NaN was written as `null` (explain answered `null`): every JSON writer refuses it.
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func jsonWritersRefuseNonFiniteNumbers(_ v: Double) throws {
        #expect(throws: JSONText.NonFiniteNumber.self) { try JSONText.number(v) }
        struct Figure: Encodable { var value: Double }
        #expect(throws: JSONText.NonFiniteNumber.self) { try CanonicalJSON.string(Figure(value: v)) }
        #expect(throws: JSONText.NonFiniteNumber.self) { try CanonicalJSON.string([Figure(value: 1), Figure(value: v)], pretty: true) }
        let table = Table(columns: [.init("x", "X")], rows: [[.number(v, "x")]])
        for format in [OutputFormat.json, .jsonl] { #expect(throws: JSONText.NonFiniteNumber.self) { try table.render(format) } }
        #expect(table.renderPlain(.table).contains("x"))
        #expect(try JSONText.number(2.5) == "2.5")
        #expect(try JSONText.number(-0.0) == "0")
    }
}
