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

    /// Tests create databases side by side, and PostgreSQL refuses a `CREATE
    /// DATABASE` while another copies the same template, and any connection while
    /// the cluster is full: such refusals are retried.
    private static func administer(_ cluster: PostgresLocation, _ statement: String) async throws {
        for attempt in 1...20 {
            do {
                return try await administerOnce(cluster, statement)
            } catch let error as PSQLError where attempt < 20 && ["55006", "53300"].contains(error.serverInfo?[.sqlState]) {
                try await Task.sleep(for: .milliseconds(50 * attempt))
            } catch let error as PSQLError {
                throw Refused(statement: statement, reason: error.serverInfo?[.message] ?? String(reflecting: error))
            }
        }
    }

    struct Refused: Error, CustomStringConvertible {
        var statement: String
        var reason: String
        var description: String { "\(statement): \(reason)" }
    }

    private static func administerOnce(_ cluster: PostgresLocation, _ statement: String) async throws {
        try await withConnection(to: cluster) { try await $0.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
    }

    /// How many times `table` was vacuumed by a client (autovacuum's rounds left
    /// out), as far as PostgreSQL's statistics know yet.
    static func vacuumCount(of table: String, in location: PostgresLocation) async throws -> Int {
        try await withConnection(to: location) { connection in
            let rows = try await connection.query("""
                SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = \(table)
                """, logger: logger)
            return try await rows.collect().first.map { Int(try $0.decode(Int64.self)) } ?? 0
        }
    }

    private static func withConnection<Result>(
        to location: PostgresLocation, _ work: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: nil, database: location.database,
            tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            let result = try await work(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
