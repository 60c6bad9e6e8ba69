import AsyncHTTPClient
import Foundation
import NIOCore
import Switchyard

/// Calls a running server's operations as the AWS SDKs do: a JSON body, the
/// operation in `X-Amz-Target`, signed with SigV4 using the standard credentials
/// (`AWSCredentials.standard`), or `test`/`test` without any.
struct SwitchyardClient {
    var endpoint: URL
    var region: String
    var environment = ProcessInfo.processInfo.environment

    /// An error answer: AWS's `__type` and message.
    struct Failure: Error, CustomStringConvertible {
        var code: String
        var message: String
        var operation: String
        var description: String { "An error occurred (\(code)) when calling the \(operation) operation: \(message)" }
    }

    /// The response body of `target` (`Prefix.Operation`), or its error.
    func call(_ target: String, _ body: String, service: String = "events") async throws -> String {
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        let host = endpoint.port.map { "\(endpoint.host ?? ""):\($0)" } ?? endpoint.host ?? ""
        let credentials = AWSCredentials.standard(environment: environment)
            ?? AWSCredentials(accessKeyId: "test", secretAccessKey: "test")
        let headers = SigV4(credentials: credentials, region: region, service: service).sign(
            method: "POST", path: "/",
            headers: [("content-type", "application/x-amz-json-1.1"), ("host", host), ("x-amz-target", target)],
            body: Data(body.utf8))
        for (name, value) in headers where name != "host" { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 16 * 1024 * 1024))
        guard response.status == .ok else {
            let answer = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
            throw Failure(
                code: (answer?["__type"] as? String).map { String($0.split(separator: "#").last ?? "") } ?? "HTTP \(response.status.code)",
                message: answer?["message"] as? String ?? text, operation: String(target.split(separator: ".").last ?? ""))
        }
        return text
    }
}
