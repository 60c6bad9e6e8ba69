import AsyncHTTPClient
import Foundation
import RequestFuzzing

/// The model-driven fuzzer for as long as asked, against a `switchyard serve` built
/// beside this executable. Prints one JSON line of figures and the first failures;
/// exits 1 if any request failed or the server crashed or would not stop.
enum FuzzBenchmark {
    static func run(seconds: Int, seed: UInt64, concurrency: Int, focus: [String]?) async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("switchyard")
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let server = try await ServerProcess(binary: binary, client: client)
        var configuration = FuzzCampaign.Configuration(endpoint: server.endpoint)
        configuration.seed = seed
        configuration.duration = .seconds(seconds)
        configuration.concurrency = concurrency
        if let focus { configuration.focus = focus }
        let started = ContinuousClock.now
        let report = await FuzzCampaign(configuration: configuration).run(client: client)
        let elapsed = ContinuousClock.now - started
        let crashed = !server.isRunning
        let stopped = await server.stop(within: .seconds(10))
        try await client.shutdown()

        let line: [String: Any] = [
            "requests": report.requests, "seconds": Double(elapsed.components.seconds),
            "requestsPerSecond": Double(report.requests) / max(1, Double(elapsed.components.seconds)),
            "failures": report.failureCount, "serverErrors": report.serverErrors, "crashed": crashed,
            "shutdownMilliseconds": stopped.map { Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? -1,
            "slowestMilliseconds": Int(report.slowest.components.seconds * 1000 + report.slowest.components.attoseconds / 1_000_000_000_000_000),
            "statuses": Dictionary(uniqueKeysWithValues: report.statuses.map { (String($0.key), $0.value) }),
            "byKind": Dictionary(uniqueKeysWithValues: report.byKind.map { ($0.key.rawValue, $0.value) }),
            "seed": seed,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: .sortedKeys), as: UTF8.self))
        if let slowest = report.slowestRequest { print("slowest: \(slowest.target) (\(slowest.kind.rawValue)) \(slowest.excerpt)") }
        for failure in report.failures { print(failure) }
        if report.failureCount > 0 || crashed || stopped == nil { exit(1) }
    }
}
