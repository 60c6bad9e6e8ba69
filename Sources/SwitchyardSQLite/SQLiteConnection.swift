import GRDB

/// How a store area reaches SQLite: a read runs on one of the pool's readers; a
/// write runs on the writer connection, inside the transaction `GroupedWrites`
/// holds open across the awaits of a write.
struct SQLiteConnection: Sendable {
    let database: any DatabaseWriter
    let writes: Bool

    func access<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        writes ? try await database.writeWithoutTransaction(body) : try await database.read(body)
    }
}
