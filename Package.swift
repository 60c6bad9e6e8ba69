// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Switchyard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchyard", targets: ["switchyard"]),
        .library(name: "EventPatterns", targets: ["EventPatterns"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
    ],
    targets: [
        .target(name: "CJSONBlocks"),
        .target(name: "EventPatterns", dependencies: ["CJSONBlocks"]),
        .target(name: "EventTransforms", dependencies: ["EventPatterns"]),
        .target(name: "Schedules"),
        .target(
            name: "Switchyard",
            dependencies: [
                "EventPatterns",
                "EventTransforms",
                "Schedules",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "SwitchyardSQLite",
            dependencies: [
                "Switchyard",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "SwitchyardPostgres",
            dependencies: [
                "Switchyard",
                "EventPatterns",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SwitchyardServer",
            dependencies: [
                "Switchyard",
                "EventPatterns",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RequestFuzzing",
            dependencies: [
                "EventPatterns", "SwitchyardServer", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "switchyard",
            dependencies: [
                "EventPatterns",
                "Switchyard",
                "SwitchyardSQLite",
                "SwitchyardPostgres",
                "SwitchyardServer",
                "SwitchyardTargets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "switchyard-bench",
            dependencies: [
                "EventPatterns", "Switchyard", "SwitchyardSQLite", "SwitchyardPostgres", "SwitchyardServer", "RequestFuzzing",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/switchyard-bench"
        ),
        .target(
            name: "SwitchyardTargets",
            dependencies: [
                "Switchyard", "EventPatterns", "EventTransforms",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Coverage-guided fuzzing of the engines with libFuzzer (`make fuzz`); an
        // ordinary build replays corpora instead.
        .executableTarget(
            name: "switchyard-fuzz",
            dependencies: ["EventPatterns", "EventTransforms", "Schedules"],
            path: "Fuzz/switchyard-fuzz"
        ),
        .target(name: "TestSupport", dependencies: ["Switchyard", "EventPatterns"], path: "Tests/TestSupport"),
        .testTarget(name: "EventPatternsTests", dependencies: ["EventPatterns", "CJSONBlocks", "TestSupport"]),
        .testTarget(name: "EventTransformsTests", dependencies: ["EventTransforms", "EventPatterns", "TestSupport"]),
        .testTarget(name: "SchedulesTests", dependencies: ["Schedules", "TestSupport"]),
        .testTarget(name: "SwitchyardTests", dependencies: ["Switchyard", "SwitchyardSQLite", "TestSupport"]),
        .testTarget(
            name: "SwitchyardSQLiteTests",
            dependencies: ["SwitchyardSQLite", "Switchyard", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SwitchyardPostgresTests",
            dependencies: [
                "SwitchyardPostgres", "Switchyard", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SwitchyardServerTests",
            dependencies: [
                "SwitchyardServer", "Switchyard", "SwitchyardSQLite", "TestSupport", "RequestFuzzing",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "SwitchyardTargetsTests", dependencies: ["SwitchyardTargets", "Switchyard"]),
        .testTarget(
            name: "SwitchyardCLITests",
            dependencies: [
                "switchyard", "switchyard-fuzz", "TestSupport", "RequestFuzzing",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)

// One place applies the strict settings to every target.
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
