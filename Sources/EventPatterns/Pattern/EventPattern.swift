/// A validated EventBridge event pattern, flattened for compilation: a list of
/// alternatives (one per combination of `$or` branches), each requiring all of
/// its fields to match. Field paths join nested keys with dots, which is why
/// `{"a.b": [1]}` and `{"a": {"b": [1]}}` mean the same.
public struct EventPattern: Sendable, Hashable {
    /// AWS's limit on the length of `EventPattern` (PutRule, TestEventPattern).
    public static let maximumLength = 4_096

    public let text: String
    let alternatives: [[FieldCondition]]

    /// Parses and validates `text`, throwing AWS's reason when EventBridge would refuse it.
    public init(_ text: String) throws(InvalidEventPattern) {
        let bytes = Array(text.utf8)
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            var invalid = InvalidEventPattern(error.description)
            invalid.offset = error.offset
            throw invalid
        }
        self.text = text
        do {
            self.alternatives = try PatternParser.alternatives(of: json)
        } catch {
            var invalid = error
            invalid.offset = JSONParser.offset(of: error.location, in: bytes)
            throw invalid
        }
    }

    /// Whether `event` (UTF-8 JSON) matches this pattern.
    public func matches(_ event: some Collection<UInt8>) throws(EventSyntaxError) -> Bool {
        let machine = PatternMachine()
        machine.set("pattern", to: self)
        return try !machine.matches(event).isEmpty
    }

    /// Every field path the pattern reads.
    public var fieldPaths: Set<String> {
        Set(alternatives.flatMap { $0.map(\.path) })
    }
}
