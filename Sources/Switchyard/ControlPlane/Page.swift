import Foundation

/// One page of a listing. `NextToken` is opaque to clients: here it carries the
/// name after which the next page starts, so pages stay stable while items are
/// added or removed elsewhere in the list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextToken: String?

    /// The page of `items` (sorted by `key`) that follows `token`, at most `limit` long.
    public init(_ items: [Item], key: (Item) -> String, after token: String?, limit: Int?) throws(ServiceError) {
        var remaining = items[...]
        if let token {
            guard let data = Data(base64Encoded: token), let last = String(data: data, encoding: .utf8) else {
                throw .validation("The NextToken provided is invalid.")
            }
            remaining = remaining.drop { key($0) <= last }
        }
        let size = limit ?? 100
        self.items = Array(remaining.prefix(size))
        if remaining.count > size, let last = self.items.last {
            nextToken = Data(key(last).utf8).base64EncodedString()
        }
    }
}
