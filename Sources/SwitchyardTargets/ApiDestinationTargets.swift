public import AsyncHTTPClient
import Foundation
import EventPatterns
import NIOCore
import NIOHTTP1
public import Switchyard

/// API destinations, called as EventBridge calls them: the destination's method and
/// endpoint (its `*` filled from the target's `PathParameterValues`), the target
/// input as the body, the target's and the connection's headers and query
/// parameters, and the connection's authorization — basic, an API key, or an OAuth
/// token fetched with the client credentials, kept until it expires and fetched
/// again when the endpoint answers 401. Calls wait for the destination's
/// `InvocationRateLimitPerSecond`; none is dropped. 429, 5xx and silence are
/// retried; any other answer but 2xx is not, and dead-letters with its status.
/// Calls move the connection through AWS's states: usable once a token came,
/// `DEAUTHORIZED` when the authorization endpoint refuses the credentials, and
/// `FAILED_CONNECTIVITY` while a private endpoint gives no answer.
public struct ApiDestinationTargets: TargetInvoker {
    /// AWS's: an endpoint must answer within five seconds.
    static let timeout = TimeAmount.seconds(5)
    static let userAgent = "Amazon/EventBridge/ApiDestinations"

    let http: HTTPClient
    let store: any Store
    let secrets: SecretBox
    let tokens = OAuthTokens()
    let pacer = InvocationPacer()

    public init(http: HTTPClient, store: any Store, secrets: SecretBox) {
        self.http = http
        self.store = store
        self.secrets = secrets
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        await eachAtOnce(invocations) { await self.invoke($0) }
    }

    func invoke(_ invocation: TargetInvocation) async -> DeliveryFailure? {
        var connection: Connection?
        do {
            guard let (destination, found) = try await resolve(invocation.target) else {
                return DeliveryFailure(
                    code: "RESOURCE_NOT_FOUND", message: "The API destination \(invocation.target.arn) does not exist.",
                    isRetryable: false)
            }
            connection = found
            guard found.state != .deauthorized else {
                return DeliveryFailure(
                    code: "NO_PERMISSIONS", message: "The connection \(found.name) is deauthorized.", isRetryable: false)
            }
            let parameters = try JSONParser.parse(try secrets.open(found.sealedParameters))
            await pacer.wait(for: destination.arn, perSecond: destination.invocationRateLimitPerSecond)
            var status = try await send(invocation, to: destination, connection: found, parameters: parameters)
            if status == 401, found.authorizationType == .oauthClientCredentials {
                await tokens.forget(found.arn)
                status = try await send(invocation, to: destination, connection: found, parameters: parameters)
            }
            if found.state == .failedConnectivity {
                try await move(found, from: [.failedConnectivity], to: found.usableState)
            }
            guard !(200..<300).contains(status) else { return nil }
            // AWS's wording for a refused call is not recorded; the status is what it reports.
            return DeliveryFailure(
                code: "SDK_CLIENT_ERROR", message: "The API destination answered \(status).",
                isRetryable: status == 429 || status >= 500)
        } catch let failure as DeliveryFailure {
            return failure
        } catch let unreachable as Unreachable {
            // Private endpoints report their connectivity in the connection's state, as on AWS.
            if let connection, unreachable.isPrivate {
                try? await move(
                    connection, from: [.authorizing, .authorized, .active], to: .failedConnectivity,
                    reason: "Could not connect to \(unreachable.endpoint).")
            }
            return DeliveryFailure(
                code: "SDK_CLIENT_ERROR", message: "\(unreachable.endpoint) did not answer: \(unreachable.error)",
                isRetryable: true)
        } catch {
            return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "The API destination did not answer: \(error)", isRetryable: true)
        }
    }

    /// An endpoint that gave no answer at all.
    struct Unreachable: Error {
        var endpoint: String
        var isPrivate: Bool
        var error: any Error
    }

    /// Moves the connection to `state` if it is still in one of `states`: read again
    /// in the write, so that a change made meanwhile is not undone.
    func move(_ connection: Connection, from states: Set<Connection.State>, to state: Connection.State, reason: String? = nil) async throws {
        let (name, owner) = (connection.name, connection.owner)
        try await store.write { store in
            guard var current = try await store.connections.connection(named: name, owner: owner),
                  states.contains(current.state) else { return }
            current.state = state
            current.stateReason = reason
            if current.isUsable { current.lastAuthorizedTime = Date() }
            try await store.connections.save(current)
        }
    }

    /// The destination a target names, and its connection.
    func resolve(_ target: Target) async throws -> (ApiDestination, Connection)? {
        guard let destination = target.destination else { return nil }
        let parts = destination.resource.split(separator: "/")
        guard parts.count == 3 else { return nil }
        let owner = Caller(account: destination.account, region: destination.region)
        return try await store.read { store in
            guard let found = try await store.connections.apiDestination(named: String(parts[1]), owner: owner),
                  found.arn == target.arn else { return nil }
            let connectionParts = found.connectionArn.split(separator: "/")
            guard connectionParts.count == 3,
                  let connection = try await store.connections.connection(named: String(connectionParts[1]), owner: owner) else {
                return nil
            }
            return (found, connection)
        }
    }

    /// One call; returns the status it got.
    func send(
        _ invocation: TargetInvocation, to destination: ApiDestination, connection: Connection, parameters: JSONValue
    ) async throws -> UInt {
        let call = try await ApiDestinationCall(
            invocation: invocation, destination: destination, connectionParameters: parameters,
            authorization: authorization(connection, parameters))
        var request = HTTPClientRequest(url: call.url)
        request.method = HTTPMethod(rawValue: destination.httpMethod)
        request.headers.add(name: "user-agent", value: Self.userAgent)
        request.headers.add(name: "content-type", value: "application/json; charset=utf-8")
        for (name, value) in call.headers { request.headers.replaceOrAdd(name: name, value: value) }
        if destination.httpMethod != "GET", destination.httpMethod != "HEAD" {
            request.body = .bytes(ByteBuffer(string: call.body))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: Self.timeout)
        } catch {
            throw Unreachable(endpoint: destination.invocationEndpoint, isPrivate: connection.isPrivate, error: error)
        }
        _ = try await response.body.collect(upTo: 1024 * 1024)
        return response.status.code
    }

    /// The `Authorization` (or API key) header the connection's type calls for.
    func authorization(_ connection: Connection, _ parameters: JSONValue) async throws -> (String, String) {
        switch connection.authorizationType {
        case .basic:
            let basic = parameters["BasicAuthParameters"]
            let pair = "\(basic?["Username"]?.stringValue ?? ""):\(basic?["Password"]?.stringValue ?? "")"
            return ("authorization", "Basic " + Data(pair.utf8).base64EncodedString())
        case .apiKey:
            let key = parameters["ApiKeyAuthParameters"]
            return (key?["ApiKeyName"]?.stringValue ?? "", key?["ApiKeyValue"]?.stringValue ?? "")
        case .oauthClientCredentials:
            let token = try await tokens.token(for: connection.arn) { try await fetchToken(connection, parameters) }
            return ("authorization", "Bearer " + token)
        }
    }

    /// Asks the authorization endpoint for a token with the client credentials (as
    /// basic authorization) and the OAuth HTTP parameters; makes the connection
    /// usable once one came, and `DEAUTHORIZED` when the endpoint refuses them.
    func fetchToken(_ connection: Connection, _ parameters: JSONValue) async throws -> (token: String, expires: Date) {
        let oauth = parameters["OAuthParameters"]
        let client = oauth?["ClientParameters"]
        let endpoint = oauth?["AuthorizationEndpoint"]?.stringValue ?? ""
        let call = try ApiDestinationCall.tokenRequest(
            endpoint: endpoint, http: oauth?["OAuthHttpParameters"],
            clientId: client?["ClientID"]?.stringValue ?? "", clientSecret: client?["ClientSecret"]?.stringValue ?? "")
        var request = HTTPClientRequest(url: call.url)
        request.method = HTTPMethod(rawValue: oauth?["HttpMethod"]?.stringValue ?? "POST")
        request.headers.add(name: "user-agent", value: Self.userAgent)
        for (name, value) in call.headers { request.headers.replaceOrAdd(name: name, value: value) }
        if request.method != .GET { request.body = .bytes(ByteBuffer(string: call.body)) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: Self.timeout)
        } catch {
            let privateEndpoint = parameters["ConnectivityParameters"]?["ResourceParameters"]?["ResourceConfigurationArn"]?
                .stringValue.map { !$0.isEmpty } ?? false
            throw Unreachable(endpoint: endpoint, isPrivate: privateEndpoint || connection.isPrivate, error: error)
        }
        let status = response.status.code
        let body = String(buffer: try await response.body.collect(upTo: 1024 * 1024))
        guard (200..<300).contains(status), let answer = try? JSONParser.parse(body),
              let token = answer["access_token"]?.stringValue else {
            let isRetryable = status == 429 || status >= 500
            // AWS's reason for a refused authorization is not recorded.
            let reason = "The authorization endpoint answered \(status) without a token."
            if !isRetryable {
                try await move(connection, from: [.authorizing, .authorized, .active, .failedConnectivity], to: .deauthorized, reason: reason)
            }
            throw DeliveryFailure(code: "NO_PERMISSIONS", message: reason, isRetryable: isRetryable)
        }
        let lifetime = TimeInterval(answer["expires_in"]?.intValue ?? 3_600)
        if connection.state == .authorizing || connection.state == .failedConnectivity {
            try await move(connection, from: [.authorizing, .failedConnectivity], to: connection.usableState)
        }
        return (token, Date().addingTimeInterval(lifetime))
    }
}

/// OAuth tokens by connection, kept until they expire or an endpoint refuses them.
actor OAuthTokens {
    private var tokens: [String: (token: String, expires: Date)] = [:]

    func token(for connection: String, fetch: () async throws -> (token: String, expires: Date)) async throws -> String {
        if let kept = tokens[connection], kept.expires > Date() { return kept.token }
        let fresh = try await fetch()
        tokens[connection] = fresh
        return fresh.token
    }

    func forget(_ connection: String) {
        tokens[connection] = nil
    }
}

/// Spaces the calls to each API destination by its rate limit: a call waits for
/// its turn rather than being dropped.
actor InvocationPacer {
    private var nextTurn: [String: ContinuousClock.Instant] = [:]

    func wait(for destination: String, perSecond limit: Int?) async {
        guard let limit, limit > 0 else { return }
        let now = ContinuousClock.now
        let turn = max(now, nextTurn[destination] ?? now)
        nextTurn[destination] = turn + .seconds(1) / limit
        if turn > now { try? await Task.sleep(until: turn, clock: .continuous) }
    }
}
