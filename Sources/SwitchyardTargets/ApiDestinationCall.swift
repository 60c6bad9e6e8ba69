import EventPatterns
import EventTransforms
import Foundation
import Switchyard

/// The HTTP request an API destination gets for one invocation, or that an OAuth
/// connection sends for a token.
struct ApiDestinationCall {
    var url: String
    var headers: [(String, String)]
    var body: String

    init(url: String, headers: [(String, String)], body: String) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    init(invocation: TargetInvocation, destination: ApiDestination, connectionParameters: JSONValue, authorization: (String, String)) throws {
        let http = TargetHttpParameters(invocation)
        let invocationParameters = connectionParameters["InvocationHttpParameters"]
        let query = http.query + Self.pairs(invocationParameters?["QueryStringParameters"])
        var headers = http.headers + Self.pairs(invocationParameters?["HeaderParameters"]).map { ($0.0.lowercased(), $0.1) }
        headers.append((authorization.0.lowercased(), authorization.1))
        var body = invocation.input
        let bodyParameters = Self.pairs(invocationParameters?["BodyParameters"])
        if !bodyParameters.isEmpty, case .object(var members)? = try? JSONParser.parse(body) {
            members += bodyParameters.map { JSONValue.Member(key: $0.0, value: JSONValue($0.1)) }
            body = JSONValue.object(members).jsonText
        }
        self.init(url: Self.withQuery(http.filling(destination.invocationEndpoint), query), headers: headers, body: body)
    }

    /// A client-credentials token request: the credentials as basic authorization,
    /// the OAuth HTTP parameters as headers, query and form body. AWS's exact request
    /// is not recorded; this is the form OAuth servers expect.
    static func tokenRequest(endpoint: String, http: JSONValue?, clientId: String, clientSecret: String) throws -> ApiDestinationCall {
        var headers = pairs(http?["HeaderParameters"]).map { ($0.0.lowercased(), $0.1) }
        headers.append(("authorization", "Basic " + Data("\(clientId):\(clientSecret)".utf8).base64EncodedString()))
        headers.append(("content-type", "application/x-www-form-urlencoded"))
        return ApiDestinationCall(
            url: withQuery(endpoint, pairs(http?["QueryStringParameters"])), headers: headers, body: formEncoded(pairs(http?["BodyParameters"])))
    }

    /// `[{"Key", "Value"}]` as pairs.
    static func pairs(_ list: JSONValue?) -> [(String, String)] {
        (list?.arrayValue ?? []).compactMap { item in
            item["Key"]?.stringValue.map { ($0, item["Value"]?.stringValue ?? "") }
        }
    }

    static func withQuery(_ url: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return url }
        return url + (url.contains("?") ? "&" : "?") + formEncoded(query)
    }
}
