// swift-tools-version: 6.1
import Foundation
import PackageDescription

// Benchmarks of the PartnerMatch ranking engine, in their own package so that the root
// package's `swift build` and `swift test` do not build package-benchmark.
//
//   swift package benchmark                       # package-benchmark suite
//   swift run -c release rank-throughput          # pair-scores per second, 1 and 2 threads
//   swift run -c release -Xswiftc -target-cpu -Xswiftc haswell rank-throughput   # fast build (AVX2)
//   ... -Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DPARTNERMATCH_FMA ...  # and fused multiply-adds (scores differ in the last bits)
//   swift run -c release tune-throughput          # tune: weightings per second over a feature matrix
//
// Inside this package the root package is known by its folder's name (SwiftPM's
// identity of a path dependency), so it is computed here rather than written down.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()
let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "SyntheticCatalog",
            dependencies: [.product(name: "PartnerMatchCore", package: root)]
        ),
        .executableTarget(
            name: "RankingBenchmark",
            dependencies: [
                "SyntheticCatalog",
                .product(name: "PartnerMatchCore", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/RankingBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "rank-throughput",
            dependencies: ["SyntheticCatalog", .product(name: "PartnerMatchCore", package: root)]
        ),
        .executableTarget(
            name: "tune-throughput",
            dependencies: ["SyntheticCatalog", .product(name: "PartnerMatchCore", package: root)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
