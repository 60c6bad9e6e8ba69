public import AsyncHTTPClient
import Foundation
import EventPatterns
import EventTransforms
public import NIOCore
public import Switchyard

/// Targets that are AWS services, called through their own APIs as EventBridge
/// calls them — SNS `Publish`, Kinesis `PutRecord`, Firehose `PutRecord`, Step
/// Functions `StartExecution`, Lambda `Invoke` (asynchronous), and for queues, log
/// groups and buses of other accounts SQS `SendMessage`, CloudWatch Logs
/// `CreateLogStream` and `PutLogEvents`, and `PutEvents` — with the target's
/// input, signed with SigV4, in the Region of the target's ARN, at the endpoints
/// `AWSEndpoints` resolves. Throttling, 5xx and connection failures are retried;
/// any other refusal is not, and dead-letters with the service's code and message.
public struct AWSServiceTargets: TargetInvoker {
    let http: HTTPClient
    let endpoints: AWSEndpoints
    let credentials: AWSCredentials?
    let timeout: TimeAmount

    public init(
        http: HTTPClient, endpoints: AWSEndpoints = AWSEndpoints(), credentials: AWSCredentials? = .standard(),
        timeout: TimeAmount = .seconds(10)
    ) {
        self.http = http
        self.endpoints = endpoints
        self.credentials = credentials
        self.timeout = timeout
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        await eachAtOnce(invocations) { await self.invoke($0) }
    }

    func invoke(_ invocation: TargetInvocation) async -> DeliveryFailure? {
        guard let destination = invocation.target.destination, let calls = AWSCall.calls(for: invocation, destination) else {
            return DeliveryFailure(
                code: "NO_HANDLER", message: "Switchyard cannot deliver to \(invocation.target.arn).", isRetryable: true)
        }
        guard let credentials else {
            return DeliveryFailure(
                code: "NO_PERMISSIONS", message: "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
                isRetryable: false)
        }
        // When the service is this server, the events the call makes know which rule caused them.
        let lineage = invocation.event.lineage.caused(by: invocation.ruleArn)
        for call in calls {
            if let failure = await send(call, region: destination.region, credentials: credentials, lineage: lineage) { return failure }
        }
        return nil
    }

    /// One call; nil when the service took it (or refused it with an error the call tolerates).
    func send(_ call: AWSCall, region: String, credentials: AWSCredentials, lineage: Lineage) async -> DeliveryFailure? {
        let endpoint = endpoints.endpoint(service: call.serviceId, hostPrefix: call.hostPrefix, region: region)
        let host = endpoint.port.map { "\(endpoint.host ?? ""):\($0)" } ?? endpoint.host ?? ""
        let basePath = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let path = basePath + call.path
        let signer = SigV4(credentials: credentials, region: region, service: call.signingName)
        let headers = signer.sign(method: "POST", path: path, headers: [("host", host)] + call.headers, body: call.body)
        var request = HTTPClientRequest(url: "\(endpoint.scheme ?? "https")://\(host)\(path)")
        request.method = .POST
        for (name, value) in headers where name != "host" { request.headers.add(name: name, value: value) }
        if let text = lineage.text { request.headers.add(name: Lineage.header, value: text) }
        request.body = .bytes(ByteBuffer(bytes: call.body))
        do {
            let response = try await http.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 1024 * 1024)
            guard !(200..<300).contains(response.status.code) else {
                return call.serviceId == "EVENTBRIDGE" ? AWSCall.putEventsFailure(String(buffer: body)) : nil
            }
            let failure = AWSCall.failure(
                status: Int(response.status.code), body: String(buffer: body),
                errorType: response.headers.first(name: "x-amzn-ErrorType"))
            return call.toleratedError.map { failure.message.hasPrefix($0 + ":") } == true ? nil : failure
        } catch {
            return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(call.serviceId) did not answer: \(error)", isRetryable: true)
        }
    }
}
