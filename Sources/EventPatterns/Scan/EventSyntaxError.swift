/// Why an event could not be read: it is not a well-formed JSON object.
public struct EventSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// Byte offset of the problem in the event.
    public var offset: Int

    public init(_ reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "Event is not valid JSON: \(reason) at byte \(offset)" }
}
