import Foundation
public import Logging
import PostgresNIO
public import Switchyard

/// The store several nodes share: one PostgreSQL database, reached through a pool
/// of connections. Every write is one PostgreSQL transaction, committed with the
/// server's synchronous commit before it returns. Concurrent writes run on
/// concurrent connections, and PostgreSQL flushes the commits that wait together
/// with one write of its log (its own group commit), so durability does not cost
/// throughput. Changes reach the other nodes' waiters through `PostgresChangeFeed`.
public final class PostgresStore: Store {
    public let location: PostgresLocation
    public var changes: any ChangeFeed { feed }
    private let feed = PostgresChangeFeed()
    let client: PostgresClient
    let logger: Logger
    /// How often the singleton role's holder checks its hold, and others try for it.
    let singletonCheckInterval: Duration = .seconds(2)
    private let background: Task<Void, Never>
    /// Opened once the pool runs: a connection asked for before that only waits,
    /// but postgres-nio warns about it.
    private let clientRuns = Gate()

    /// Why a store could not be opened: the database is unreachable, refuses the
    /// credentials, or does not exist.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Connects, brings the schema up to date, and starts the connection pool and
    /// the change feed. Fails within `timeout` when the database cannot be used.
    public static func open(
        _ location: PostgresLocation, logger: Logger, timeout: Duration = .seconds(10)
    ) async throws -> PostgresStore {
        let connection: PostgresConnection
        do {
            let connecting = try location.connectionConfiguration()
            connection = try await withTimeout(timeout) {
                try await PostgresConnection.connect(configuration: connecting, id: 0, logger: logger)
            }
        } catch {
            throw Unavailable(description: "Cannot open the PostgreSQL store at \(location): \(Self.reason(error))")
        }
        do {
            try await migrate(PostgresSession(connection: connection, logger: logger))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw Unavailable(description: "Cannot bring the PostgreSQL store at \(location) up to date: \(Self.reason(error))")
        }
        let store = PostgresStore(location: location, logger: logger)
        await store.clientRuns.wait()
        return store
    }

    private init(location: PostgresLocation, logger: Logger) {
        self.location = location
        self.logger = logger
        client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
        let (client, feed, clientRuns) = (client, feed, clientRuns)
        background = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    clientRuns.open()
                    await client.run()
                }
                group.addTask { await feed.run(client: client, location: location, logger: logger) }
            }
        }
    }

    /// Stops the pool and the change feed.
    public func close() async {
        background.cancel()
        await background.value
    }

    public func read<Result: Sendable>(_ body: @Sendable (any StoreReader) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await body(PostgresReader(session: PostgresSession(connection: connection, logger: logger)))
        }
    }

    public func write<Result: Sendable>(_ body: @escaping @Sendable (any StoreWriter) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            let session = PostgresSession(connection: connection, logger: logger)
            try await session.execute("BEGIN")
            let result: Result
            do {
                result = try await body(PostgresTransaction(session: session))
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
            try await session.execute("COMMIT")
            return result
        }
    }

    /// Whether this node reaches the database now.
    public func isReachable() async -> Bool {
        (try? await withTimeout(.seconds(2)) { try await self.client.query("SELECT 1", logger: self.logger) }) != nil
    }

    /// What the server said, rather than postgres-nio's deliberately vague description.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "the connection closed (\(error.code)); is PostgreSQL running there, and does it accept this client?"
        }
        if error is TimedOut { return "no answer in time; is the host reachable, and PostgreSQL listening there?" }
        return "\(error)"
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String { "no answer in time" }
}

/// `work`'s result, or `TimedOut` once `timeout` has passed.
func withTimeout<Result: Sendable>(
    _ timeout: Duration, _ work: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimedOut()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
