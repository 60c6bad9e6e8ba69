public import EventPatterns

/// A resource-based policy — a bus's `Policy`, a queue's `Policy` attribute —
/// evaluated as IAM evaluates one for a request that reaches the resource from
/// outside its account: an explicit Deny wins, then any Allow; nothing else allows.
/// There are no IAM identity policies here, so the resource's policy decides alone.
public struct ResourcePolicy: Sendable {
    let statements: [JSONValue]

    /// Nil when `text` is not a policy document.
    public init?(text: String) {
        guard let document = try? JSONParser.parse(text) else { return nil }
        self.init(document: document)
    }

    public init?(document: JSONValue) {
        guard let statement = document["Statement"] else { return nil }
        statements = statement.arrayValue ?? [statement]
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        case explicitlyDenied
        case notAllowed
    }

    public func decision(for request: PolicyRequest) -> Decision {
        var allowed = false
        for statement in statements where Self.applies(statement, to: request) {
            switch statement["Effect"]?.stringValue {
            case "Deny": return .explicitlyDenied
            case "Allow": allowed = true
            default: continue
            }
        }
        return allowed ? .allowed : .notAllowed
    }

    public func allows(_ request: PolicyRequest) -> Bool {
        decision(for: request) == .allowed
    }

    static func applies(_ statement: JSONValue, to request: PolicyRequest) -> Bool {
        matches(statement, "Principal", "NotPrincipal") { request.principal.matches($0) }
            && matches(statement, "Action", "NotAction") { Wildcard.matches($0, request.action, ignoringCase: true) }
            && matches(statement, "Resource", "NotResource") { Wildcard.matches($0, request.resource, ignoringCase: false) }
            && PolicyCondition.holds(statement["Condition"], in: request.context)
    }

    /// Whether an element (or its `Not` form) lets the statement apply; a
    /// statement with neither applies to everything the element names.
    static func matches(
        _ statement: JSONValue, _ element: String, _ negated: String, _ matches: (JSONValue) -> Bool
    ) -> Bool {
        if let value = statement[element] { return anyOf(value, matches) }
        if let value = statement[negated] { return !anyOf(value, matches) }
        return true
    }

    /// A policy value is one string or a list of them: any may match.
    static func anyOf(_ value: JSONValue, _ matches: (JSONValue) -> Bool) -> Bool {
        if let values = value.arrayValue { return values.contains(where: matches) }
        return matches(value)
    }
}

/// What a policy is asked: may this principal take this action on this resource,
/// given these condition keys (`aws:SourceArn`, `events:source`, …)?
public struct PolicyRequest: Sendable {
    public var principal: PolicyPrincipal
    public var action: String
    public var resource: String
    /// Condition keys by name; IAM compares names without regard to case.
    public var context: [String: String]

    public init(principal: PolicyPrincipal, action: String, resource: String, context: [String: String] = [:]) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.context = Dictionary(
            context.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.context["aws:principalaccount"] = principal.account ?? self.context["aws:principalaccount"]
    }
}

/// Who asks: an account (as its root, or as a role of it a target names), or a
/// service such as `events.amazonaws.com` delivering for a rule.
public enum PolicyPrincipal: Sendable {
    case account(String, role: String? = nil)
    case service(String)

    var account: String? {
        if case .account(let account, _) = self { return account }
        return nil
    }

    /// `"*"`, `{"AWS": …}` with account ids, root or role ARNs, or `{"Service": …}`.
    func matches(_ element: JSONValue) -> Bool {
        if element.stringValue == "*" { return true }
        switch self {
        case .account(let account, let role):
            return element["AWS"].map { ResourcePolicy.anyOf($0) { value in
                guard let name = value.stringValue else { return false }
                return name == "*" || name == account || name == "arn:aws:iam::\(account):root" || name == role
            } } ?? false
        case .service(let service):
            return element["Service"].map { ResourcePolicy.anyOf($0) { $0.stringValue == service } } ?? false
        }
    }
}

extension ResourcePolicy.Decision {
    /// IAM's explanation of a refusal, as AWS words it for a caller of another account.
    public func refusal(of request: PolicyRequest) -> String {
        let who = request.principal.arn
        let why = self == .explicitlyDenied
            ? "with an explicit deny in a resource-based policy"
            : "because no resource-based policy allows the \(request.action) action"
        return "User: \(who) is not authorized to perform: \(request.action) on resource: \(request.resource) \(why)"
    }
}

extension PolicyPrincipal {
    var arn: String {
        switch self {
        case .account(let account, let role): role ?? "arn:aws:iam::\(account):root"
        case .service(let service): service
        }
    }
}

extension EventBus {
    /// The bus's policy as IAM evaluates it; nil when it has none.
    var resourcePolicy: ResourcePolicy? { policy.flatMap { ResourcePolicy(document: $0.document) } }
}
