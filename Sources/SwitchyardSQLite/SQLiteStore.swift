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
    private let database: any DatabaseWriter
    private let writes: GroupedWrites

    /// Opens (creating when needed) `switchyard.sqlite` in `directory` and brings its
    /// schema up to date.
    public convenience init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try self.init(database: DatabasePool(
            path: directory.appendingPathComponent("switchyard.sqlite").path, configuration: Self.configuration))
    }

    /// A store that lives and dies with the process: for tests and throwaway servers.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(database: DatabaseQueue(configuration: configuration))
    }

    private init(database: any DatabaseWriter) throws {
        self.database = database
        writes = GroupedWrites(database: database)
        try Self.migrator.migrate(database)
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    public func read<Result: Sendable>(_ body: @Sendable (any StoreReader) throws -> Result) async throws -> Result {
        try await database.read { db in try body(SQLiteTransaction(db)) }
    }

    public func write<Result: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> Result {
        try await writes.write(body)
    }
}
