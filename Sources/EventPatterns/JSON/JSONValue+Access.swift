/// Typed reads of a parsed document, for code that has already checked its shape.
extension JSONValue {
    /// The value of the last member named `key` (JSON parsers keep the last of duplicates).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var intValue: Int? {
        guard case .number(let number) = self, let exact = Int(exactly: number.value) else { return nil }
        return exact
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// An object from `(key, value)` pairs, leaving out the absent ones: how
    /// responses omit members that have no value.
    public static func structure(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { Member(key: key, value: $0) } })
    }

    public init(_ text: String) {
        self = .string(text)
    }

    public init(_ integer: Int) {
        self = .number(JSONNumber(text: String(integer), value: Double(integer)))
    }
}
