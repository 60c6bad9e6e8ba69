/// Connections and the API destinations that call through them.
public protocol ConnectionReader: Sendable {
    func connection(named name: String, owner: Caller) async throws -> Connection?
    /// The owner's connections, by name.
    func connections(owner: Caller) async throws -> [Connection]
    func apiDestination(named name: String, owner: Caller) async throws -> ApiDestination?
    /// The owner's API destinations, by name.
    func apiDestinations(owner: Caller) async throws -> [ApiDestination]
}

public protocol ConnectionWriter: ConnectionReader {
    /// Creates the connection, or replaces it whole.
    func save(_ connection: Connection) async throws
    func deleteConnection(named name: String, owner: Caller) async throws
    /// Creates the API destination, or replaces it whole.
    func save(_ apiDestination: ApiDestination) async throws
    func deleteApiDestination(named name: String, owner: Caller) async throws
}
