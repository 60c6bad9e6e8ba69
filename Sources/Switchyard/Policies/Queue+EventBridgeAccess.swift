extension Queue {
    /// Whether EventBridge may send to this queue for a rule. A queue of the rule's
    /// own account always takes its messages here (IAM identity policies are out of
    /// scope); another account's must allow `events.amazonaws.com` in its `Policy`,
    /// the statement AWS's console writes, usually with `aws:SourceArn` the rule.
    func admitsEventBridge(forRule ruleArn: String) -> ResourcePolicy.Decision {
        let sender = ResourceName.parse(ruleArn)?.caller.account
        guard sender != owner.account else { return .allowed }
        return attributes["Policy"].flatMap(ResourcePolicy.init(text:))?.decision(for: eventBridgeRequest(forRule: ruleArn))
            ?? .notAllowed
    }

    func eventBridgeRequest(forRule ruleArn: String) -> PolicyRequest {
        PolicyRequest(
            principal: .service("events.amazonaws.com"), action: "sqs:SendMessage", resource: arn,
            context: ["aws:SourceArn": ruleArn, "aws:SourceAccount": ResourceName.parse(ruleArn)?.caller.account ?? ""])
    }

    /// The failure a delivery refused by this queue's policy ends in: not retried, as on AWS.
    func refusal(forRule ruleArn: String, _ decision: ResourcePolicy.Decision) -> DeliveryFailure {
        DeliveryFailure(
            code: "NO_PERMISSIONS", message: decision.refusal(of: eventBridgeRequest(forRule: ruleArn)), isRetryable: false)
    }
}
