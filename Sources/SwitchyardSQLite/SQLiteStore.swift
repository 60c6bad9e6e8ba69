public import Foundation
import GRDB
public import Switchyard

/// The embedded store: one SQLite database in write-ahead-log mode under the data
/// directory. Readers run beside the single writer; each control-plane change is
/// one transaction.
public final class SQLiteStore: Store {
    private let database: DatabasePool

    /// Opens (creating when needed) `switchyard.sqlite` in `directory` and brings its
    /// schema up to date.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        database = try DatabasePool(path: directory.appendingPathComponent("switchyard.sqlite").path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    public func read<Result: Sendable>(_ body: @Sendable (any ResourceReader) throws -> Result) async throws -> Result {
        try await database.read { db in try body(SQLiteTransaction(db)) }
    }

    public func write<Result: Sendable>(_ body: @Sendable (any ResourceWriter) throws -> Result) async throws -> Result {
        try await database.write { db in try body(SQLiteTransaction(db)) }
    }
}
