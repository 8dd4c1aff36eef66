import Benchmark
import PartnerMatchCore
import SyntheticCatalog

let benchmarks: @Sendable () -> Void = {
    let reference = SyntheticCatalog.reference()
    // What ships: the bundled default rule, without evidence and with evidence for one
    // partner in three; the first default rule's seven stated features as a second line.
    let bundled = SyntheticCatalog.bundledDefaultRule()
    let stated = SyntheticCatalog.defaultRule()

    let largePartners = SyntheticCatalog.partners(10_000)
    let large = CompiledCatalog(partners: largePartners, reference: reference, rule: bundled)
    let largeWithEvidence = CompiledCatalog(partners: largePartners, reference: reference, rule: bundled, evidence: SyntheticCatalog.evidence(for: largePartners))
    let oneNeed = SyntheticCatalog.needs(1, seed: 7)[0]

    Benchmark("one need vs 10,000 partners, top 10 (compile need + rank), default \(bundled.version)",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(large.rank(oneNeed, top: 10))
        }
    }

    Benchmark("one need vs 10,000 partners, top 10 (compile need + rank), default \(bundled.version), evidence 1 in 3",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(largeWithEvidence.rank(oneNeed, top: 10))
        }
    }

    Benchmark("one need vs 10,000 partners, top 10, with explanations, default \(bundled.version), evidence 1 in 3",
              configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(largeWithEvidence.rank(oneNeed, top: 10, explain: true))
        }
    }

    let smallPartners = SyntheticCatalog.partners(1_000)
    let needs = SyntheticCatalog.needs(100_000)
    let cases: [(name: String, catalog: CompiledCatalog)] = [
        ("default \(bundled.version)", CompiledCatalog(partners: smallPartners, reference: reference, rule: bundled)),
        ("default \(bundled.version), evidence 1 in 3", CompiledCatalog(partners: smallPartners, reference: reference, rule: bundled, evidence: SyntheticCatalog.evidence(for: smallPartners))),
        ("7 stated features", CompiledCatalog(partners: smallPartners, reference: reference, rule: stated)),
    ]
    for (name, catalog) in cases {
        let compiled = needs.map(catalog.compile)
        for threads in [1, 2] {
            Benchmark("100,000 needs vs 1,000 partners, top 10, \(name), \(threads) thread\(threads == 1 ? "" : "s")",
                      configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(catalog.topMatches(compiled, top: 10, threads: threads))
                }
            }
        }
    }
}
