import EventPatterns

extension JSONValue {
    /// The value with each object's repeated keys reduced to the last one, where the
    /// first stood: what AWS's Java front end reads from such a request. Without it a
    /// target stored as `{"Id": "a", …, "Id": "b"}` is one target to code that reads
    /// the last `Id` and another to a store that reads the first.
    var lastKeyWins: JSONValue {
        repeatsKeys ? reducingRepeatedKeys : self
    }

    private var reducingRepeatedKeys: JSONValue {
        switch self {
        case .string, .number, .bool, .null:
            return self
        case .array(let elements):
            return .array(elements.map(\.reducingRepeatedKeys))
        case .object(let members):
            var positions: [String: Int] = [:]
            var kept: [Member] = []
            kept.reserveCapacity(members.count)
            for member in members {
                let value = member.value.reducingRepeatedKeys
                if let position = positions[member.key] {
                    kept[position].value = value
                } else {
                    positions[member.key] = kept.count
                    kept.append(Member(key: member.key, value: value))
                }
            }
            return .object(kept)
        }
    }
}
