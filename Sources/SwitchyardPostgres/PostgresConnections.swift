import EventPatterns
import Foundation
import PostgresNIO
import Switchyard

/// Connections and API destinations in PostgreSQL; a connection's secrets arrive sealed.
struct PostgresConnections: ConnectionWriter {
    let session: PostgresSession

    func connection(named name: String, owner: Caller) async throws -> Connection? {
        try await session.row("""
            SELECT * FROM connection WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """).map(Self.connection)
    }

    func connections(owner: Caller) async throws -> [Connection] {
        try await session.rows("""
            SELECT * FROM connection WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.connection)
    }

    func apiDestination(named name: String, owner: Caller) async throws -> ApiDestination? {
        try await session.row("""
            SELECT * FROM api_destination WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """).map(Self.apiDestination)
    }

    func apiDestinations(owner: Caller) async throws -> [ApiDestination] {
        try await session.rows("""
            SELECT * FROM api_destination WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.apiDestination)
    }

    func save(_ value: Connection) async throws {
        try await session.execute("""
            INSERT INTO connection
              (account, region, name, resource_id, description, authorization_type, shown_parameters, sealed_parameters,
               invocation_connectivity, state, state_reason, creation_time, last_modified_time, last_authorized_time)
            VALUES (\(value.owner.account), \(value.owner.region), \(value.name), \(value.resourceId),
                    \(value.description.client), \(value.authorizationType.rawValue), \(value.shownParameters.jsonText),
                    \(ByteBuffer(bytes: value.sealedParameters)), \(value.invocationConnectivity?.jsonText),
                    \(value.state.rawValue), \(value.stateReason),
                    \(value.creationTime.timeIntervalSince1970), \(value.lastModifiedTime.timeIntervalSince1970),
                    \(value.lastAuthorizedTime?.timeIntervalSince1970))
            ON CONFLICT (account, region, name) DO UPDATE SET
              resource_id = excluded.resource_id, description = excluded.description,
              authorization_type = excluded.authorization_type, shown_parameters = excluded.shown_parameters,
              sealed_parameters = excluded.sealed_parameters, invocation_connectivity = excluded.invocation_connectivity,
              state = excluded.state, state_reason = excluded.state_reason,
              last_modified_time = excluded.last_modified_time, last_authorized_time = excluded.last_authorized_time
            """)
    }

    func deleteConnection(named name: String, owner: Caller) async throws {
        try await session.execute("""
            DELETE FROM connection WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """)
    }

    func save(_ value: ApiDestination) async throws {
        try await session.execute("""
            INSERT INTO api_destination
              (account, region, name, resource_id, description, connection_arn, invocation_endpoint, http_method,
               invocation_rate_limit_per_second, state, creation_time, last_modified_time)
            VALUES (\(value.owner.account), \(value.owner.region), \(value.name), \(value.resourceId),
                    \(value.description.client), \(value.connectionArn), \(value.invocationEndpoint), \(value.httpMethod),
                    \(value.invocationRateLimitPerSecond.map(Int64.init)), \(value.state.rawValue),
                    \(value.creationTime.timeIntervalSince1970), \(value.lastModifiedTime.timeIntervalSince1970))
            ON CONFLICT (account, region, name) DO UPDATE SET
              description = excluded.description, connection_arn = excluded.connection_arn,
              invocation_endpoint = excluded.invocation_endpoint, http_method = excluded.http_method,
              invocation_rate_limit_per_second = excluded.invocation_rate_limit_per_second, state = excluded.state,
              last_modified_time = excluded.last_modified_time
            """)
    }

    func deleteApiDestination(named name: String, owner: Caller) async throws {
        try await session.execute("""
            DELETE FROM api_destination WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """)
    }

    private static func connection(_ row: PostgresRandomAccessRow) throws -> Connection {
        let typeText = try row.value("authorization_type", as: String.self)
        let stateText = try row.value("state", as: String.self)
        guard let type = Connection.AuthorizationType(rawValue: typeText) else {
            throw UnknownValue(column: "authorization_type", value: typeText)
        }
        guard let state = Connection.State(rawValue: stateText) else { throw UnknownValue(column: "state", value: stateText) }
        var value = Connection(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            resourceId: try row.value("resource_id"), authorizationType: type,
            shownParameters: try JSONParser.parse(try row.value("shown_parameters", as: String.self)),
            sealedParameters: try row.value("sealed_parameters", as: Data.self), state: state,
            creationTime: try row.date("creation_time"))
        value.description = try row.optionalText("description")
        value.stateReason = try row.value("state_reason")
        value.invocationConnectivity = try row.value("invocation_connectivity", as: String?.self).map { try JSONParser.parse($0) }
        value.lastModifiedTime = try row.date("last_modified_time")
        value.lastAuthorizedTime = try row.value("last_authorized_time", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        return value
    }

    private static func apiDestination(_ row: PostgresRandomAccessRow) throws -> ApiDestination {
        let stateText = try row.value("state", as: String.self)
        guard let state = ApiDestination.State(rawValue: stateText) else { throw UnknownValue(column: "state", value: stateText) }
        var value = ApiDestination(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            resourceId: try row.value("resource_id"), connectionArn: try row.value("connection_arn"),
            invocationEndpoint: try row.value("invocation_endpoint"), httpMethod: try row.value("http_method"),
            creationTime: try row.date("creation_time"))
        value.description = try row.optionalText("description")
        value.invocationRateLimitPerSecond = try row.value("invocation_rate_limit_per_second", as: Int64?.self).map(Int.init)
        value.state = state
        value.lastModifiedTime = try row.date("last_modified_time")
        return value
    }
}
