public import AsyncHTTPClient
import EventPatterns
import Foundation
import NIOCore
import NIOHTTP1
public import Switchyard

/// REST APIs of API Gateway, called as EventBridge calls them: the method and path
/// the target's ARN names, the target input as the body, the target's header and
/// query parameters, signed with SigV4 for `execute-api` so that IAM-authorized
/// methods accept it. 429, 5xx and silence are retried; any other answer but 2xx
/// is not, and dead-letters with its status.
public struct ApiGatewayTargets: TargetInvoker {
    /// AWS's: API Gateway must answer within five seconds.
    static let timeout = TimeAmount.seconds(5)
    // Not recorded: the User-Agent EventBridge sends to API Gateway.
    static let userAgent = "Amazon/EventBridge/ApiGateway"

    let http: HTTPClient
    let endpoints: AWSEndpoints
    let credentials: AWSCredentials?

    public init(http: HTTPClient, endpoints: AWSEndpoints = AWSEndpoints(), credentials: AWSCredentials? = .standard()) {
        self.http = http
        self.endpoints = endpoints
        self.credentials = credentials
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        await eachAtOnce(invocations) { await self.invoke($0) }
    }

    func invoke(_ invocation: TargetInvocation) async -> DeliveryFailure? {
        guard let destination = invocation.target.destination,
              let call = ApiGatewayCall(invocation, destination, endpoints: endpoints) else {
            return DeliveryFailure(
                code: "RESOURCE_NOT_FOUND", message: "\(invocation.target.arn) names no method of an API.", isRetryable: false)
        }
        let host = call.url.port.map { "\(call.url.host ?? ""):\($0)" } ?? call.url.host ?? ""
        var headers = call.headers + [("host", host), ("user-agent", Self.userAgent)]
        if let credentials {
            headers = SigV4(credentials: credentials, region: destination.region, service: "execute-api")
                .sign(method: call.method, path: call.path, query: call.query, headers: headers, body: call.body)
        }
        var request = HTTPClientRequest(url: call.url.absoluteString)
        request.method = HTTPMethod(rawValue: call.method)
        for (name, value) in headers where name != "host" { request.headers.add(name: name, value: value) }
        if !call.body.isEmpty { request.body = .bytes(ByteBuffer(bytes: call.body)) }
        do {
            let response = try await http.execute(request, timeout: Self.timeout)
            let body = try await response.body.collect(upTo: 1024 * 1024)
            let status = Int(response.status.code)
            guard !(200..<300).contains(status) else { return nil }
            // AWS's wording for a refused call is not recorded; the status and API Gateway's message are what it reports.
            let message = (try? JSONParser.parse(String(buffer: body)))?["message"]?.stringValue
            return DeliveryFailure(
                code: status == 403 ? "NO_PERMISSIONS" : status == 404 ? "RESOURCE_NOT_FOUND" : "SDK_CLIENT_ERROR",
                message: "API Gateway answered \(status)" + (message.map { ": \($0)" } ?? "."),
                isRetryable: status == 429 || status >= 500)
        } catch {
            return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "API Gateway did not answer: \(error)", isRetryable: true)
        }
    }
}
