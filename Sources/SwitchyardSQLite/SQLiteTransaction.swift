import GRDB
import Switchyard
import Synchronization

/// The store's areas over committed state.
struct SQLiteReader: StoreReader {
    let connection: SQLiteConnection

    var resources: any ResourceReader { SQLiteResources(connection: connection) }
    var queues: any QueueReader { SQLiteQueues(connection: connection) }
    var logs: any LogReader { SQLiteLogs(connection: connection) }
}

/// The store's areas inside one write, and what to run once it committed.
struct SQLiteTransaction: StoreWriter {
    let connection: SQLiteConnection
    let commitActions = CommitActions()

    var resources: any ResourceWriter { SQLiteResources(connection: connection) }
    var eventLog: any EventLog { SQLiteEventLog(connection: connection) }
    var queues: any QueueWriter { SQLiteQueues(connection: connection) }
    var logs: any LogWriter { SQLiteLogs(connection: connection) }

    func afterCommit(_ action: @escaping @Sendable () -> Void) {
        commitActions.append(action)
    }
}

/// The after-commit actions of one write, in the order they were asked for.
final class CommitActions: Sendable {
    private let actions = Mutex<[@Sendable () -> Void]>([])

    func append(_ action: @escaping @Sendable () -> Void) {
        actions.withLock { $0.append(action) }
    }

    func run() {
        for action in actions.withLock({ $0 }) { action() }
    }
}
