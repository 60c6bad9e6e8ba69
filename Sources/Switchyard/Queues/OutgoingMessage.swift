public import EventPatterns

/// A message on its way into a queue, as SendMessage or a delivery gives it.
public struct OutgoingMessage: Sendable {
    public var body: String
    public var messageAttributes: JSONValue?
    public var delaySeconds: Int?
    public var messageGroupId: String?
    public var messageDeduplicationId: String?
    public var traceHeader: String?

    public init(
        body: String, messageAttributes: JSONValue? = nil, delaySeconds: Int? = nil, messageGroupId: String? = nil,
        messageDeduplicationId: String? = nil, traceHeader: String? = nil
    ) {
        self.body = body
        self.messageAttributes = messageAttributes
        self.delaySeconds = delaySeconds
        self.messageGroupId = messageGroupId
        self.messageDeduplicationId = messageDeduplicationId
        self.traceHeader = traceHeader
    }
}
