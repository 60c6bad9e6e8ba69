import Foundation

/// One page of a listing. `NextToken` is opaque to clients: here it carries the
/// name after which the next page starts, so pages stay stable while items are
/// added or removed elsewhere in the list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextToken: String?

    /// The page of `items` (sorted by `key`, descending when `descending`) that
    /// follows `token`, at most `limit` long.
    public init(
        _ items: [Item], key: (Item) -> String, after token: String?, limit: Int?, descending: Bool = false
    ) throws(ServiceError) {
        var remaining = items[...]
        if let token {
            guard let data = Data(base64Encoded: token), let last = String(data: data, encoding: .utf8) else {
                throw .validation("The NextToken provided is invalid.")
            }
            remaining = remaining.drop { descending ? key($0) >= last : key($0) <= last }
        }
        // The service model bounds every limit; a page is never negative whatever reaches here.
        let size = Swift.max(limit ?? 100, 0)
        self.items = Array(remaining.prefix(size))
        if remaining.count > size, let last = self.items.last {
            nextToken = Data(key(last).utf8).base64EncodedString()
        }
    }

    private init(items: [Item], nextToken: String?) {
        self.items = items
        self.nextToken = nextToken
    }

    /// The same page with each item transformed.
    public func map<Other: Sendable>(_ transform: (Item) -> Other) -> Page<Other> {
        Page<Other>(items: items.map(transform), nextToken: nextToken)
    }
}
