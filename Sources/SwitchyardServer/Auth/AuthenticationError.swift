import Switchyard

/// How a service refuses a request it cannot authenticate, in AWS's words. The
/// JSON services answer 400 with these codes; SQS, a query-protocol service at
/// heart, answers 403 and names its own codes in `x-amzn-query-error`.
struct AuthenticationError: AWSError {
    var code: String
    var httpStatus = 400
    var message: String
    var queryErrorCode: String?

    static func missingToken() -> AuthenticationError {
        AuthenticationError(
            code: "MissingAuthenticationTokenException", message: "Request is missing Authentication Token",
            queryErrorCode: "MissingAuthenticationToken")
    }

    static func unrecognizedClient() -> AuthenticationError {
        AuthenticationError(
            code: "UnrecognizedClientException", message: "The security token included in the request is invalid.",
            queryErrorCode: "InvalidClientTokenId")
    }

    static func signatureMismatch() -> AuthenticationError {
        AuthenticationError(
            code: "InvalidSignatureException",
            message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            queryErrorCode: "SignatureDoesNotMatch")
    }

    static func invalidSignature(_ message: String) -> AuthenticationError {
        AuthenticationError(code: "InvalidSignatureException", message: message, queryErrorCode: "InvalidSignatureException")
    }

    static func incompleteSignature(_ message: String) -> AuthenticationError {
        AuthenticationError(code: "IncompleteSignatureException", message: message, queryErrorCode: "IncompleteSignature")
    }

    /// As the queue service answers it.
    var forQueues: AuthenticationError {
        var error = self
        error.httpStatus = 403
        return error
    }

    /// As a JSON service answers it: no query code.
    var forJSONServices: AuthenticationError {
        var error = self
        error.queryErrorCode = nil
        return error
    }
}
