import EventPatterns
import Hummingbird
import HummingbirdTesting
import Switchyard
import SwitchyardServer
import SwitchyardSQLite
import Logging

/// Calls the server's router in process, as the SDKs call it over HTTP.
struct EventsClient {
    struct Answer {
        var status: Int
        var body: JSONValue
        /// The Query-era error code SQS errors also carry.
        var queryError: String?

        var errorCode: String? { body["__type"]?.stringValue }
        var message: String? { body["message"]?.stringValue }
    }

    let client: any TestClientProtocol
    /// What the server runs on, for tests that drive the delivery worker by hand.
    let backend: Backend

    /// Runs `body` against a fresh server on a temporary store.
    static func withServer(_ body: @escaping @Sendable (EventsClient) async throws -> Void) async throws {
        let backend = Backend(store: try SQLiteStore.temporary(), logger: Logger(label: "test"))
        let application = Application(router: APIServer(backend: backend).makeRouter())
        try await application.test(.router) { client in
            try await body(EventsClient(client: client, backend: backend))
        }
    }

    func call(_ operation: String, _ input: JSONValue) async throws -> Answer {
        try await send(target: "AWSEvents.\(operation)", body: input.jsonText)
    }

    func sqs(_ operation: String, _ input: JSONValue) async throws -> Answer {
        try await send(target: "AmazonSQS.\(operation)", body: input.jsonText)
    }

    func send(target: String, body: String, region: String = "us-east-1") async throws -> Answer {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-amz-json-1.1"
        headers[.init("X-Amz-Target")!] = target
        headers[.authorization] = "AWS4-HMAC-SHA256 Credential=test/20260101/\(region)/events/aws4_request, SignedHeaders=host, Signature=0"
        return try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            let text = String(buffer: response.body)
            return Answer(
                status: Int(response.status.code), body: text.isEmpty ? .null : try JSONParser.parse(text),
                queryError: response.headers[.init("x-amzn-query-error")!])
        }
    }
}
