import Synchronization

/// Commits work from concurrent callers together: while one transaction is being
/// written and synced, the batches that arrive wait, and then go to disk in the
/// next transaction together. Each caller returns once its own batch is durable,
/// and a disk sync is shared by everyone who waited for it.
final class GroupCommit<Batch: Sendable>: Sendable {
    private struct Waiting {
        var batch: Batch
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var isWriting = false
    }

    private let store: any Store
    private let write: @Sendable ([Batch], any StoreWriter) throws -> Void
    private let state = Mutex(State())

    init(store: any Store, write: @escaping @Sendable ([Batch], any StoreWriter) throws -> Void) {
        self.store = store
        self.write = write
    }

    func commit(_ batch: Batch) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriter = state.withLock { state in
                state.waiting.append(Waiting(batch: batch, continuation: continuation))
                guard !state.isWriting else { return false }
                state.isWriting = true
                return true
            }
            if startsWriter {
                Task { await self.writeUntilDrained() }
            }
        }
    }

    private func writeUntilDrained() async {
        while true {
            let group = state.withLock { state -> [Waiting] in
                let group = state.waiting
                state.waiting = []
                if group.isEmpty { state.isWriting = false }
                return group
            }
            guard !group.isEmpty else { return }
            let batches = group.map(\.batch)
            do {
                try await store.write { [write] store in try write(batches, store) }
                for waiting in group { waiting.continuation.resume() }
            } catch {
                for waiting in group { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
