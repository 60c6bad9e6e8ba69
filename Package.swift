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
    ],
    targets: [
        .target(name: "EventPatterns"),
        .executableTarget(
            name: "switchyard",
            dependencies: [
                "EventPatterns",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "switchyard-bench",
            dependencies: ["EventPatterns"],
            path: "Benchmarks/switchyard-bench"
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "EventPatternsTests", dependencies: ["EventPatterns", "TestSupport"]),
        .testTarget(name: "switchyardTests", dependencies: ["switchyard", "TestSupport"]),
    ]
)

// One place applies the strict settings to every target.
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
