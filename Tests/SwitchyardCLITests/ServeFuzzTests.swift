import AsyncHTTPClient
import Foundation
import RequestFuzzing
import Testing

/// A bounded, seeded pass of the model-driven fuzzer against a real `switchyard
/// serve`: every operation of every service we serve, plausible to hostile. The
/// server must answer each request without a 5xx, in AWS's error shape, in time,
/// and still shut down promptly afterwards. `switchyard-bench fuzz` runs it longer.
@Suite struct ServeFuzzTests {
    @Test func serverSurvivesGeneratedRequests() async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let server = try await ServerProcess(binary: Command.executable, client: client)
        var configuration = FuzzCampaign.Configuration(endpoint: server.endpoint)
        configuration.seed = 20_261_130
        configuration.requests = 3_000
        // A debug build on a shared two-core machine: generous, yet far below what a backtracking check costs.
        configuration.slowAnswer = .seconds(5)
        let report = await FuzzCampaign(configuration: configuration).run(client: client)
        let stopped = await server.stop(within: .seconds(10))
        try await client.shutdown()

        #expect(report.requests >= 3_000)
        #expect(report.failureCount == 0, "\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect(server.terminationStatus == 0 || stopped != nil, "the server ended with status \(server.terminationStatus)")
        #expect(stopped != nil, "the server did not stop within 10 seconds of SIGTERM")
        // Each way of making requests was tried, and some got past validation.
        #expect(report.byKind.count == 3)
        #expect((report.statuses[200] ?? 0) > 100)
    }
}
