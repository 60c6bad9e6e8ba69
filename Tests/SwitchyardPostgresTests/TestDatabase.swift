import Foundation
import Logging
import PostgresNIO
import SwitchyardPostgres
import Testing

/// A fresh database on the test cluster (`SWITCHYARD_TEST_POSTGRES`, which
/// `Tests/PostgreSQL/with-cluster` sets), dropped when the work is done.
enum TestDatabase {
    static let url = ProcessInfo.processInfo.environment["SWITCHYARD_TEST_POSTGRES"]
    static var isAvailable: Bool { url != nil }
    static let logger = Logger(label: "postgres-test")

    static func withStore<Result>(_ work: (PostgresStore) async throws -> Result) async throws -> Result {
        try await withDatabase { location in
            let store = try await PostgresStore.open(location, logger: logger)
            do {
                let result = try await work(store)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        }
    }

    static func withDatabase<Result>(_ work: (PostgresLocation) async throws -> Result) async throws -> Result {
        let cluster = try PostgresLocation(url: try #require(url))
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await administer(cluster, "CREATE DATABASE \(name)")
        var location = cluster
        location.database = name
        do {
            let result = try await work(location)
            try await administer(cluster, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await administer(cluster, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    private static func administer(_ cluster: PostgresLocation, _ statement: String) async throws {
        let client = PostgresClient(configuration: cluster.testClientConfiguration, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            group.cancelAll()
        }
    }
}

extension PostgresLocation {
    var testClientConfiguration: PostgresClient.Configuration {
        PostgresClient.Configuration(host: host, port: port, username: username, password: nil, database: database, tls: .disable)
    }
}
