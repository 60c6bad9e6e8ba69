/// A key-value label on a bus or rule.
public struct Tag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

extension [Tag] {
    /// These tags with `other` applied on top: a key already present takes the new value.
    public func merging(_ other: [Tag]) -> [Tag] {
        var result = self
        for tag in other {
            if let index = result.firstIndex(where: { $0.key == tag.key }) {
                result[index].value = tag.value
            } else {
                result.append(tag)
            }
        }
        return result
    }
}
