import Benchmark
import PartnerMatchCore
import SyntheticCatalog

let benchmarks: @Sendable () -> Void = {
    let reference = SyntheticCatalog.reference()
    let rule = SyntheticCatalog.defaultRule()

    let large = CompiledCatalog(partners: SyntheticCatalog.partners(10_000), reference: reference, rule: rule)
    let oneNeed = SyntheticCatalog.needs(1, seed: 7)[0]

    Benchmark("one need vs 10,000 partners, top 10 (compile need + rank)",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(large.rank(oneNeed, top: 10))
        }
    }

    Benchmark("one need vs 10,000 partners, top 10, with explanations",
              configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(large.rank(oneNeed, top: 10, explain: true))
        }
    }

    let small = CompiledCatalog(partners: SyntheticCatalog.partners(1_000), reference: reference, rule: rule)
    let needs = SyntheticCatalog.needs(100_000).map(small.compile)
    for threads in [1, 2] {
        Benchmark("100,000 needs vs 1,000 partners, top 10, \(threads) thread\(threads == 1 ? "" : "s")",
                  configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(small.topMatches(needs, top: 10, threads: threads))
            }
        }
    }
}
