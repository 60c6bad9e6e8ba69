import Foundation
import Hummingbird
import NIOCore
import Switchyard

/// Authenticates every request to the services, in front of every handler: reads
/// the body (SigV4 signs its hash), finds the caller, and puts it in the context.
/// A request that fails gets the service's own authentication error and reaches
/// no handler.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let authentication: Authentication
    let defaultAccount: String
    let maximumBodySize: Int
    let bodyTooLarge: ServiceError

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var (request, context) = (request, context)
        let target = request.headers[.init("X-Amz-Target")!] ?? ""
        let prefix = APIServer.split(target).prefix
        let contentType = request.headers[.contentType] ?? "application/x-amz-json-1.1"
        do {
            switch authentication {
            case .open:
                // Only the key's name counts: the body is left to the handler, which reads it as it comes.
                context.identity = Authentication.openIdentity(
                    authorization: request.headers[.authorization], defaultAccount: defaultAccount)
            case .verified(let ring):
                let body = try await request.collectBody(upTo: maximumBodySize)
                context.identity = try Authentication.verifiedIdentity(
                    of: signed(request, body: body), ring: ring, targetPrefix: prefix, now: Date())
            }
        } catch let error as AuthenticationError {
            let answered = prefix == ServiceModel.sqs.targetPrefix ? error.forQueues : error.forJSONServices
            // The key a refused request named goes in the log, never its signature or secret.
            context.logger.notice("Request refused", metadata: ["target": "\(target)", "error": "\(answered.code)"])
            return APIServer.errorResponse(answered, contentType: contentType, requestId: UUID().uuidString.lowercased())
        } catch is NIOTooManyBytesError {
            return APIServer.errorResponse(bodyTooLarge, contentType: contentType, requestId: UUID().uuidString.lowercased())
        }
        return try await next(request, context)
    }

    func signed(_ request: Request, body: ByteBuffer) -> SignedRequest {
        var headers: [String: String] = [:]
        // A header sent more than once is signed as its values joined by commas.
        for field in request.headers {
            let name = field.name.canonicalName.lowercased()
            headers[name] = headers[name].map { "\($0),\(field.value)" } ?? field.value
        }
        headers["host"] = request.head.authority
        return SignedRequest(
            method: request.method.rawValue, path: request.uri.path,
            query: request.uri.queryParameters.map { (String($0.key), String($0.value)) }, headers: headers,
            body: Array(body.readableBytesView))
    }
}
