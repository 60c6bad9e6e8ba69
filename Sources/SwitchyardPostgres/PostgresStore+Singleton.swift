import Logging
import PostgresNIO

extension PostgresStore {
    /// The singleton role is a session advisory lock, held on a connection of its
    /// own: PostgreSQL releases it the moment that connection ends, so a node that
    /// dies hands the role over by dying. The holder checks its connection every
    /// `checkInterval` and stops `work` as soon as it cannot; the others try for
    /// the lock as often.
    public func runAsSingleton(_ work: @escaping @Sendable () async -> Void) async {
        while !Task.isCancelled {
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(
                    configuration: try location.connectionConfiguration(), id: 1, logger: logger)
            } catch {
                if Task.isCancelled { return }
                logger.warning("Singleton role: cannot reach the database; retrying", metadata: ["error": "\(Self.reason(error))"])
                try? await Task.sleep(for: singletonCheckInterval)
                continue
            }
            let session = PostgresSession(connection: connection, logger: logger)
            let finished = await acquireRole(on: session) ? await holdingRole(on: session, work) : false
            try? await connection.close()
            if finished { return }
        }
    }

    /// Waits for the role; false when the connection failed or the task was cancelled.
    private func acquireRole(on session: PostgresSession) async -> Bool {
        while !Task.isCancelled {
            do {
                let acquired = try await session.row("SELECT pg_try_advisory_lock(\(AdvisoryLock.singleton)) AS acquired")
                if try acquired?.value("acquired", as: Bool.self) == true { return true }
                try await Task.sleep(for: singletonCheckInterval)
            } catch {
                return false
            }
        }
        return false
    }

    /// Runs `work` until it returns (true) or the role's connection fails (false).
    /// The store's own upkeep runs beside it.
    private func holdingRole(on session: PostgresSession, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await work()
                return true
            }
            group.addTask {
                await self.vacuumQueueLikeTables(every: .seconds(1))
                return true
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: self.singletonCheckInterval)
                    if Task.isCancelled { break }
                    do {
                        try await withTimeout(self.singletonCheckInterval) { try await session.execute("SELECT 1") }
                    } catch {
                        self.logger.warning("Singleton role lost with its connection")
                        return false
                    }
                }
                return true
            }
            let outcome = await group.next() ?? true
            group.cancelAll()
            return outcome
        }
    }
}
