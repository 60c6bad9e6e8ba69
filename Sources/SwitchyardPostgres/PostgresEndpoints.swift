import Foundation
import PostgresNIO
import Switchyard

/// Global endpoints and health checks in PostgreSQL.
struct PostgresEndpoints: EndpointWriter {
    let session: PostgresSession

    func endpoint(named name: String, owner: Caller) async throws -> GlobalEndpoint? {
        try await session.row("""
            SELECT * FROM endpoint WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """).map(Self.endpoint)
    }

    func endpoints(owner: Caller) async throws -> [GlobalEndpoint] {
        try await session.rows("""
            SELECT * FROM endpoint WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.endpoint)
    }

    func endpoint(id: String) async throws -> GlobalEndpoint? {
        try await session.row("SELECT * FROM endpoint WHERE endpoint_id = \(id)").map(Self.endpoint)
    }

    func healthCheckIsHealthy(_ healthCheckArn: String) async throws -> Bool? {
        try await session.row("SELECT is_healthy FROM health_check WHERE arn = \(healthCheckArn)")
            .map { try $0.value("is_healthy", as: Bool.self) }
    }

    func save(_ endpoint: GlobalEndpoint) async throws {
        try await session.execute("""
            INSERT INTO endpoint
              (account, region, name, endpoint_id, description, health_check, secondary_region, replication_enabled,
               event_bus_arns, role_arn, creation_time, last_modified_time)
            VALUES (\(endpoint.owner.account), \(endpoint.owner.region), \(endpoint.name), \(endpoint.endpointId),
                    \(endpoint.description.client), \(endpoint.healthCheck), \(endpoint.secondaryRegion),
                    \(endpoint.replicationEnabled), \(endpoint.eventBusArns.joined(separator: " ")), \(endpoint.roleArn),
                    \(endpoint.creationTime.timeIntervalSince1970), \(endpoint.lastModifiedTime.timeIntervalSince1970))
            ON CONFLICT (account, region, name) DO UPDATE SET endpoint_id = excluded.endpoint_id,
              description = excluded.description, health_check = excluded.health_check,
              secondary_region = excluded.secondary_region, replication_enabled = excluded.replication_enabled,
              event_bus_arns = excluded.event_bus_arns, role_arn = excluded.role_arn,
              creation_time = excluded.creation_time, last_modified_time = excluded.last_modified_time
            """)
    }

    func deleteEndpoint(named name: String, owner: Caller) async throws {
        try await session.execute("""
            DELETE FROM endpoint WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """)
    }

    func setHealthCheck(_ healthCheckArn: String, isHealthy: Bool) async throws {
        try await session.execute("""
            INSERT INTO health_check (arn, is_healthy) VALUES (\(healthCheckArn), \(isHealthy))
            ON CONFLICT (arn) DO UPDATE SET is_healthy = excluded.is_healthy
            """)
    }

    private static func endpoint(_ row: PostgresRandomAccessRow) throws -> GlobalEndpoint {
        var endpoint = GlobalEndpoint(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            healthCheck: try row.value("health_check"), secondaryRegion: try row.value("secondary_region"),
            replicationEnabled: try row.value("replication_enabled"),
            eventBusArns: try row.value("event_bus_arns", as: String.self).split(separator: " ").map(String.init),
            endpointId: try row.value("endpoint_id"), creationTime: Date(timeIntervalSince1970: try row.value("creation_time")))
        endpoint.description = try row.optionalText("description")
        endpoint.roleArn = try row.value("role_arn", as: String?.self)
        endpoint.lastModifiedTime = Date(timeIntervalSince1970: try row.value("last_modified_time"))
        return endpoint
    }
}
