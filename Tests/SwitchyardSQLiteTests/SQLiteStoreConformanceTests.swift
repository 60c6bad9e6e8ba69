import SwitchyardSQLite
import Testing
import TestSupport

/// The store conformance suites, on the embedded store.
@Suite struct SQLiteStoreConformanceTests {
    @Test(arguments: StoreConformance.resources) func resources(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.transactions) func transactions(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.eventLog) func eventLog(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.queues) func queues(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.logs) func logs(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.schedules) func schedules(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.archives) func archives(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.connections) func connections(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }
    @Test(arguments: StoreConformance.trails) func trails(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.partnerSources) func partnerSources(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }

    @Test(arguments: StoreConformance.endpoints) func endpoints(_ check: StoreCheck) async throws {
        try await check.run(try SQLiteStore.temporary())
    }
}
