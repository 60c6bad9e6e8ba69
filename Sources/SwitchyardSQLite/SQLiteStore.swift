public import Foundation
import GRDB
public import Switchyard

/// The embedded store: one SQLite database in write-ahead-log mode under the data
/// directory. Readers run beside the single writer; concurrent writes share
/// transactions (`GroupedWrites`), and every commit is synced to disk before it
/// returns, so what the store acknowledged survives a crash.
public final class SQLiteStore: Store {
    /// One process owns the database, so its own signals are all there are.
    public let changes: any ChangeFeed = InProcessChangeFeed()
    private let database: DatabasePool
    private let writes: GroupedWrites
    /// Removed with the store: set for a temporary store.
    private let temporaryDirectory: URL?

    /// Opens (creating when needed) `switchyard.sqlite` in `directory` and brings its
    /// schema up to date.
    public convenience init(directory: URL) throws {
        try self.init(directory: directory, temporary: false)
    }

    /// A store that lives and dies with this object: for tests and throwaway servers.
    public static func temporary() throws -> SQLiteStore {
        try SQLiteStore(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)"),
            temporary: true)
    }

    private init(directory: URL, temporary: Bool) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        temporaryDirectory = temporary ? directory : nil
        database = try DatabasePool(
            path: directory.appendingPathComponent("switchyard.sqlite").path, configuration: Self.configuration)
        writes = GroupedWrites(database: database)
        try Self.migrator.migrate(database)
    }

    deinit {
        if let temporaryDirectory { try? FileManager.default.removeItem(at: temporaryDirectory) }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // `GroupedWrites` keeps a transaction open across the awaits of the writes it groups.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    public func read<Result: Sendable>(_ body: @Sendable (any StoreReader) async throws -> Result) async throws -> Result {
        try await body(SQLiteReader(connection: SQLiteConnection(database: database, writes: false)))
    }

    public func write<Result: Sendable>(_ body: @escaping @Sendable (any StoreWriter) async throws -> Result) async throws -> Result {
        try await writes.write(body)
    }

    /// One process owns the database, so it is the only node there is.
    public func runAsSingleton(_ work: @escaping @Sendable () async -> Void) async {
        await work()
    }

    public func isReachable() async -> Bool {
        (try? await database.read { try Int.fetchOne($0, sql: "SELECT 1") }) != nil
    }
}
