import Testing
@testable import PartnerMatchCore

/// The funder mix of judged needs, the check `tune` makes of it, and the cap `truth`
/// applies to it.
@Suite struct FunderMixTests {
    static func funders(_ counts: [(String, Int)]) -> [String] { counts.flatMap { Array(repeating: $0.0, count: $0.1) } }

    @Test func sharesAndMedian() {
        let mix = FunderMix(funders: Self.funders([("koica", 96), ("adb", 3), ("wb", 1)]))
        #expect(mix.needs == 100 && mix.funderCount == 3)
        #expect(mix.largest?.funder == "koica" && mix.largestShare == 0.96)
        #expect(mix.medianNeeds == 3)
        #expect(mix.summary == "100 needs, 3 funders, the largest koica 96% (96 needs)")
        #expect(FunderMix(funders: Self.funders([("a", 1), ("b", 2), ("c", 7), ("d", 9)])).medianNeeds == 2)
        #expect(FunderMix(funders: []).summary == "no judged needs" && FunderMix(funders: []).largestShare == 0)
    }

    @Test func tuningIsRefusedOnFewFundersOrOneDominating() {
        let skewed = FunderMix(funders: Self.funders([("koica", 96), ("adb", 3), ("wb", 1)]))
        #expect(skewed.problem() == "3 funders (expected at least 5) and koica holds 96% of the needs (expected at most 50%)")
        let dominated = FunderMix(funders: Self.funders([("a", 11), ("b", 3), ("c", 3), ("d", 2), ("e", 1)]))
        #expect(dominated.problem() == "a holds 55% of the needs (expected at most 50%)")
        let half = FunderMix(funders: Self.funders([("a", 10), ("b", 3), ("c", 3), ("d", 2), ("e", 2)]))
        #expect(half.problem() == nil, "exactly half is allowed")
        let four = FunderMix(funders: Self.funders([("a", 2), ("b", 2), ("c", 2), ("d", 2)]))
        #expect(four.problem() == "4 funders (expected at least 5)")
    }

    @Test func capKeepsASeededDrawPerFunderWhateverTheOrder() {
        let funders = Self.funders([("koica", 20), ("adb", 4), ("wb", 2)])
        let ids = funders.indices.map { "n\($0)" }
        let keep = FunderMix.keep(funders: funders, ids: ids, cap: 4, seed: 7)
        let kept = zip(funders, keep).filter(\.1).map(\.0)
        #expect(FunderMix(funders: kept).byFunder == ["koica": 4, "adb": 4, "wb": 2])
        // The same needs are kept when the input is reordered.
        let order = Array(funders.indices.reversed())
        let again = FunderMix.keep(funders: order.map { funders[$0] }, ids: order.map { ids[$0] }, cap: 4, seed: 7)
        let keptAgain: Set<String> = Set(zip(order, again).filter { $0.1 }.map { ids[$0.0] })
        let keptFirst: Set<String> = Set(zip(ids, keep).filter { $0.1 }.map { $0.0 })
        #expect(keptAgain == keptFirst)
        // Another seed draws other needs of the funder over the cap.
        let other = FunderMix.keep(funders: funders, ids: ids, cap: 4, seed: 8)
        #expect(other != keep)
        #expect(FunderMix.keep(funders: funders, ids: ids, cap: 0, seed: 7).allSatisfy { $0 })
    }

    @Test func truthIsCappedPerPartAndCappedNeedsKeepTheirFold() {
        var items: [EvidenceTruth.Item] = []
        for (i, f) in Self.funders([("koica-grants", 30), ("sfd-loans", 3), ("japan-grassroots", 2)]).enumerated() {
            let need = Need(id: "n\(i)", title: LocalizedText(en: "n\(i)"), province: Need.national, applicant: .ministry,
                            sectors: [SectorShare(code: "311", share: 100)], budgetUSD: 1000, instrument: .any)
            items.append(.init(need: need, activity: "a\(i)", year: 2000, fold: i % 2 + 1, part: i % 2 == 0 ? .train : .test,
                               judgements: [.init(partner: f, grade: 2)]))
        }
        let truth = EvidenceTruth(items: items, skipped: [], split: .folds(count: 2, test: 2))
        let (median, cappings) = truth.capped(.median(floor: 10), seed: 1)
        #expect(FunderMix(funders: median.items(.train).map(\.funder)).byFunder["koica-grants"] == 10)
        #expect(cappings.map(\.cap) == [10, 10])
        #expect(cappings[0].dropped == ["koica-grants": 5] && cappings[1].dropped == ["koica-grants": 5])
        #expect(median.items.count + median.capped.count == 35)
        #expect(median.foldsTSV.split(separator: "\n").count == 35, "capped needs keep their fold line")
        #expect(median.qrels(.train).split(separator: "\n").count == 13, "koica 10, sfd 2, japan 1")
        let fixed = truth.capped(.fixed(1), seed: 1).truth
        #expect(FunderMix(funders: fixed.items(.train).map(\.funder)).byFunder == ["koica-grants": 1, "sfd-loans": 1, "japan-grassroots": 1])
        #expect(truth.capped(.none, seed: 1).truth.items.count == 35)
    }
}
