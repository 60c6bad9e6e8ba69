/// `{"exists": true|false}`: whether the event has a leaf value at the field.
/// `exists: false` is the one condition met by absence, so the automaton follows
/// it when no value at all was scanned for the field.
enum Exists {
    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        guard case .bool(let flag) = value else {
            throw InvalidEventPattern("exists match pattern must be either true or false.")
        }
        return .exists(flag)
    }
}
