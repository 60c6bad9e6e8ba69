import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

/// Calls a running server's operations as the AWS SDKs do: a JSON body, the
/// operation in `X-Amz-Target`, signed with SigV4 using the credentials of the
/// environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
/// or `test`/`test` without them.
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
        var headers = [
            ("content-type", "application/x-amz-json-1.1"), ("host", host),
            ("x-amz-date", Self.amzDate(Date())), ("x-amz-target", target),
        ]
        if let token = environment["AWS_SESSION_TOKEN"] { headers.append(("x-amz-security-token", token)) }
        headers.append(("authorization", authorization(headers, body: body, service: service)))
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

    /// SigV4's `Authorization` header for a POST to `/` with these headers.
    private func authorization(_ headers: [(String, String)], body: String, service: String) -> String {
        let accessKey = environment["AWS_ACCESS_KEY_ID"] ?? "test"
        let secretKey = environment["AWS_SECRET_ACCESS_KEY"] ?? "test"
        let amzDate = headers.first { $0.0 == "x-amz-date" }!.1
        let day = String(amzDate.prefix(8))
        let sorted = headers.sorted { $0.0 < $1.0 }
        let signedHeaders = sorted.map(\.0).joined(separator: ";")
        let canonicalRequest = [
            "POST", "/", "", sorted.map { "\($0.0):\($0.1.trimmingCharacters(in: .whitespaces))\n" }.joined(),
            signedHeaders, Self.hex(SHA256.hash(data: Data(body.utf8))),
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(secretKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        return "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    private static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
