/// Who is calling and where: every resource lives in one account and one Region,
/// and each request carries its caller so that ARNs and lookups stay in that scope.
/// Signature checking and principals arrive with authentication; the seam is here.
public struct Caller: Sendable, Hashable {
    public var account: String
    public var region: String

    public init(account: String, region: String) {
        self.account = account
        self.region = region
    }
}
