import Foundation
import GRDB
import Switchyard

/// Global endpoints and health checks in SQLite.
struct SQLiteEndpoints: EndpointWriter {
    let connection: SQLiteConnection

    func endpoint(named name: String, owner: Caller) async throws -> GlobalEndpoint? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>("""
                SELECT * FROM endpoint WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
                """)).map(Self.endpoint)
        }
    }

    func endpoints(owner: Caller) async throws -> [GlobalEndpoint] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM endpoint WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
                """)).map(Self.endpoint)
        }
    }

    func endpoint(id: String) async throws -> GlobalEndpoint? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM endpoint WHERE endpointId = \(id)")).map(Self.endpoint)
        }
    }

    func healthCheckIsHealthy(_ healthCheckArn: String) async throws -> Bool? {
        try await connection.access { db in
            try Bool.fetchOne(db, SQLRequest<Bool>("SELECT isHealthy FROM healthCheck WHERE arn = \(healthCheckArn)"))
        }
    }

    func save(_ endpoint: GlobalEndpoint) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO endpoint
                  (account, region, name, endpointId, description, healthCheck, secondaryRegion, replicationEnabled,
                   eventBusArns, roleArn, creationTime, lastModifiedTime)
                VALUES (\(endpoint.owner.account), \(endpoint.owner.region), \(endpoint.name), \(endpoint.endpointId),
                        \(endpoint.description.stored), \(endpoint.healthCheck), \(endpoint.secondaryRegion),
                        \(endpoint.replicationEnabled), \(endpoint.eventBusArns.joined(separator: " ")), \(endpoint.roleArn),
                        \(endpoint.creationTime.timeIntervalSince1970), \(endpoint.lastModifiedTime.timeIntervalSince1970))
                """)
        }
    }

    func deleteEndpoint(named name: String, owner: Caller) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                DELETE FROM endpoint WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
                """)
        }
    }

    func setHealthCheck(_ healthCheckArn: String, isHealthy: Bool) async throws {
        try await connection.access { db in
            try db.execute(literal: "INSERT OR REPLACE INTO healthCheck (arn, isHealthy) VALUES (\(healthCheckArn), \(isHealthy))")
        }
    }

    private static func endpoint(_ row: Row) -> GlobalEndpoint {
        var endpoint = GlobalEndpoint(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]), healthCheck: row["healthCheck"],
            secondaryRegion: row["secondaryRegion"], replicationEnabled: row["replicationEnabled"],
            eventBusArns: (row["eventBusArns"] as String).split(separator: " ").map(String.init), endpointId: row["endpointId"],
            creationTime: Date(timeIntervalSince1970: row["creationTime"]))
        endpoint.description = row["description"]
        endpoint.roleArn = row["roleArn"]
        endpoint.lastModifiedTime = Date(timeIntervalSince1970: row["lastModifiedTime"])
        return endpoint
    }
}
