/// The errors of the SQS-compatible queue service. SQS speaks JSON now but was a
/// Query-protocol service, and its clients still read the Query-era code from the
/// `x-amzn-query-error` header; each error carries both.
public struct QueueError: AWSError, Equatable {
    public var code: String
    public var queryErrorCode: String?
    public var httpStatus = 400
    public var message: String

    public init(_ code: String, queryCode: String? = nil, _ message: String) {
        self.code = code
        self.queryErrorCode = queryCode ?? code
        self.message = message
    }

    public static let queueDoesNotExist = QueueError(
        "QueueDoesNotExist", queryCode: "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.")

    /// A queue of another account, which its policy does not open to the caller.
    /// AWS's words; the JSON code follows the SQS model's naming.
    public static func accessDenied(_ url: String) -> QueueError {
        var error = QueueError("AccessDenied", "Access to the resource \(url) is denied.")
        error.httpStatus = 403
        return error
    }

    public static func queueNameExists(_ attribute: String) -> QueueError {
        QueueError("QueueNameExists", queryCode: "QueueAlreadyExists",
                   "A queue already exists with the same name and a different value for attribute \(attribute)")
    }

    public static func invalidParameterValue(_ message: String) -> QueueError {
        QueueError("InvalidParameterValue", message)
    }

    public static func invalidAttributeName(_ name: String) -> QueueError {
        QueueError("InvalidAttributeName", "Unknown Attribute \(name).")
    }

    public static func invalidAttributeValue(_ name: String) -> QueueError {
        QueueError("InvalidAttributeValue", "Invalid value for the parameter \(name).")
    }

    public static func missingParameter(_ name: String) -> QueueError {
        QueueError("MissingParameter", "The request must contain the parameter \(name).")
    }

    public static func receiptHandleIsInvalid(_ handle: String) -> QueueError {
        QueueError("ReceiptHandleIsInvalid", "The input receipt handle \"\(handle)\" is not a valid receipt handle.")
    }

    public static func messageNotInflight() -> QueueError {
        QueueError("MessageNotInflight", queryCode: "AWS.SimpleQueueService.MessageNotInflight", "The message referred to isn't in flight.")
    }

    public static let emptyBatchRequest = QueueError(
        "EmptyBatchRequest", queryCode: "AWS.SimpleQueueService.EmptyBatchRequest",
        "There should be at least one SendMessageBatchRequestEntry in the request.")

    public static let tooManyEntriesInBatchRequest = QueueError(
        "TooManyEntriesInBatchRequest", queryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10.")

    public static func batchEntryIdsNotDistinct(_ id: String) -> QueueError {
        QueueError("BatchEntryIdsNotDistinct", queryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                   "Id \(id) repeated.")
    }
}
