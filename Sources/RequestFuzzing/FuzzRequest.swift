/// One request the fuzzer sends: the operation it names and the raw body bytes,
/// which need not be JSON at all.
public struct FuzzRequest: Sendable {
    public var target: String
    public var body: [UInt8]
    /// The way it was made, for the report of a failure.
    public var kind: Kind

    public enum Kind: String, Sendable {
        /// Built from the operation's input shape, with plausible values.
        case plausible
        /// A plausible request with some values replaced by hostile ones.
        case mutated
        /// A body that is not a well-formed request object.
        case malformed
    }

    /// A ReceiveMessage may wait up to 20 seconds, by its own `WaitTimeSeconds`
    /// or by its queue's attribute.
    public var isLongPoll: Bool { target.hasSuffix(".ReceiveMessage") }

    /// The body as text for a report, cut short.
    public var excerpt: String {
        let text = String(decoding: body.prefix(600), as: UTF8.self)
        return body.count > 600 ? text + "… (\(body.count) bytes)" : text
    }
}
