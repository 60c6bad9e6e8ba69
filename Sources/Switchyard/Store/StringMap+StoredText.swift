import EventPatterns

/// A string map (queue attributes, message system attributes) as stores keep it:
/// a JSON object with its keys sorted, cheaper than `JSONEncoder` for every message.
extension [String: String] {
    public var storedText: String {
        JSONValue.object(sorted { $0.key < $1.key }.map { .init(key: $0.key, value: .string($0.value)) }).jsonText
    }

    public init(storedText: String) throws {
        self = Dictionary((try JSONParser.parse(storedText).members ?? []).compactMap { member in
            member.value.stringValue.map { (member.key, $0) }
        }) { _, last in last }
    }
}
