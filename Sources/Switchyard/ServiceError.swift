/// An error as it reaches the wire: AWS's error code (the `__type` clients read),
/// the HTTP status AWS answers it with, and AWS's message.
public protocol AWSError: Error, Sendable {
    var code: String { get }
    var httpStatus: Int { get }
    var message: String { get }
    /// The code a service that began as a Query-protocol service (SQS) also sends in
    /// `x-amzn-query-error`, where its clients look for it.
    var queryErrorCode: String? { get }
}

extension AWSError {
    public var queryErrorCode: String? { nil }
}

/// The errors EventBridge's operations answer with. Each constructor carries AWS's
/// wording, so call sites read like the error they raise.
public struct ServiceError: AWSError, Equatable, CustomStringConvertible {
    public var code: String
    public var httpStatus: Int
    public var message: String

    public init(code: String, httpStatus: Int = 400, message: String) {
        self.code = code
        self.httpStatus = httpStatus
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    public static func validation(_ message: String) -> ServiceError {
        ServiceError(code: "ValidationException", message: message)
    }

    public static func resourceNotFound(_ message: String) -> ServiceError {
        ServiceError(code: "ResourceNotFoundException", message: message)
    }

    public static func resourceAlreadyExists(_ message: String) -> ServiceError {
        ServiceError(code: "ResourceAlreadyExistsException", message: message)
    }

    public static func invalidEventPattern(_ message: String) -> ServiceError {
        ServiceError(code: "InvalidEventPatternException", message: message)
    }

    public static func managedRule(_ message: String) -> ServiceError {
        ServiceError(code: "ManagedRuleException", message: message)
    }

    public static func policyLengthExceeded(_ message: String) -> ServiceError {
        ServiceError(code: "PolicyLengthExceededException", message: message)
    }

    public static let limitExceeded = ServiceError(
        code: "LimitExceededException", message: "The requested resource exceeds the maximum number allowed.")

    public static func internalFailure(_ message: String) -> ServiceError {
        ServiceError(code: "InternalException", httpStatus: 500, message: message)
    }

    static func eventBusNotFound(_ name: String) -> ServiceError {
        .resourceNotFound("Event bus \(name) does not exist.")
    }

    static func ruleNotFound(_ name: String, onBus bus: String) -> ServiceError {
        .resourceNotFound("Rule \(name) does not exist on EventBus \(bus).")
    }
}
