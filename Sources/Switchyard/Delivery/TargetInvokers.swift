/// Delivery's dispatcher: hands each invocation to the invoker registered for
/// what its target's ARN names (`Backend` registers them), the kinds side by side.
/// A log group of another account than the rule's is elsewhere; the queues and
/// buses invokers tell for themselves whether another account's is here.
/// A target no invoker serves fails with `NO_HANDLER`, which is retried and then
/// dead-lettered, as any failed delivery.
public struct TargetInvokers: TargetInvoker {
    let invokers: [TargetDestination.Kind: any TargetInvoker]

    public init(_ invokers: [TargetDestination.Kind: any TargetInvoker]) {
        self.invokers = invokers
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        var results = [DeliveryFailure?](repeating: nil, count: invocations.count)
        var byKind: [TargetDestination.Kind: [Int]] = [:]
        for (index, invocation) in invocations.enumerated() {
            guard let kind = Self.kind(of: invocation), invokers[kind] != nil else {
                results[index] = Self.noHandler(for: invocation)
                continue
            }
            byKind[kind, default: []].append(index)
        }
        let invokers = invokers
        await withTaskGroup(of: (indices: [Int], results: [DeliveryFailure?]).self) { group in
            for (kind, indices) in byKind {
                let batch = indices.map { invocations[$0] }
                group.addTask { (indices, await invokers[kind]!.invoke(batch)) }
            }
            for await (indices, outcome) in group {
                for (index, result) in zip(indices, outcome) { results[index] = result }
            }
        }
        return results
    }

    /// What serves an invocation: a log group of another account than the rule's
    /// is not this server's, and is reached through CloudWatch Logs' API.
    static func kind(of invocation: TargetInvocation) -> TargetDestination.Kind? {
        guard let destination = invocation.target.destination else { return nil }
        switch destination.kind {
        case .logGroup: return destination.isLocal(toRule: invocation.ruleArn) ? destination.kind : .awsService
        case .queue, .eventBus, .apiDestination, .apiGateway, .awsService: return destination.kind
        }
    }

    static func noHandler(for invocation: TargetInvocation) -> DeliveryFailure {
        DeliveryFailure(code: "NO_HANDLER", message: "Switchyard cannot deliver to \(invocation.target.arn).", isRetryable: true)
    }
}
