public import EventPatterns
public import Foundation

/// How API destinations authorize their calls: basic, an API key, or OAuth client
/// credentials, with HTTP parameters added to every call. The request's
/// `AuthParameters` are kept whole, sealed (`SecretBox`); what `DescribeConnection`
/// shows is kept apart with every secret taken out.
public struct Connection: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case creating = "CREATING", updating = "UPDATING", deleting = "DELETING", authorized = "AUTHORIZED"
        case deauthorized = "DEAUTHORIZED", authorizing = "AUTHORIZING", deauthorizing = "DEAUTHORIZING", active = "ACTIVE"
        case failedConnectivity = "FAILED_CONNECTIVITY"
    }

    public enum AuthorizationType: String, Sendable, CaseIterable {
        case basic = "BASIC", oauthClientCredentials = "OAUTH_CLIENT_CREDENTIALS", apiKey = "API_KEY"
    }

    public var name: String
    public var owner: Caller
    /// The last part of the ARN, fixed at creation, as AWS gives every connection one.
    public var resourceId: String
    public var description: String?
    public var authorizationType: AuthorizationType
    /// `AuthParameters` as `DescribeConnection` shows them: no password, key value,
    /// client secret or secret HTTP parameter value.
    public var shownParameters: JSONValue
    /// `AuthParameters` whole, sealed.
    public var sealedParameters: Data
    /// `InvocationConnectivityParameters` as `DescribeConnection` shows them, with
    /// the resource association: nil for a connection to a public API.
    public var invocationConnectivity: JSONValue?
    public var state: State
    public var stateReason: String?
    public var creationTime: Date
    public var lastModifiedTime: Date
    public var lastAuthorizedTime: Date?

    public init(
        name: String, owner: Caller, resourceId: String, authorizationType: AuthorizationType, shownParameters: JSONValue,
        sealedParameters: Data, state: State, creationTime: Date
    ) {
        self.name = name
        self.owner = owner
        self.resourceId = resourceId
        self.authorizationType = authorizationType
        self.shownParameters = shownParameters
        self.sealedParameters = sealedParameters
        self.state = state
        self.creationTime = creationTime
        self.lastModifiedTime = creationTime
    }

    /// A connection to a private API (through a VPC Lattice resource configuration).
    /// Switchyard reaches its endpoint over the host's own network.
    public var isPrivate: Bool { invocationConnectivity != nil }

    /// The state of a connection that may be used: AWS reports private ones `ACTIVE`.
    public var usableState: State { isPrivate ? .active : .authorized }

    public var isUsable: Bool { state == usableState }

    public var arn: String { "arn:aws:events:\(owner.region):\(owner.account):connection/\(name)/\(resourceId)" }

    /// Where AWS says it keeps the secrets: a Secrets Manager secret named after the connection.
    public var secretArn: String {
        "arn:aws:secretsmanager:\(owner.region):\(owner.account):secret:events!connection/\(name)/\(resourceId)"
    }

    /// Connectivity parameters as AWS describes them: the resource configuration
    /// with the association EventBridge made to it — `kept`'s while the
    /// configuration is the same, else a new one. Nil for none, or for the empty
    /// ARN with which UpdateConnection takes a connection back to public.
    public static func described(
        _ given: JSONValue?, keeping kept: JSONValue?, owner: Caller, random: () -> String = Self.associationId
    ) -> JSONValue? {
        guard let configuration = given?["ResourceParameters"]?["ResourceConfigurationArn"]?.stringValue,
              !configuration.isEmpty else { return nil }
        let association = kept?["ResourceParameters"]?["ResourceConfigurationArn"]?.stringValue == configuration
            ? kept?["ResourceParameters"]?["ResourceAssociationArn"]?.stringValue : nil
        return .structure(["ResourceParameters": .structure([
            "ResourceConfigurationArn": JSONValue(configuration),
            "ResourceAssociationArn": JSONValue(association ?? "arn:aws:vpc-lattice:\(owner.region):\(owner.account):servicenetworkresourceassociation/snra-\(random())"),
        ])])
    }

    /// 17 characters of `[0-9a-z]`, as VPC Lattice names an association.
    public static func associationId() -> String {
        let characters = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String((0..<17).map { _ in characters.randomElement()! })
    }

    /// `parameters` with every secret taken out.
    public static func shown(_ parameters: JSONValue) -> JSONValue {
        let secretMembers: Set = ["Password", "ApiKeyValue", "ClientSecret"]
        switch parameters {
        case .object(let members):
            return .object(members.filter { !secretMembers.contains($0.key) }.map { .init(key: $0.key, value: shown($0.value)) })
        case .array(let elements):
            // HTTP parameters marked secret keep their key, not their value.
            return .array(elements.map { element in
                guard element["IsValueSecret"]?.boolValue == true, case .object(let members) = element else { return shown(element) }
                return .object(members.filter { $0.key != "Value" })
            })
        default:
            return parameters
        }
    }
}
