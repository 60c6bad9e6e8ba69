public import Hummingbird
public import Logging
public import Switchyard
import EventPatterns
import Foundation
import NIOCore

/// The HTTP front of Switchyard: `POST /` for every AWS JSON-protocol service (and
/// Switchyard's own operations), dispatched on `X-Amz-Target`, and `GET /health`.
public struct APIServer: Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port = 4010
        /// The account every request acts in until authentication assigns one per caller.
        public var account = "000000000000"
        /// The Region of requests that carry no SigV4 credential scope.
        public var defaultRegion = "us-east-1"
        /// Larger bodies are refused before they are read; PutEvents' 256 KB fits with room.
        public var maximumBodySize = 4 * 1024 * 1024
        /// Who may call: anyone (the default), or holders of the keys of a credentials file.
        public var authentication = Authentication.open

        public init() {}
    }

    public let configuration: Configuration
    let services: [String: AWSJSONService]
    let store: any Store
    let recording: APICallRecording

    public init(backend: Backend, configuration: Configuration = .init()) {
        self.configuration = configuration
        store = backend.controlPlane.store
        let events = EventsAPI(controlPlane: backend.controlPlane, dataPlane: backend.dataPlane)
        let queues = QueuesAPI(queues: backend.queues)
        let logs = LogsAPI(logs: backend.logs)
        let extensions = SwitchyardAPI(
            scheduler: backend.scheduler, controlPlane: backend.controlPlane, dataPlane: backend.dataPlane)
        let trails = CloudTrailAPI(controlPlane: backend.controlPlane)
        let all = [
            AWSJSONService(validator: RequestValidator(model: .events)) {
                try await events.handle($0, $1, caller: $2.caller, lineage: $2.lineage)
            },
            AWSJSONService(validator: RequestValidator(model: .sqs), handler: queues.handle),
            AWSJSONService(validator: RequestValidator(model: .logs), handler: logs.handle),
            AWSJSONService(validator: RequestValidator(model: .cloudtrail)) { try await trails.handle($0, $1, caller: $2.caller) },
            AWSJSONService(validator: RequestValidator(model: .switchyard)) {
                try await extensions.handle($0, $1, caller: $2.caller, lineage: $2.lineage)
            },
        ]
        services = Dictionary(uniqueKeysWithValues: all.map { ($0.targetPrefix, $0) })
        recording = APICallRecording(
            recorder: backend.cloudTrail, models: Dictionary(uniqueKeysWithValues: all.map { ($0.targetPrefix, $0.validator.model) }))
    }

    public func makeApplication(logger: Logger) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Switchyard"),
            logger: logger)
    }

    public func makeRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.get("/health") { _, _ in try await health() }
        router.group()
            .add(middleware: AuthenticationMiddleware(
                authentication: configuration.authentication, defaultAccount: configuration.account,
                maximumBodySize: configuration.maximumBodySize, bodyTooLarge: bodyTooLarge))
            .post("/") { request, context in try await respond(to: request, context: context) }
        return router
    }

    /// Whether this node can serve: a load balancer takes a node that cannot reach
    /// its store out of rotation on the 503.
    func health() async throws -> Response {
        let reachable = await store.isReachable()
        let body = JSONValue.object([
            .init(key: "status", value: .string(reachable ? "ok" : "unavailable")),
            .init(key: "store", value: .string(reachable ? "reachable" : "unreachable")),
        ])
        return Response(
            status: reachable ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body.jsonText)))
    }

    func respond(to request: Request, context: APIRequestContext) async throws -> Response {
        let requestId = UUID().uuidString.lowercased()
        let target = request.headers[.init("X-Amz-Target")!] ?? ""
        let contentType = request.headers[.contentType] ?? "application/x-amz-json-1.1"
        let (prefix, operation) = Self.split(target)
        let authorization = request.headers[.authorization]
        var call = APICallRecording.Call(
            targetPrefix: prefix, operation: operation,
            caller: Caller(account: context.identity?.account ?? configuration.account, region: configuration.defaultRegion),
            accessKeyId: context.identity?.accessKeyId,
            sourceIPAddress: context.remoteAddress?.ipAddress ?? "127.0.0.1", userAgent: request.headers[.userAgent],
            requestId: requestId, time: Date(), lineage: Lineage(text: request.headers[.init(Lineage.header)!]))
        do {
            call.caller.region = try CredentialScope.region(fromAuthorization: authorization, defaultRegion: configuration.defaultRegion)
            guard let service = services[prefix] else {
                throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(target).")
            }
            let buffer = try await request.body.collect(upTo: configuration.maximumBodySize)
            let host = request.head.authority ?? "\(configuration.host):\(configuration.port)"
            let input = try service.input(of: operation, body: Array(buffer.readableBytesView))
            call.input = input
            let output = try await service.respond(
                to: operation, input: input, request: ServiceRequest(caller: call.caller, host: host, lineage: call.lineage))
            call.output = output
            recording.record(call)
            return Self.response(.ok, output, contentType: contentType, requestId: requestId)
        } catch let error as any AWSError {
            call.error = error
            recording.record(call)
            return Self.errorResponse(error, contentType: contentType, requestId: requestId)
        } catch is NIOTooManyBytesError {
            return Self.errorResponse(bodyTooLarge, contentType: contentType, requestId: requestId)
        } catch {
            context.logger.error("Request failed", metadata: ["target": "\(target)", "error": "\(error)"])
            let internalError = ServiceError.internalFailure("An internal error occurred.")
            return Self.response(.internalServerError, Self.errorBody(internalError), contentType: contentType, requestId: requestId)
        }
    }

    /// A body over `maximumBodySize`, refused before it is read.
    var bodyTooLarge: ServiceError {
        ServiceError(
            code: "RequestEntityTooLarge", httpStatus: 413, message: "Request body exceeds \(configuration.maximumBodySize) bytes.")
    }

    /// An error as AWS answers it, with the query-protocol code for SQS's clients.
    static func errorResponse(_ error: any AWSError, contentType: String, requestId: String) -> Response {
        var response = response(HTTPResponse.Status(code: error.httpStatus), errorBody(error), contentType: contentType, requestId: requestId)
        if let queryErrorCode = error.queryErrorCode {
            response.headers[.init("x-amzn-query-error")!] = "\(queryErrorCode);Sender"
        }
        return response
    }

    static func split(_ target: String) -> (prefix: String, operation: String) {
        guard let dot = target.lastIndex(of: ".") else { return (target, "") }
        return (String(target[..<dot]), String(target[target.index(after: dot)...]))
    }

    /// AWS's JSON error body; botocore reads the code from `__type` and the text from `message`.
    static func errorBody(_ error: any AWSError) -> JSONValue {
        .structure(["__type": JSONValue(error.code), "message": JSONValue(error.message)])
    }

    static func response(_ status: HTTPResponse.Status, _ body: JSONValue, contentType: String, requestId: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.init("x-amzn-RequestId")!] = requestId
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body.jsonText)))
    }
}
