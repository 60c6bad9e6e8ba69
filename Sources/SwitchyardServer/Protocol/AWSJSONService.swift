import EventPatterns
import Foundation
import Switchyard

/// One AWS service behind the JSON protocol: requests name their operation in
/// `X-Amz-Target: <prefix>.<Operation>` and carry their input as a JSON object.
struct AWSJSONService: Sendable {
    let validator: RequestValidator
    let handler: @Sendable (_ operation: String, _ input: JSONValue, _ request: ServiceRequest) async throws -> JSONValue

    var targetPrefix: String { validator.model.targetPrefix }

    /// A request's input, as sent: a JSON object, not yet validated.
    func input(of operation: String, body: [UInt8]) throws -> JSONValue {
        guard validator.model.operations[operation] != nil else {
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
        let input: JSONValue
        do {
            // botocore always sends an object; an empty body is an empty input.
            input = body.isEmpty ? .object([]) : try JSONParser.parse(bytes: body).lastKeyWins
        } catch {
            throw ServiceError(code: "SerializationException", message: "The request body is not valid JSON: \(error.description)")
        }
        guard case .object = input else {
            throw ServiceError(code: "SerializationException", message: "The request body must be a JSON object.")
        }
        return input
    }

    /// The response body for an input, or the error to answer with.
    func respond(to operation: String, input: JSONValue, request: ServiceRequest) async throws -> JSONValue {
        try validator.validate(input, shape: validator.model.operations[operation] ?? "")
        return try await handler(operation, input, request)
    }
}

/// Who sent a request, the address they sent it to (queue URLs are built on it),
/// and the rules whose deliveries made it (when this server's own did).
struct ServiceRequest: Sendable {
    var caller: Caller
    var host: String
    var lineage: Lineage = .none
}
