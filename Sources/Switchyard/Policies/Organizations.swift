/// Which organisation an account belongs to, for `aws:PrincipalOrgID`. There is no
/// AWS Organizations here: the accounts' profiles say it (`switchyard serve
/// --credentials`), and without them no account belongs to one.
public protocol Organizations: Sendable {
    func organization(ofAccount account: String) -> String?
}

public struct NoOrganizations: Organizations {
    public init() {}

    public func organization(ofAccount account: String) -> String? { nil }
}

extension PolicyRequest {
    /// A request by an account, with the organisation it belongs to, if any.
    public init(
        account: String, role: String? = nil, organizations: any Organizations, action: String, resource: String,
        context: [String: String] = [:]
    ) {
        var context = context
        if let organization = organizations.organization(ofAccount: account) { context["aws:PrincipalOrgID"] = organization }
        if let role { context["aws:PrincipalArn"] = role }
        self.init(principal: .account(account, role: role), action: action, resource: resource, context: context)
    }
}
