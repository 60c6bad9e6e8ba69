import EventPatterns
import EventTransforms

extension ControlPlane {
    /// A target AWS refused inside an otherwise accepted request.
    public struct FailedTarget: Sendable, Equatable {
        public var targetId: String
        public var errorCode: String
        public var errorMessage: String
    }

    /// Adds targets to a rule; a target whose Id the rule already has replaces it.
    /// A target with a problem of its own is refused alone, in `FailedEntries`.
    public func putTargets(_ targets: [Target], rule ruleName: String, onBus busNameOrArn: String?, caller: Caller) async throws -> [FailedTarget] {
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: ruleName, action: "events:PutTargets", caller: caller)
        for target in targets {
            try Self.requireTargetableArn(target)
            try Self.requireRole(target, caller)
            try Self.requireOneInputMode(target)
            try Self.requireStandardDeadLetterQueue(target)
        }
        var failed: [FailedTarget] = []
        var accepted: [Target] = []
        for target in targets {
            if let problem = Self.problem(with: target) {
                failed.append(FailedTarget(targetId: target.id, errorCode: "ValidationException", errorMessage: problem))
            } else {
                accepted.append(target)
            }
        }
        try await provisionDefaultBus(for: caller)
        let limit = configuration.maximumTargetsPerRule
        try await store.write { [accepted] store in
            let rule = try await Self.requireRule(ruleName, onBus: busName, owner, in: store.resources)
            try Self.requireUnmanaged(rule, force: false)
            var merged = try await store.resources.targets(ofRule: rule.arn)
            for target in accepted {
                if let index = merged.firstIndex(where: { $0.id == target.id }) {
                    merged[index] = target
                } else {
                    merged.append(target)
                }
            }
            guard merged.count <= limit else { throw ServiceError.limitExceeded }
            try await store.resources.setTargets(merged, ofRule: rule.arn)
        }
        return failed
    }

    /// Removes targets by Id; Ids the rule does not have are ignored, as on AWS.
    public func removeTargets(_ ids: [String], rule ruleName: String, onBus busNameOrArn: String?, force: Bool, caller: Caller) async throws {
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: ruleName, action: "events:RemoveTargets", caller: caller)
        try await provisionDefaultBus(for: caller)
        try await store.write { store in
            let rule = try await Self.requireRule(ruleName, onBus: busName, owner, in: store.resources)
            try Self.requireUnmanaged(rule, force: force)
            let remaining = try await store.resources.targets(ofRule: rule.arn).filter { !ids.contains($0.id) }
            try await store.resources.setTargets(remaining, ofRule: rule.arn)
        }
    }

    public func listTargets(rule ruleName: String, onBus busNameOrArn: String?, nextToken: String?, limit: Int?, caller: Caller) async throws -> Page<Target> {
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: ruleName, action: "events:ListTargetsByRule", caller: caller)
        try await provisionDefaultBus(for: caller)
        let targets = try await store.read { store in
            let rule = try await Self.requireRule(ruleName, onBus: busName, owner, in: store.resources)
            return try await store.resources.targets(ofRule: rule.arn)
        }
        return try Page(targets.sorted { $0.id < $1.id }, key: \.id, after: nextToken, limit: limit)
    }

    /// AWS refuses the whole request when a target names more than one input mode.
    static func requireOneInputMode(_ target: Target) throws(ServiceError) {
        let modes = [target.input != nil, target.inputPath != nil, target.inputTransformer != nil].filter { $0 }
        if modes.count > 1 {
            throw .validation("Only one of Input, InputPath, or InputTransformer must be provided for target \(target.id).")
        }
    }

    /// EventBridge dead-letter queues are standard queues: it could never send a
    /// dead letter to a FIFO queue, which needs a message group.
    static func requireStandardDeadLetterQueue(_ target: Target) throws(ServiceError) {
        if let dlq = target.deadLetterArn, ResourceName.isQueueArn(dlq), dlq.hasSuffix(".fifo") {
            throw .validation("SQS FIFO is not supported by Dead Letter Queues.")
        }
    }

    /// What the service model cannot check about one target: input that parses,
    /// paths that are JSONPath, a dead-letter queue that is a queue, and the message
    /// group a FIFO queue needs.
    /// AWS gives one answer for an ARN that is not one and for a service it cannot
    /// target (seen refusing a Glue job ARN); the whole request fails.
    static func requireTargetableArn(_ target: Target) throws(ServiceError) {
        guard target.destination?.isTargetable == true else {
            throw .validation("Parameter \(target.arn) is not valid. Reason: Provided Arn is not in correct format.")
        }
    }

    /// Services EventBridge reaches only by assuming the target's role.
    static let servicesNeedingRole: Set = ["kinesis", "states", "firehose", "codepipeline", "codebuild", "ecs", "batch"]

    /// AWS's words, recorded for Step Functions, CodePipeline and a bus of another
    /// account; the same rule for the other services that need a role.
    static func requireRole(_ target: Target, _ caller: Caller) throws(ServiceError) {
        guard target.definition["RoleArn"] == nil, let destination = target.destination else { return }
        let needsRole = switch destination.kind {
        case .eventBus: destination.account != caller.account || destination.region != caller.region
        case .apiDestination: true
        default: Self.servicesNeedingRole.contains(destination.service)
        }
        if needsRole { throw .validation("RoleArn is required for target \(target.arn).") }
    }

    static func problem(with target: Target) -> String? {
        if let input = target.input, (try? JSONParser.parse(input)) == nil {
            return "Parameter Input is not valid JSON text for target \(target.id)."
        }
        if let path = target.inputPath, (try? JSONPath(path)) == nil {
            return "Parameter InputPath is not a valid JSONPath for target \(target.id)."
        }
        for member in target.inputTransformer?["InputPathsMap"]?.members ?? [] {
            guard let path = member.value.stringValue, (try? JSONPath(path)) != nil else {
                return "InputPathsMap has an invalid JSONPath for key \(member.key) of target \(target.id)."
            }
        }
        if let dlq = target.deadLetterArn, !ResourceName.isQueueArn(dlq) {
            return "Parameter DeadLetterConfig.Arn is not a valid SQS queue ARN for target \(target.id)."
        }
        if target.destination?.isFIFOQueue == true,
           target.definition["SqsParameters"]?["MessageGroupId"] == nil {
            return "Parameter(s) SqsParameters must be specified for FIFO queues."
        }
        // Not recorded for ECS and Batch: the form AWS uses for the parameters a target's service needs.
        for (service, parameters, members) in Self.requiredParameters where target.destination?.service == service {
            let given = target.definition[parameters]
            if given == nil || members.contains(where: { given?[$0] == nil }) {
                return "Parameter(s) \(parameters) must be specified for target: \(target.id)."
            }
        }
        return nil
    }

    /// The parameters a target of these services cannot go without, and their required members.
    static let requiredParameters: [(service: String, parameters: String, members: [String])] = [
        ("ecs", "EcsParameters", ["TaskDefinitionArn"]),
        ("batch", "BatchParameters", ["JobDefinition", "JobName"]),
    ]
}
