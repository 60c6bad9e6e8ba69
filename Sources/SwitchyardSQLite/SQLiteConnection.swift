import GRDB

/// How a store area reaches SQLite: a read runs on one of the pool's readers; a
/// write runs on the writer connection, inside the transaction `GroupedWrites`
/// holds open across the awaits of a write. Writes are called on the writer's own
/// thread (`SQLiteWriterExecutor`), where waiting for SQLite blocks no one else.
struct SQLiteConnection: Sendable {
    let database: any DatabaseWriter
    let writes: Bool

    func access<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        writes ? try write(body) : try await database.read(body)
    }

    /// Synchronous, so GRDB's blocking call is the one chosen.
    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction(body)
    }
}
