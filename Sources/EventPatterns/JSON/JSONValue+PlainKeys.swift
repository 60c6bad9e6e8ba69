extension JSONValue {
    /// Whether every object in the value names each member once, in a key without
    /// a dot. For such an event a match can stop at the last member a pattern
    /// names (`EventValidation.alreadyChecked`): no later member can be another
    /// spelling of a named field.
    public var hasPlainKeys: Bool {
        allObjects { members in
            !members.contains { $0.key.utf8.contains(UInt8(ascii: ".")) } && !Self.repeatsKey(members)
        }
    }

    /// Whether some object in the value names a member twice.
    public var repeatsKeys: Bool {
        !allObjects { !Self.repeatsKey($0) }
    }

    private func allObjects(_ satisfy: ([Member]) -> Bool) -> Bool {
        switch self {
        case .string, .number, .bool, .null:
            return true
        case .array(let elements):
            return elements.allSatisfy { $0.allObjects(satisfy) }
        case .object(let members):
            return satisfy(members) && members.allSatisfy { $0.value.allObjects(satisfy) }
        }
    }

    private static func repeatsKey(_ members: [Member]) -> Bool {
        // Events' objects are small: comparing pairs beats hashing every key.
        if members.count <= 16 {
            return members.indices.dropFirst().contains { index in
                members[..<index].contains { $0.key == members[index].key }
            }
        }
        return Set(members.map(\.key)).count != members.count
    }
}
