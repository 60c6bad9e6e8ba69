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
        let event = try? JSONParser.parse(invocation.event.text)
        let http = invocation.target.definition["HttpParameters"]
        // A value starting with `$.` is read from the event, as EventBridge reads it.
        func value(_ given: JSONValue) -> String {
            guard let text = given.stringValue else { return given.jsonText }
            guard text.hasPrefix("$."), let event, let path = try? JSONPath(text), let found = path.evaluate(in: event) else {
                return text
            }
            return found.stringValue ?? found.jsonText
        }
        var path = destination.invocationEndpoint
        for pathValue in http?["PathParameterValues"]?.arrayValue ?? [] {
            guard let wildcard = path.range(of: "*") else { break }
            path.replaceSubrange(wildcard, with: Self.encoded(value(pathValue), allowing: .urlPathAllowed))
        }
        let invocationParameters = connectionParameters["InvocationHttpParameters"]
        var query = (http?["QueryStringParameters"]?.members ?? []).map { ($0.key, value($0.value)) }
        query += Self.pairs(invocationParameters?["QueryStringParameters"])
        var headers = (http?["HeaderParameters"]?.members ?? []).map { ($0.key.lowercased(), value($0.value)) }
        headers += Self.pairs(invocationParameters?["HeaderParameters"]).map { ($0.0.lowercased(), $0.1) }
        headers.append((authorization.0.lowercased(), authorization.1))
        var body = invocation.input
        let bodyParameters = Self.pairs(invocationParameters?["BodyParameters"])
        if !bodyParameters.isEmpty, case .object(var members)? = try? JSONParser.parse(body) {
            members += bodyParameters.map { JSONValue.Member(key: $0.0, value: JSONValue($0.1)) }
            body = JSONValue.object(members).jsonText
        }
        self.init(url: Self.withQuery(path, query), headers: headers, body: body)
    }

    /// A client-credentials token request: the credentials as basic authorization,
    /// the OAuth HTTP parameters as headers, query and form body. AWS's exact request
    /// is not recorded; this is the form OAuth servers expect.
    static func tokenRequest(endpoint: String, http: JSONValue?, clientId: String, clientSecret: String) throws -> ApiDestinationCall {
        var headers = pairs(http?["HeaderParameters"]).map { ($0.0.lowercased(), $0.1) }
        headers.append(("authorization", "Basic " + Data("\(clientId):\(clientSecret)".utf8).base64EncodedString()))
        headers.append(("content-type", "application/x-www-form-urlencoded"))
        let form = pairs(http?["BodyParameters"]).map { "\(encoded($0.0, allowing: .formValue))=\(encoded($0.1, allowing: .formValue))" }
        return ApiDestinationCall(
            url: withQuery(endpoint, pairs(http?["QueryStringParameters"])), headers: headers, body: form.joined(separator: "&"))
    }

    /// `[{"Key", "Value"}]` as pairs.
    static func pairs(_ list: JSONValue?) -> [(String, String)] {
        (list?.arrayValue ?? []).compactMap { item in
            item["Key"]?.stringValue.map { ($0, item["Value"]?.stringValue ?? "") }
        }
    }

    static func withQuery(_ url: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return url }
        let text = query.map { "\(encoded($0.0, allowing: .formValue))=\(encoded($0.1, allowing: .formValue))" }.joined(separator: "&")
        return url + (url.contains("?") ? "&" : "?") + text
    }

    static func encoded(_ text: String, allowing allowed: CharacterSet) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension CharacterSet {
    /// What a query or form value keeps unescaped.
    static let formValue = CharacterSet.alphanumerics.union(["-", "_", ".", "~"])
}
