/// A pattern EventBridge would refuse, with AWS's reason.
/// `description` is the full message of AWS's `InvalidEventPatternException`.
public struct InvalidEventPattern: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// The part of the pattern refused, when the reason concerns one part.
    public var location = JSONLocation()
    /// Where in the pattern's text the refused part starts, as a byte offset.
    public var offset: Int?

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "Event pattern is not valid. Reason: \(reason)" }

    /// Two refusals for one reason are the same refusal, wherever they point.
    public static func == (first: InvalidEventPattern, second: InvalidEventPattern) -> Bool {
        first.reason == second.reason
    }

    /// The error raised inside `step` of the pattern.
    func inside(_ step: JSONLocation.Step) -> InvalidEventPattern {
        var error = self
        error.location.steps.insert(step, at: 0)
        return error
    }

    /// `line 1, column 23 (detail.state[0])`: where the refused part is, for people.
    public func position(in text: String) -> String? {
        guard let offset else { return nil }
        let before = text.utf8.prefix(offset)
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { before.index(after: $0) } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        let part = location.steps.isEmpty ? "" : " (\(location))"
        return "line \(line), column \(column)\(part)"
    }
}
