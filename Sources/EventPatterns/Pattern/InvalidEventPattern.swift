/// A pattern EventBridge would refuse, with AWS's reason.
/// `description` is the full message of AWS's `InvalidEventPatternException`.
public struct InvalidEventPattern: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "Event pattern is not valid. Reason: \(reason)" }
}
