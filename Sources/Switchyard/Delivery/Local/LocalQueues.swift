/// Queues of this server's queue service. Deliveries the accepting commit could
/// not make come here (the data plane sends to these queues in that commit), and
/// so do those to queues of other accounts: one that is here takes the message
/// while its policy allows it; one that is not is reached through `elsewhere`
/// (SQS's API), when there is one.
public struct LocalQueues: TargetInvoker {
    let queues: QueueService
    let elsewhere: (any TargetInvoker)?

    public init(queues: QueueService, elsewhere: (any TargetInvoker)? = nil) {
        self.queues = queues
        self.elsewhere = elsewhere
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        var results = [DeliveryFailure?](repeating: nil, count: invocations.count)
        var here: [Int] = []
        var notHere: [Int] = []
        for (index, invocation) in invocations.enumerated() {
            guard invocation.target.destination?.isLocal(toRule: invocation.ruleArn) == false else {
                here.append(index)
                continue
            }
            do {
                guard let queue = try await queues.store.read({ try await $0.queues.queue(arn: invocation.target.arn) }) else {
                    notHere.append(index)
                    continue
                }
                let decision = queue.admitsEventBridge(forRule: invocation.ruleArn)
                if decision == .allowed { here.append(index) } else { results[index] = queue.refusal(forRule: invocation.ruleArn, decision) }
            } catch {
                results[index] = DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true)
            }
        }
        for (index, result) in zip(here, await send(here.map { invocations[$0] })) { results[index] = result }
        for (index, result) in zip(notHere, await sendElsewhere(notHere.map { invocations[$0] })) { results[index] = result }
        return results
    }

    private func send(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        guard !invocations.isEmpty else { return [] }
        let sends = invocations.map { ($0.target.arn, Self.message($0.input, for: $0.target, event: $0.event)) }
        do {
            return try await queues.send(sends).map { result in
                if case .failure(let error) = result { return Self.failure(error) }
                return nil
            }
        } catch {
            return invocations.map { _ in DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true) }
        }
    }

    private func sendElsewhere(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        guard !invocations.isEmpty else { return [] }
        guard let elsewhere else { return invocations.map(TargetInvokers.noHandler(for:)) }
        return await elsewhere.invoke(invocations)
    }

    /// A FIFO queue gets the target's message group, and the event id as the
    /// deduplication id, as EventBridge sends them.
    static func message(_ input: String, for target: Target, event: Event) -> OutgoingMessage {
        let isFIFO = target.destination?.isFIFOQueue == true
        return OutgoingMessage(
            body: input,
            messageGroupId: isFIFO ? target.definition["SqsParameters"]?["MessageGroupId"]?.stringValue : nil,
            messageDeduplicationId: isFIFO ? event.id : nil,
            traceHeader: event.traceHeader)
    }

    static func failure(_ error: QueueError) -> DeliveryFailure {
        if error == .queueDoesNotExist {
            return DeliveryFailure(code: "RESOURCE_NOT_FOUND", message: "The target queue does not exist.", isRetryable: false)
        }
        return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: error.message, isRetryable: false)
    }
}
