import Foundation
import Switchyard

/// The request a REST API of API Gateway gets for one invocation. The target's
/// ARN names the method: `arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/PATH`,
/// the path's `*` filled from `PathParameterValues`.
struct ApiGatewayCall {
    var method: String
    var url: URL
    /// The path as sent, escaped.
    var path: String
    var query: [(String, String)]
    var headers: [(String, String)]
    var body: Data

    /// Headers API Gateway targets may not set (AWS's list): they would change how
    /// the request is framed, routed or signed.
    static func isForbidden(_ header: String) -> Bool {
        header.hasPrefix("x-amz") || [
            "authorization", "connection", "content-encoding", "content-length", "host", "max-forwards", "te",
            "transfer-encoding", "trailer", "upgrade", "via", "www-authenticate", "x-forwarded-for",
        ].contains(header)
    }

    /// Nil when the ARN names no method of an API.
    init?(_ invocation: TargetInvocation, _ destination: TargetDestination, endpoints: AWSEndpoints) {
        let parts = destination.resource.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        let http = TargetHttpParameters(invocation)
        // `*` is any method; which one AWS sends then is not recorded. POST carries the event.
        method = parts[2] == "*" || parts[2].isEmpty ? "POST" : parts[2].uppercased()
        let base = endpoints.apiGateway(String(parts[0]), region: destination.region)
        path = (base.path.hasSuffix("/") ? String(base.path.dropLast()) : base.path)
            + "/\(String(parts[1]).percentEncoded())/" + http.filling(parts.count == 4 ? String(parts[3]) : "")
        var components = URLComponents()
        (components.scheme, components.host, components.port) = (base.scheme, base.host, base.port)
        components.percentEncodedPath = path
        if !http.query.isEmpty { components.percentEncodedQuery = formEncoded(http.query) }
        guard let url = components.url else { return nil }
        self.url = url
        query = http.query
        headers = http.headers.filter { !Self.isForbidden($0.0) } + [("content-type", "application/json; charset=utf-8")]
        body = method == "GET" || method == "HEAD" ? Data() : Data(invocation.input.utf8)
    }
}
