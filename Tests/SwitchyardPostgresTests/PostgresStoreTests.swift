import Foundation
import Switchyard
import SwitchyardPostgres
import Synchronization
import Testing

@Suite(.enabled(if: TestDatabase.isAvailable, "needs SWITCHYARD_TEST_POSTGRES; `make test` starts a cluster"))
struct PostgresStoreTests {
    @Test func aDatabaseThatDoesNotExistIsAClearError() async throws {
        var location = try PostgresLocation(url: try #require(TestDatabase.url))
        location.database = "no_such_database"
        let error = await #expect(throws: PostgresStore.Unavailable.self) {
            _ = try await PostgresStore.open(location, logger: TestDatabase.logger)
        }
        #expect(error?.description.hasSuffix(#"database "no_such_database" does not exist"#) == true)
    }

    @Test func nothingListeningIsAClearError() async throws {
        var location = try PostgresLocation(url: try #require(TestDatabase.url))
        location.port = 1
        let error = await #expect(throws: PostgresStore.Unavailable.self) {
            _ = try await PostgresStore.open(location, logger: TestDatabase.logger, timeout: .seconds(5))
        }
        #expect(error?.description.hasPrefix("Cannot open the PostgreSQL store at postgresql://switchyard@127.0.0.1:1/") == true)
    }

    @Test func nodesStartingTogetherMigrateOnce() async throws {
        try await TestDatabase.withDatabase { location in
            let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
                for _ in 0..<3 { group.addTask { try await PostgresStore.open(location, logger: TestDatabase.logger) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for store in stores {
                #expect(await store.isReachable())
                await store.close()
            }
        }
    }

    /// A signal on one node wakes a waiter on another, through LISTEN/NOTIFY.
    @Test func aSignalOnOneNodeWakesAWaiterOnAnother() async throws {
        try await TestDatabase.withDatabase { location in
            let first = try await PostgresStore.open(location, logger: TestDatabase.logger)
            let second = try await PostgresStore.open(location, logger: TestDatabase.logger)
            // The listener connects in the background: signal until the waiter hears one.
            let generation = second.changes.generation(of: "queue-a")
            let signalling = Task {
                while !Task.isCancelled {
                    first.changes.signal("queue-a")
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            await second.changes.wait(on: "queue-a", after: generation, upTo: .seconds(30), clock: SystemClock())
            signalling.cancel()
            #expect(second.changes.generation(of: "queue-a") > generation, "woken by the signal, not by the timeout")
            await first.close()
            await second.close()
        }
    }

    /// One node at a time holds the singleton role; when its holder goes, another takes it.
    @Test func theSingletonRoleIsHeldByOneNodeAndHandedOver() async throws {
        try await TestDatabase.withDatabase { location in
            let stores = [
                try await PostgresStore.open(location, logger: TestDatabase.logger),
                try await PostgresStore.open(location, logger: TestDatabase.logger),
            ]
            let holders = Holders()
            let roles = stores.enumerated().map { index, store in
                Task {
                    await store.runAsSingleton {
                        holders.enter(index)
                        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) }
                        holders.leave(index)
                    }
                }
            }
            while holders.current.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            try await Task.sleep(for: .seconds(3))
            #expect(holders.current.count == 1, "the other node waits")
            let first = try #require(holders.current.first)
            roles[first].cancel()
            await roles[first].value
            let started = ContinuousClock.now
            while holders.current.isEmpty, ContinuousClock.now - started < .seconds(10) {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(holders.current == [1 - first], "handed over")
            #expect(holders.maximumAtOnce == 1)
            roles[1 - first].cancel()
            await roles[1 - first].value
            for store in stores { await store.close() }
        }
    }

    /// A purged backlog leaves dead rows at the head of every receive; the role's
    /// holder vacuums them away without waiting for autovacuum's next round.
    @Test func theSingletonHolderVacuumsAPurgedBacklog() async throws {
        try await TestDatabase.withDatabase { location in
            let store = try await PostgresStore.open(location, logger: TestDatabase.logger)
            let caller = Caller(account: "123456789012", region: "us-east-1")
            let moment = Date()
            let queue = Queue(name: "backlog", owner: caller, attributes: [:], createdTimestamp: moment)
            let backlog = (0..<PostgresStore.vacuumThreshold).map { index in
                QueueMessage(
                    id: "m\(index)", queueArn: queue.arn, body: "b", md5OfBody: "md5", messageAttributes: .structure([:]),
                    md5OfMessageAttributes: nil, systemAttributes: [:], sentTime: moment, visibleAt: moment)
            }
            try await store.write { store in
                try await store.queues.save(queue)
                try await store.queues.append(backlog)
            }
            try await store.write { try await $0.queues.purgeQueue(arn: queue.arn) }
            let before = try await TestDatabase.vacuumCount(of: "message", in: location)
            let role = Task { await store.runAsSingleton { while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) } } }
            // Statistics reach pg_stat_user_tables within PostgreSQL's idle flush interval (10 s).
            let started = ContinuousClock.now
            var vacuumed = false
            while !vacuumed, ContinuousClock.now - started < .seconds(30) {
                try await Task.sleep(for: .milliseconds(200))
                vacuumed = try await TestDatabase.vacuumCount(of: "message", in: location) > before
            }
            role.cancel()
            await role.value
            await store.close()
            #expect(vacuumed)
        }
    }
}

/// Which tasks hold the role now, and the most that ever held it at once.
private final class Holders: Sendable {
    private let state = Mutex((current: Set<Int>(), maximum: 0))
    var current: Set<Int> { state.withLock { $0.current } }
    var maximumAtOnce: Int { state.withLock { $0.maximum } }

    func enter(_ index: Int) {
        state.withLock {
            $0.current.insert(index)
            $0.maximum = max($0.maximum, $0.current.count)
        }
    }

    func leave(_ index: Int) { _ = state.withLock { $0.current.remove(index) } }
}
