/// Global endpoints, and the health of the checks they fail over on.
public protocol EndpointReader: Sendable {
    /// The endpoint of that name whose home is the owner's Region.
    func endpoint(named name: String, owner: Caller) async throws -> GlobalEndpoint?
    /// The owner's endpoints in its Region, by name.
    func endpoints(owner: Caller) async throws -> [GlobalEndpoint]
    /// The endpoint PutEvents names, whatever its account and Region.
    func endpoint(id: String) async throws -> GlobalEndpoint?
    /// Whether a health check passes; nil when nobody has set it.
    func healthCheckIsHealthy(_ healthCheckArn: String) async throws -> Bool?
}

public protocol EndpointWriter: EndpointReader {
    /// Creates the endpoint, or replaces it whole.
    func save(_ endpoint: GlobalEndpoint) async throws
    func deleteEndpoint(named name: String, owner: Caller) async throws
    func setHealthCheck(_ healthCheckArn: String, isHealthy: Bool) async throws
}
