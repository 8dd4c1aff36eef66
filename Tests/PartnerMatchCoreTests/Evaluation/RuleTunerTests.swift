import Foundation
import Testing
@testable import PartnerMatchCore

/// Tuning: the objective agrees with eval, tuning recovers known weights from synthetic
/// truth, is deterministic for a seed, and never ends worse than its start.
@Suite struct RuleTunerTests {
    static let partners = RandomCatalog.partners(40, seed: 11)
    static let needs = RandomCatalog.needs(150, seed: 12)
    static let features: [Feature] = [.sectorFit, .scaleFit, .instrumentFit, .themeFit, .presence]

    static func rule(_ weights: [Double], name: String = "r") -> Rule {
        var settings = FeatureSettings()
        for (f, w) in zip(features, weights) { settings.setWeight(f, w) }
        return try! Rule(name: name, version: "1", filters: .none, features: settings)
    }

    /// The known rule's top partner of each need grade 2, the next two grade 1.
    static func truth(_ rule: Rule, of list: [Need] = needs) throws -> TrecQrels {
        let rankings = CompiledCatalog(partners: partners, reference: EngineFixtures.reference, rule: rule).rank(list, top: 3, threads: 1)
        var judgements: [(query: String, document: String, grade: Int)] = []
        for r in rankings { for e in r.entries { judgements.append((r.needID, e.partnerID, e.rank == 1 ? 2 : 1)) } }
        return try TrecQrels(judgements: judgements)
    }

    static let known = [60.0, 10, 0, 0, 30]
    static let base = [20.0, 20, 20, 20, 20]

    static func objective(_ qrels: TrecQrels, _ measure: EvalMeasure = .ndcgCut(10), average: TuningObjective.Average = .needs) -> TuningObjective {
        let matrix = FeatureMatrix(needs: needs, partners: partners, reference: EngineFixtures.reference, rule: rule(base), threads: 2)
        return TuningObjective(matrix: matrix, qrels: qrels, measure: measure, average: average, top: 100, threads: 2)
    }

    /// `eval`'s progress bar: the comparison reports each ranker done, 0 to all, and the
    /// figures are the same as without it.
    @Test func comparisonReportsProgress() throws {
        let qrels = try Self.truth(Self.rule(Self.known))
        let rankers: [(name: String, ranker: EvalRanker)] = [("a", .rule(Self.rule(Self.base))), ("b", .rule(Self.rule(Self.known))), ("random", .random(seed: 7))]
        var seen: [[Int]] = []
        let with = try EvalComparison(qrels: qrels, needs: Self.needs, partners: Self.partners, reference: EngineFixtures.reference,
                                      rankers: rankers, top: 10, measures: [.map], permutations: 100, threads: 1,
                                      progress: { seen.append([$0, $1]) })
        let without = try EvalComparison(qrels: qrels, needs: Self.needs, partners: Self.partners, reference: EngineFixtures.reference,
                                         rankers: rankers, top: 10, measures: [.map], permutations: 100, threads: 1)
        #expect(seen == [[0, 3], [1, 3], [2, 3], [3, 3]])
        #expect(with.reports.map(\.means) == without.reports.map(\.means))
    }

    /// The objective for a weighting is eval's figure for the rule with those weights.
    @Test(arguments: [EvalMeasure.ndcgCut(10), .map, .recipRank, .precision(5)])
    func objectiveAgreesWithEval(_ measure: EvalMeasure) throws {
        let qrels = try Self.truth(Self.rule(Self.known))
        let objective = Self.objective(qrels, measure)
        for weights in [Self.base, [5.0, 40, 10, 25, 20], Self.known] {
            let comparison = try EvalComparison(qrels: qrels, needs: Self.needs, partners: Self.partners, reference: EngineFixtures.reference,
                                                rankers: [("r", .rule(Self.rule(weights)))], top: 100, measures: [measure], threads: 1)
            #expect(abs(objective.value(weights) - comparison.reports[0].means[0]) < 1e-9, "\(measure) \(weights)")
        }
    }

    /// The same with the filters on (excluded partners are -1 in every row) and evidence
    /// features seen per need through an `EvidenceHistory`.
    @Test func objectiveAgreesWithEvalWithFiltersAndEvidence() throws {
        let truth = EvidenceTruthTests.build(.year(2002))
        let needs = truth.items.map(\.need) + Self.needs.prefix(30)
        let partners = EvidenceTruthTests.partners
        let history = EvidenceHistory(activitiesByPartner: ["agri-fund": [EvidenceTruthTests.activities[0], EvidenceTruthTests.activities[2]],
                                                            "road-bank-loans": [EvidenceTruthTests.activities[1]]])
        var settings = FeatureSettings()
        for f in Feature.allCases { settings.setWeight(f, 10) }
        let rule = try Rule(name: "all", version: "1", filters: FilterSettings(), features: settings)
        var judgements = truth.items.flatMap { item in item.judgements.map { (item.need.id, $0.partner, $0.grade) } }
        for n in Self.needs.prefix(30) { judgements.append((n.id, "ta-agency", 1)); judgements.append((n.id, "agri-fund", 2)) }
        let qrels = try TrecQrels(judgements: judgements)
        let matrix = FeatureMatrix(needs: needs, partners: partners, reference: EvidenceTruthTests.reference, rule: rule, evidence: history, threads: 2)
        #expect(matrix.values.contains(-1), "some partner is filtered out")
        let objective = TuningObjective(matrix: matrix, qrels: qrels, measure: .map, average: .needs, top: 100, threads: 2)
        for weights in [FeatureMatrix.weights(of: rule, matrix.features), (1...10).map(Double.init)] {
            var weighted = rule
            for (f, w) in zip(matrix.features, weights) { weighted.features.setWeight(f, w) }
            let comparison = try EvalComparison(qrels: qrels, needs: needs, partners: partners, reference: EvidenceTruthTests.reference,
                                                rankers: [("r", .rule(weighted))], top: 100, measures: [.map], threads: 1, evidence: history)
            #expect(abs(objective.value(weights) - comparison.reports[0].means[0]) < 1e-9, "\(weights)")
        }
    }

    @Test func recoversKnownWeightsFromSyntheticTruth() throws {
        let qrels = try Self.truth(Self.rule(Self.known))
        let objective = Self.objective(qrels)
        #expect(objective.value(Self.known) > 0.999, "the known rule ranks its own truth perfectly")
        let result = RuleTuner(objective: objective, settings: .init(restarts: 2), seed: 3).tune(from: Self.base)
        #expect(result.baseValue < 0.9)
        #expect(result.value > 0.97)
        let target = RuleTuner.normalized(Self.known)
        func distance(_ w: [Double]) -> Double { zip(RuleTuner.normalized(w), target).reduce(0) { $0 + abs($1.0 - $1.1) } }
        #expect(distance(result.weights) < distance(Self.base) / 2, "tuned \(result.weights)")
        // Sector fit comes out as the heaviest weight, as in the known rule.
        #expect(result.weights.firstIndex(of: result.weights.max()!) == 0)
    }

    @Test func sameSeedSameWeightsAndNeverWorse() throws {
        let qrels = try Self.truth(Self.rule([10, 10, 30, 30, 20]))
        let objective = Self.objective(qrels, .map, average: .funders)
        let a = RuleTuner(objective: objective, settings: .init(restarts: 1, maxRounds: 3), seed: 9).tune(from: Self.base)
        let b = RuleTuner(objective: objective, settings: .init(restarts: 1, maxRounds: 3), seed: 9).tune(from: Self.base)
        #expect(a == b)
        #expect(a.value >= a.baseValue)
        // Starting from the rule that made the truth: nothing beats it, nothing is lost.
        let perfect = try Self.truth(Self.rule(Self.base))
        let fromBest = RuleTuner(objective: Self.objective(perfect), settings: .init(restarts: 1, maxRounds: 2), seed: 1).tune(from: Self.base)
        #expect(fromBest.value == fromBest.baseValue && fromBest.bestStart == 0)
        #expect(fromBest.weights == RuleTuner.normalized(Self.base))
    }

    @Test func tunedRuleKeepsFiltersAndParametersAndReadsBack() throws {
        var base = Self.rule(Self.base)
        base.filters = FilterSettings()
        base.features.scaleFit?.width = 0.8
        let tuned = RuleTuner.rule(base, features: Self.features, weights: [3, 1, 0, 0, 0], name: "t", version: "1-tuned", description: "d")
        #expect(tuned.features.weight(.sectorFit) == 75 && tuned.features.weight(.scaleFit) == 25)
        #expect(tuned.features.instrumentFit != nil && tuned.features.weight(.instrumentFit) == 0)
        #expect(tuned.features.scaleFit?.width == 0.8 && tuned.filters == base.filters)
        #expect(try Rule.parse(tuned.canonicalJSON) == tuned)
    }

    /// A parameter is a coordinate too: truth made with a narrow scale width is found
    /// again among the values offered, with the weights.
    @Test func tunesAChosenParameter() throws {
        let width = try Rule.parameterPath("scaleFit.width")
        var known = Self.rule([30, 60, 0, 0, 10])
        known = try known.setting(width, to: 0.1)
        let qrels = try Self.truth(known)
        let base = Self.rule(Self.base)
        #expect(base.parameter(width) == 0.5)
        let parameters = [RuleTuner.Parameter(path: width, values: [0.5, 0.1, 2])]
        let tuner = RuleTuner(parameters: parameters, settings: .init(restarts: 1), seed: 4) { values in
            let rule = try! base.setting(width, to: values[0])
            let matrix = FeatureMatrix(needs: Self.needs, partners: Self.partners, reference: EngineFixtures.reference, rule: rule, threads: 2)
            return TuningObjective(matrix: matrix, qrels: qrels, measure: .ndcgCut(10), average: .needs, top: 100, threads: 2)
        }
        let result = tuner.tune(from: Self.base, baseChoices: [0])
        #expect(result.parameterValues == [0.1])
        #expect(result.value > 0.97 && result.value > result.baseValue)
        let rule = RuleTuner.rule(base, features: Self.features, weights: result.weights, parameters: [(width, 0.1)], name: "t", version: "1", description: nil)
        #expect(rule.parameter(width) == 0.1)
        #expect(throws: RuleError.self) { try base.setting(width, to: 0) }
        #expect(throws: RuleError.self) { try Rule.parameterPath("scaleFit.depth") }
        #expect(throws: RuleError.self) { try base.setting(Rule.parameterPath("cofinancing.unknown"), to: 0.5) }
        // An invalid combination is never tried: with 0.1 refused, 0.5 stays.
        let guarded = RuleTuner(parameters: parameters, settings: .init(restarts: 2), seed: 4, valid: { $0[0] != 0.1 }) { values in
            let rule = try! base.setting(width, to: values[0])
            let matrix = FeatureMatrix(needs: Self.needs, partners: Self.partners, reference: EngineFixtures.reference, rule: rule, threads: 2)
            return TuningObjective(matrix: matrix, qrels: qrels, measure: .ndcgCut(10), average: .needs, top: 100, threads: 2)
        }
        #expect(guarded.tune(from: Self.base, baseChoices: [0]).parameterValues != [0.1])
    }

    /// With --max-change F, every share stays within a factor F of the base's, random
    /// starts included; without it the same truth drives weights far beyond.
    @Test func weightsStayWithinAFactorOfTheBase() throws {
        let qrels = try Self.truth(Self.rule(Self.known))
        let objective = Self.objective(qrels)
        let base = RuleTuner.normalized(Self.base)
        func within(_ w: [Double], _ f: Double) -> Bool { zip(w, base).allSatisfy { $0 >= $1 / f - 1e-12 && $0 <= $1 * f + 1e-12 } }
        let free = RuleTuner(objective: objective, settings: .init(restarts: 1), seed: 3).tune(from: Self.base)
        #expect(!within(free.weights, 2), "the known rule's truth pulls weights beyond a factor 2: \(free.weights)")
        let held = RuleTuner(objective: objective, settings: .init(restarts: 2, maxChange: 2), seed: 3).tune(from: Self.base)
        #expect(within(held.weights, 2), "\(held.weights)")
        #expect(held.value > held.baseValue, "still improves within the bounds")
    }

    /// Validation decides: when the held-out needs were made by the base rule itself, no
    /// weighting beats the base there, so the base is kept however much the training
    /// needs (made by another rule) reward moving.
    @Test func weightsAreChosenOnValidationNotTraining() throws {
        let fitNeeds = Array(Self.needs.prefix(100)), heldNeeds = Array(Self.needs.dropFirst(100))
        let fit = Self.objective(try Self.truth(Self.rule(Self.known), of: fitNeeds))
        let validation = Self.objective(try Self.truth(Self.rule(Self.base), of: heldNeeds))
        #expect(fit.needCount == 100 && validation.needCount == 50)
        let unchecked = RuleTuner(objective: fit, settings: .init(restarts: 1), seed: 3).tune(from: Self.base)
        #expect(unchecked.weights != RuleTuner.normalized(Self.base) && unchecked.validationValue == nil)
        let checked = RuleTuner(objective: fit, validation: validation, settings: .init(restarts: 1), seed: 3).tune(from: Self.base)
        #expect(checked.weights == RuleTuner.normalized(Self.base) && checked.bestStart == 0)
        #expect(checked.validationValue == checked.baseValidationValue && checked.stoppedEarly >= 1)
        // Held-out needs that agree with the training needs let tuning move.
        let agreeing = Self.objective(try Self.truth(Self.rule(Self.known), of: heldNeeds))
        let moved = RuleTuner(objective: fit, validation: agreeing, settings: .init(restarts: 1), seed: 3).tune(from: Self.base)
        #expect(moved.validationValue! > moved.baseValidationValue!)
    }

    @Test func validationSplitIsStratifiedSeededAndOrderFree() {
        let funders = (0..<40).map { $0 < 20 ? "a" : $0 < 32 ? "b" : "c" }
        let ids = funders.indices.map { "n\($0)" }
        let held = ValidationSplit.heldOut(ids: ids, funders: funders, fraction: 0.25, seed: 5)
        #expect(held.filter { $0 }.count == 10)
        let perFunder = Dictionary(grouping: zip(funders, held).filter(\.1).map(\.0), by: { $0 }).mapValues(\.count)
        #expect(perFunder == ["a": 5, "b": 3, "c": 2])
        let reversed = ValidationSplit.heldOut(ids: ids.reversed(), funders: funders.reversed(), fraction: 0.25, seed: 5)
        #expect(Array(reversed.reversed()) == held)
        #expect(ValidationSplit.heldOut(ids: ids, funders: funders, fraction: 0.25, seed: 6) != held)
        #expect(!ValidationSplit.heldOut(ids: ids, funders: funders, fraction: 0, seed: 5).contains(true))
    }
}
