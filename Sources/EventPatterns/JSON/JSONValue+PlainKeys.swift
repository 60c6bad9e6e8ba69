extension JSONValue {
    /// Whether every object in the value names each member once, in a key without
    /// a dot. For such an event a match can stop at the last member a pattern
    /// names (`EventValidation.alreadyChecked`): no later member can be another
    /// spelling of a named field.
    public var hasPlainKeys: Bool {
        switch self {
        case .string, .number, .bool, .null:
            return true
        case .array(let elements):
            return elements.allSatisfy(\.hasPlainKeys)
        case .object(let members):
            guard members.allSatisfy({ !$0.key.utf8.contains(UInt8(ascii: ".")) && $0.value.hasPlainKeys }) else {
                return false
            }
            // Events' objects are small: comparing pairs beats hashing every key.
            if members.count <= 16 {
                for index in members.indices.dropFirst() where members[..<index].contains(where: { $0.key == members[index].key }) {
                    return false
                }
                return true
            }
            return Set(members.map(\.key)).count == members.count
        }
    }
}
