import Foundation
import GRDB
import Switchyard

/// Runs the store's write transactions together: while one SQLite transaction is
/// being written and synced to disk, the writes that arrive wait, and then run in
/// the next transaction, each in a savepoint of its own. A write that fails rolls
/// back alone; the others commit. Every caller returns once its own write is
/// durable, and one disk sync serves everyone who waited for it — how PutEvents
/// stays durable without costing throughput.
///
/// Writes are async, so the transaction stays open across their awaits; only this
/// writer task, on the writer's own thread, uses the writer connection while it is open.
///
/// The state is guarded by a pthread mutex (`NSLock`) rather than `Mutex`: the writer
/// thread and the callers contend for it constantly, and ThreadSanitizer cannot see
/// the hand-over of `Mutex`'s priority-inheriting futex, so it reported races that
/// were not there.
final class GroupedWrites: @unchecked Sendable {
    private struct State {
        var waiting: [any GroupedWrite] = []
        var isWriting = false
    }

    private let connection: SQLiteConnection
    private let lock = NSLock()
    private var state = State()
    private let executor = SQLiteWriterExecutor()

    init(database: any DatabaseWriter) {
        connection = SQLiteConnection(database: database, writes: true)
    }

    func write<Result: Sendable>(_ body: @escaping @Sendable (any StoreWriter) async throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriter = lock.withLock {
                state.waiting.append(PendingWrite(body: body, continuation: continuation))
                guard !state.isWriting else { return false }
                state.isWriting = true
                return true
            }
            if startsWriter {
                Task(executorPreference: executor) { await self.writeUntilDrained() }
            }
        }
    }

    private func writeUntilDrained() async {
        while true {
            let group = lock.withLock { () -> [any GroupedWrite] in
                let group = state.waiting
                state.waiting = []
                if group.isEmpty { state.isWriting = false }
                return group
            }
            guard !group.isEmpty else { return }
            do {
                try await connection.access { try $0.beginTransaction(.immediate) }
                for write in group { await write.run(on: connection) }
                try await connection.access { try $0.commit() }
                for write in group { write.finish(committed: nil) }
            } catch {
                _ = try? await connection.access { db in if db.isInsideTransaction { try db.rollback() } }
                for write in group { write.finish(committed: error) }
            }
        }
    }
}

private protocol GroupedWrite: Sendable {
    /// Runs the write in a savepoint of the group's open transaction.
    func run(on connection: SQLiteConnection) async
    /// Answers the caller once the group's transaction committed (nil) or failed.
    func finish(committed error: (any Error)?)
}

/// One caller's write. `run` and `finish` are called one after the other by the
/// single writer task, so the outcome needs no lock of its own.
private final class PendingWrite<Result: Sendable>: GroupedWrite, @unchecked Sendable {
    let body: @Sendable (any StoreWriter) async throws -> Result
    let continuation: CheckedContinuation<Result, any Error>
    private var outcome: Swift.Result<Result, any Error>?

    init(body: @escaping @Sendable (any StoreWriter) async throws -> Result, continuation: CheckedContinuation<Result, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(on connection: SQLiteConnection) async {
        let transaction = SQLiteTransaction(connection: connection)
        do {
            try await connection.access { try $0.execute(sql: "SAVEPOINT write") }
            do {
                let result = try await body(transaction)
                try await connection.access { try $0.execute(sql: "RELEASE SAVEPOINT write") }
                outcome = .success(result)
            } catch {
                try await connection.access { try $0.execute(sql: "ROLLBACK TO SAVEPOINT write; RELEASE SAVEPOINT write") }
                outcome = .failure(error)
            }
        } catch {
            outcome = .failure(error)
        }
    }

    func finish(committed error: (any Error)?) {
        if let error {
            continuation.resume(throwing: error)
            return
        }
        continuation.resume(with: outcome!)
    }
}
