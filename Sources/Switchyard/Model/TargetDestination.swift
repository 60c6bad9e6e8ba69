/// What a target's ARN names — `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` —
/// read once, so that delivery and validation ask what a target is instead of
/// comparing ARN strings.
public struct TargetDestination: Sendable, Hashable {
    /// The kinds delivery tells apart; each has an invoker of its own.
    public enum Kind: Sendable, Hashable, CaseIterable {
        case queue
        case logGroup
        case eventBus
        case apiDestination
        /// A method of a REST API of API Gateway, called over HTTP.
        case apiGateway
        /// Any other service EventBridge can target, reached through its own API.
        case awsService
    }

    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    /// What follows the account: `my-queue`, `log-group:/aws/x:*`, `event-bus/orders`.
    public var resource: String

    /// Nil when `arn` is not an ARN at all.
    public init?(arn: String) {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty, !fields[2].isEmpty, !fields[5].isEmpty else {
            return nil
        }
        partition = String(fields[1])
        service = String(fields[2])
        region = String(fields[3])
        account = String(fields[4])
        resource = String(fields[5])
    }

    public var kind: Kind {
        switch service {
        case "sqs": .queue
        case "logs": .logGroup
        case "events" where resource.hasPrefix("event-bus/"): .eventBus
        case "events" where resource.hasPrefix("api-destination/"): .apiDestination
        case "execute-api": .apiGateway
        default: .awsService
        }
    }

    /// The targets EventBridge accepts, by service and the start of the resource
    /// (from its list of targets; a Glue job, say, is refused where a Glue workflow
    /// is not). Nil means any resource of the service.
    static let targetable: [String: [String]?] = [
        "sqs": nil, "sns": nil, "execute-api": nil, "codepipeline": nil,
        "logs": ["log-group:"], "lambda": ["function:"], "states": ["stateMachine:"], "kinesis": ["stream/"],
        "firehose": ["deliverystream/"], "events": ["event-bus/", "api-destination/", "target/"], "ecs": ["cluster/"],
        "batch": ["job-queue/"], "codebuild": ["project/"], "glue": ["workflow/"], "redshift": ["cluster:"],
        "redshift-serverless": ["workgroup/"], "sagemaker": ["pipeline/"], "ssm-incidents": ["response-plan/"],
        "inspector": ["target/"], "ssm": ["automation-definition/", "document/", "opsitem"],
    ]

    /// Whether EventBridge can deliver to what this ARN names.
    public var isTargetable: Bool {
        guard let resources = Self.targetable[service] else { return false }
        return resources.map { $0.contains { resource.hasPrefix($0) } } ?? true
    }

    /// Whether a queue, log group or bus that a rule targets is this server's: one
    /// of the rule's own account.
    public func isLocal(toRule ruleArn: String) -> Bool {
        ResourceName.parse(ruleArn)?.caller.account == account
    }

    public var isFIFOQueue: Bool { kind == .queue && resource.hasSuffix(".fifo") }
}
