import SwitchyardPostgres
import Testing
import TestSupport

/// The store conformance suites, on PostgreSQL: each check on a database of its own.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs SWITCHYARD_TEST_POSTGRES; `make test` starts a cluster"))
struct PostgresStoreConformanceTests {
    @Test(arguments: StoreConformance.resources) func resources(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.transactions) func transactions(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.eventLog) func eventLog(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.queues) func queues(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.logs) func logs(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.schedules) func schedules(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.archives) func archives(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.connections) func connections(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }
    @Test(arguments: StoreConformance.trails) func trails(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.partnerSources) func partnerSources(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: StoreConformance.endpoints) func endpoints(_ check: StoreCheck) async throws {
        try await TestDatabase.withStore { try await check.run($0) }
    }
}
