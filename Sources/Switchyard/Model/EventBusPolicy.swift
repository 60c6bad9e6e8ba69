public import EventPatterns

/// A bus's resource-based policy: the statements `PutPermission` adds, or a whole
/// document the caller supplied. AWS echoes it in `DescribeEventBus` as a compact
/// JSON string with its members in this order: Version, Statement; Sid, Effect,
/// Principal, Action, Resource, Condition.
public struct EventBusPolicy: Sendable, Equatable {
    public var document: JSONValue

    public init(document: JSONValue) {
        self.document = document
    }

    public init(statements: [JSONValue]) {
        document = .structure(["Version": JSONValue("2012-10-17"), "Statement": .array(statements)])
    }

    public var statements: [JSONValue] { document["Statement"]?.arrayValue ?? [] }

    public var text: String { document.jsonText }

    /// The statement `PutPermission` writes for one principal (an account or `*`).
    public static func statement(
        id: String, action: String, principal: String, condition: Condition?, busArn: String
    ) -> JSONValue {
        let principalValue: JSONValue = principal == "*"
            ? JSONValue("*")
            : .structure(["AWS": JSONValue("arn:aws:iam::\(principal):root")])
        return .structure([
            "Sid": JSONValue(id),
            "Effect": JSONValue("Allow"),
            "Principal": principalValue,
            "Action": JSONValue(action),
            "Resource": JSONValue(busArn),
            "Condition": condition.map { .structure([$0.type: .structure([$0.key: JSONValue($0.value)])]) },
        ])
    }

    /// `PutPermission`'s condition: today AWS accepts only
    /// `StringEquals` on `aws:PrincipalOrgID`.
    public struct Condition: Sendable, Equatable {
        public var type: String
        public var key: String
        public var value: String

        public init(type: String, key: String, value: String) {
            self.type = type
            self.key = key
            self.value = value
        }
    }

    /// The policy with the statement `id` replaced or added.
    public func setting(_ statement: JSONValue) -> EventBusPolicy {
        let id = statement["Sid"]?.stringValue
        var statements = statements.filter { $0["Sid"]?.stringValue != id }
        statements.append(statement)
        return EventBusPolicy(statements: statements)
    }
}
