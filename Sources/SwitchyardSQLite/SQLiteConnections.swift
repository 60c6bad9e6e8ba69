import EventPatterns
import Foundation
import GRDB
import Switchyard

/// Connections and API destinations in SQLite; a connection's secrets arrive sealed.
struct SQLiteConnections: ConnectionWriter {
    let connection: SQLiteConnection

    func connection(named name: String, owner: Caller) async throws -> Connection? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>(
                "SELECT * FROM connection WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)"))
                .map(Self.connection)
        }
    }

    func connections(owner: Caller) async throws -> [Connection] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>(
                "SELECT * FROM connection WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name"))
                .map(Self.connection)
        }
    }

    func apiDestination(named name: String, owner: Caller) async throws -> ApiDestination? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>(
                "SELECT * FROM apiDestination WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)"))
                .map(Self.apiDestination)
        }
    }

    func apiDestinations(owner: Caller) async throws -> [ApiDestination] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>(
                "SELECT * FROM apiDestination WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name"))
                .map(Self.apiDestination)
        }
    }

    func save(_ value: Connection) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO connection
                  (account, region, name, resourceId, description, authorizationType, shownParameters, sealedParameters,
                   invocationConnectivity, state, stateReason, creationTime, lastModifiedTime, lastAuthorizedTime)
                VALUES (\(value.owner.account), \(value.owner.region), \(value.name), \(value.resourceId),
                        \(value.description.stored), \(value.authorizationType.rawValue), \(value.shownParameters.jsonText),
                        \(value.sealedParameters), \(value.invocationConnectivity?.jsonText), \(value.state.rawValue),
                        \(value.stateReason),
                        \(value.creationTime.timeIntervalSince1970), \(value.lastModifiedTime.timeIntervalSince1970),
                        \(value.lastAuthorizedTime?.timeIntervalSince1970))
                """)
        }
    }

    func deleteConnection(named name: String, owner: Caller) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM connection WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)")
        }
    }

    func save(_ value: ApiDestination) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO apiDestination
                  (account, region, name, resourceId, description, connectionArn, invocationEndpoint, httpMethod,
                   invocationRateLimitPerSecond, state, creationTime, lastModifiedTime)
                VALUES (\(value.owner.account), \(value.owner.region), \(value.name), \(value.resourceId),
                        \(value.description.stored), \(value.connectionArn), \(value.invocationEndpoint), \(value.httpMethod),
                        \(value.invocationRateLimitPerSecond), \(value.state.rawValue), \(value.creationTime.timeIntervalSince1970),
                        \(value.lastModifiedTime.timeIntervalSince1970))
                """)
        }
    }

    func deleteApiDestination(named name: String, owner: Caller) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM apiDestination WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)")
        }
    }

    private static func connection(_ row: Row) throws -> Connection {
        guard let type = Connection.AuthorizationType(rawValue: row["authorizationType"]),
              let state = Connection.State(rawValue: row["state"]) else {
            throw DatabaseError(message: "Unknown connection state or authorization type")
        }
        var value = Connection(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]), resourceId: row["resourceId"],
            authorizationType: type, shownParameters: try JSONParser.parse(row["shownParameters"] as String),
            sealedParameters: row["sealedParameters"], state: state, creationTime: Date(timeIntervalSince1970: row["creationTime"]))
        value.description = row["description"]
        value.stateReason = row["stateReason"]
        value.invocationConnectivity = try (row["invocationConnectivity"] as String?).map { try JSONParser.parse($0) }
        value.lastModifiedTime = Date(timeIntervalSince1970: row["lastModifiedTime"])
        value.lastAuthorizedTime = (row["lastAuthorizedTime"] as Double?).map(Date.init(timeIntervalSince1970:))
        return value
    }

    private static func apiDestination(_ row: Row) throws -> ApiDestination {
        guard let state = ApiDestination.State(rawValue: row["state"]) else {
            throw DatabaseError(message: "Unknown API destination state \(row["state"] as String)")
        }
        var value = ApiDestination(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]), resourceId: row["resourceId"],
            connectionArn: row["connectionArn"], invocationEndpoint: row["invocationEndpoint"], httpMethod: row["httpMethod"],
            creationTime: Date(timeIntervalSince1970: row["creationTime"]))
        value.description = row["description"]
        value.invocationRateLimitPerSecond = row["invocationRateLimitPerSecond"]
        value.state = state
        value.lastModifiedTime = Date(timeIntervalSince1970: row["lastModifiedTime"])
        return value
    }
}
