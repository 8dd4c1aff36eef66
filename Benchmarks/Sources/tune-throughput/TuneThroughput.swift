import Dispatch
import PartnerMatchCore
import SyntheticCatalog

/// Prints how fast `tune` evaluates weightings: 1,000 random weightings of the default
/// rule's features over 10,000 judged needs x 200 synthetic partners (ndcg@10, averaged
/// per funder), on 1 and 2 threads, after building the feature matrix once.
///
/// The truth: each need's top partner under a hidden rule is judged 2, the next two 1.
///
///     swift run -c release tune-throughput [weightings] [needs] [partners]
@main
struct TuneThroughput {
    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func main() throws {
        let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let weightings = args.first ?? 1_000
        let needCount = args.dropFirst().first ?? 10_000
        let partnerCount = args.dropFirst(2).first ?? 200
        let reference = SyntheticCatalog.reference()
        let partners = SyntheticCatalog.partners(partnerCount)
        let needs = SyntheticCatalog.needs(needCount)
        let base = SyntheticCatalog.defaultRule()
        let features = base.features.used

        // Hidden truth: the base rule with other weights.
        var hidden = base
        for (i, f) in features.enumerated() { hidden.features.setWeight(f, Double((i * 7) % 5 + 1)) }
        let rankings = CompiledCatalog(partners: partners, reference: reference, rule: hidden).rank(needs, top: 3, threads: 2)
        var judgements: [(query: String, document: String, grade: Int)] = []
        for r in rankings { for e in r.entries { judgements.append((r.needID, e.partnerID, e.rank == 1 ? 2 : 1)) } }
        let qrels = try TrecQrels(judgements: judgements)

        var matrix: FeatureMatrix!
        let build = seconds { matrix = FeatureMatrix(needs: needs, partners: partners, reference: reference, rule: base, threads: 2) }
        print("feature matrix: \(features.count) features x \(needCount) needs x \(partnerCount) partners built in \(String(format: "%.2f", build)) s (2 threads)")

        var rng = SyntheticCatalog.Generator(seed: 42)
        let candidates = (0..<weightings).map { _ in features.map { _ in Double(rng.next() % 1000) + 1 } }
        var single = 0.0
        for threads in [1, 2] {
            let objective = TuningObjective(matrix: matrix, qrels: qrels, measure: .ndcgCut(10), average: .funders, top: 100, threads: threads)
            var best = 0.0
            let t = seconds { for w in candidates { best = max(best, objective.value(w)) } }
            if threads == 1 { single = t }
            let speedup = threads == 1 ? "" : String(format: "  (%.2fx one thread)", single / t)
            print("\(threads) thread\(threads == 1 ? " " : "s"): \(weightings) weightings in \(String(format: "%.1f", t)) s (\(Int((Double(weightings) / t).rounded())) weightings/s) over \(objective.needCount) needs x \(partnerCount) partners\(speedup)  [best ndcg@10 \(String(format: "%.4f", best))]")
        }
    }
}
