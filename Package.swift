// swift-tools-version: 6.1
import PackageDescription

// PartnerMatch: ranks foreign partners and development funds against Vietnamese
// provincial project needs.
//
// - PartnerMatchCore: the pure domain model, reference data, parsers of the shared
//   syntaxes, the scoring engine and the evaluation measures. No file or database I/O.
// - PartnerMatchStore: the SQLite store (GRDB) and everything that reads or writes files.
// - PartnerMatchService: the protocol layer: JSON-RPC over stdin/stdout and batch
//   scoring, over the engine and the store.
// - PartnerMatchWeb: the local web desk's pages and forms (Hummingbird 2), over the
//   same use cases as the service.
// - partnermatch: the thin command-line executable; partnermatch-web: the web desk's,
//   a product of its own so that `swift run partnermatch` does not build a web server.
let package = Package(
    name: "PartnerMatch",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PartnerMatchCore", targets: ["PartnerMatchCore"]),
        .library(name: "PartnerMatchStore", targets: ["PartnerMatchStore"]),
        .library(name: "PartnerMatchService", targets: ["PartnerMatchService"]),
        .executable(name: "partnermatch", targets: ["partnermatch"]),
        .executable(name: "partnermatch-web", targets: ["partnermatch-web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Without its default traits: the web desk needs neither swift-configuration nor
        // the full-Foundation extras.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        .target(name: "PartnerMatchCore"),
        .target(
            name: "PartnerMatchStore",
            dependencies: [
                "PartnerMatchCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the evidence import's hot inserts (RawStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "PartnerMatchService",
            dependencies: ["PartnerMatchCore", "PartnerMatchStore"]
        ),
        .executableTarget(
            name: "partnermatch",
            dependencies: [
                "PartnerMatchCore",
                "PartnerMatchStore",
                "PartnerMatchService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share (golden files and their one record switch).
        .target(name: "PartnerMatchTestSupport", path: "Tests/PartnerMatchTestSupport"),
        .target(
            name: "PartnerMatchWeb",
            dependencies: [
                "PartnerMatchCore",
                "PartnerMatchStore",
                "PartnerMatchService",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "partnermatch-web",
            dependencies: [
                "PartnerMatchWeb",
                "PartnerMatchStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "PartnerMatchCoreTests",
            dependencies: [
                "PartnerMatchCore",
                "PartnerMatchTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Evaluation/Fixtures", "Engine/Golden"]
        ),
        .testTarget(
            name: "PartnerMatchStoreTests",
            dependencies: ["PartnerMatchStore", "PartnerMatchCore"]
        ),
        .testTarget(
            name: "PartnerMatchServiceTests",
            dependencies: ["PartnerMatchService", "PartnerMatchStore", "PartnerMatchCore"]
        ),
        .testTarget(
            name: "PartnerMatchWebTests",
            dependencies: [
                "PartnerMatchWeb", "PartnerMatchService", "PartnerMatchStore", "PartnerMatchCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "PartnerMatchCLITests",
            dependencies: ["PartnerMatchCore", "PartnerMatchStore", "PartnerMatchTestSupport"],
            exclude: ["Golden", "Transcripts"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
