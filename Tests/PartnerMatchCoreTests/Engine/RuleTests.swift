import Foundation
import Testing
@testable import PartnerMatchCore

/// Rule files: what is accepted, and the message for what is not.
@Suite struct RuleTests {
    func failure(_ json: String) -> String? {
        do { _ = try Rule.parse(json); return nil } catch { return error.description }
    }

    func rule(features: String, filters: String = "{}") -> String {
        "{\"name\": \"t\", \"version\": \"1\", \"filters\": \(filters),\n \"features\": \(features)}"
    }

    @Test func readsTheFixtureRule() throws {
        let r = EngineFixtures.defaultRule
        #expect(r.name == "default")
        #expect(r.filters.budgetTolerance == 3)
        #expect(r.filters.province == false)
        #expect(r.features.used.count == 10)
        // Canonical JSON reads back to the same rule.
        #expect(try Rule.parse(r.canonicalJSON) == r)
    }

    @Test func negativeWidth() {
        #expect(failure(rule(features: "{\"scaleFit\": {\"weight\": 1, \"width\": -1}}")) == "2:50: features.scaleFit.width: -1 is out of range; expected a number from 0.01 to 10 (decades)")
    }

    @Test func negativeWeight() {
        #expect(failure(rule(features: "{\"sectorFit\": {\"weight\": -2}}")) == "2:39: features.sectorFit.weight: -2 is out of range; expected a finite number from 0 to 1000")
    }

    @Test func infiniteWeightAndNaNWeight() throws {
        let inf = failure(rule(features: "{\"sectorFit\": {\"weight\": 1e999}}"))
        // Refused when the JSON is read, at its position.
        #expect(inf?.hasPrefix("2:39: ") == true && inf?.contains("1e999 is out of range") == true, "\(inf ?? "accepted")")
        #expect(throws: RuleError.self) {
            try Rule(name: "x", version: "1", filters: .none, features: FeatureSettings(sectorFit: SectorFitParameters(weight: .nan)))
        }
        do {
            _ = try Rule(name: "x", version: "1", filters: .none, features: FeatureSettings(sectorFit: SectorFitParameters(weight: .nan)))
        } catch {
            #expect(error.description == "features.sectorFit.weight: NaN is out of range; expected a finite number from 0 to 1000")
        }
    }

    @Test func allZeroWeights() {
        #expect(failure(rule(features: "{\"sectorFit\": {\"weight\": 0}, \"presence\": {\"weight\": 0}}"))?.hasSuffix("features: no feature has a weight above 0; expected at least one of sectorFit, scaleFit, instrumentFit, themeFit, geographyFit, cofinancing, presence, sectorEvidence, ticketEvidence, provinceEvidence") == true)
    }

    @Test func unknownFeature() {
        let m = failure(rule(features: "{\"sectorFit\": {\"weight\": 1}, \"scaleFitt\": {\"weight\": 1}}"))
        #expect(m == "2:43: features.scaleFitt: unknown feature; did you mean \"scaleFit\"? expected one of sectorFit, scaleFit, instrumentFit, themeFit, geographyFit, cofinancing, presence, sectorEvidence, ticketEvidence, provinceEvidence")
    }

    @Test func unknownParameterAndInstrument() {
        #expect(failure(rule(features: "{\"sectorFit\": {\"weight\": 1, \"exactt\": 1}}"))?.contains("features.sectorFit.exactt: unknown field") == true)
        #expect(failure(rule(features: "{\"instrumentFit\": {\"weight\": 1, \"values\": {\"loan\": 1}}}"))?.contains("features.instrumentFit.values.loan: unknown instrument; expected one of grant, concessional-loan") == true)
    }

    @Test func creditOutOfRange() {
        #expect(failure(rule(features: "{\"sectorFit\": {\"weight\": 1, \"category\": 1.5}}"))?.hasSuffix("features.sectorFit.category: 1.5 is out of range; expected a number from 0 to 1") == true)
        #expect(failure(rule(features: "{\"presence\": {\"weight\": 1, \"low\": 100, \"high\": 10}}"))?.hasSuffix("features.presence.high: 10 is out of range; expected an amount in USD at least 1% above low (100) and at most 10000000000000") == true)
    }

    @Test func evidenceFeaturesParseWithDefaultsAndAreChecked() throws {
        let r = try Rule.parse("{\"name\": \"e\", \"version\": \"1\", \"features\": {\"sectorEvidence\": {\"weight\": 5}, \"ticketEvidence\": {\"weight\": 3, \"fallback\": 0.5}, \"provinceEvidence\": {\"weight\": 2, \"saturation\": 4}}}")
        #expect(r.features.sectorEvidence == SectorEvidenceParameters(weight: 5))
        #expect(r.features.ticketEvidence == TicketEvidenceParameters(weight: 3, fallback: 0.5))
        #expect(r.features.provinceEvidence == ProvinceEvidenceParameters(weight: 2, saturation: 4))
        #expect(r.canonicalJSON.contains("\"sectorEvidence\": {\"weight\": 5, \"exact\": 1, \"category\": 0.6, \"group\": 0.25, \"saturation\": 0.25, \"fallback\": 0.6}"))
        #expect(try Rule.parse(r.canonicalJSON) == r)
        #expect(failure(rule(features: "{\"sectorEvidence\": {\"weight\": 1, \"saturation\": 0}}"))?.hasSuffix("features.sectorEvidence.saturation: 0 is out of range; expected a share from 0.01 to 1") == true)
        #expect(failure(rule(features: "{\"ticketEvidence\": {\"weight\": 1, \"fallback\": 2}}"))?.hasSuffix("features.ticketEvidence.fallback: 2 is out of range; expected a number from 0 to 1") == true)
        #expect(failure(rule(features: "{\"provinceEvidence\": {\"weight\": 1, \"saturation\": 0.5}}"))?.hasSuffix("features.provinceEvidence.saturation: 0.5 is out of range; expected a number of activities from 1 to 1000") == true)
        #expect(failure(rule(features: "{\"provinceEvidence\": {\"weight\": 1, \"regoin\": 0.5}}"))?.contains("features.provinceEvidence.regoin: unknown field") == true)
    }

    @Test func toleranceBelowOne() {
        #expect(failure(rule(features: "{\"sectorFit\": {\"weight\": 1}}", filters: "{\"budget\": {\"tolerance\": 0.5}}"))?.hasSuffix("filters.budget.tolerance: 0.5 is out of range; expected a number from 1 to 1000000 (a factor)") == true)
    }

    @Test func missingFieldAndSyntax() {
        #expect(failure("{\"name\": \"t\", \"features\": {}}") == "1:1: version: missing; this field is required")
        #expect(failure("{\"name\": \"t\",}")?.hasPrefix("1:14:") == true)
    }

    @Test func reservedNamespace() {
        let json = "{\"name\": \"builtin:popularity\", \"version\": \"1\", \"features\": {\"presence\": {\"weight\": 1}}}"
        #expect(failure(json) == "1:10: name: \"builtin:popularity\" uses the reserved namespace \"builtin:\"; expected another name")
        #expect((try? Rule.parse(json, allowReserved: true)) != nil)
    }

    @Test func bundledRuleFilesAreValid() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Data/rules").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.contains("default.json"))
        for f in files {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(f)))
            let rule = try Rule.parse(bytes)
            #expect(rule.name + ".json" == f)
            #expect(rule.description?.isEmpty == false)
        }
        // The bundled default drops closed windows, gates by sector and answers a grant
        // request with technical assistance at a lower credit; the fixture keeps the 1.1
        // rule that the engine tests were written against.
        let bundled = try Rule.parse([UInt8](Data(contentsOf: dir.appendingPathComponent("default.json"))))
        #expect(bundled.filters.status == 0.5)
        #expect(bundled.features.sectorFit?.noOverlap == 0)
        #expect(bundled.compatibility.credit(.grant, .technicalAssistance) == 0.6)
        #expect(bundled.compatible(.loan) == [.concessionalLoan, .nonConcessionalLoan])
        #expect(bundled.features.presence == nil)
    }
}
