import EventPatterns

/// The targets this server delivers to itself: queues of its queue service. Any
/// other ARN is accepted by PutTargets, as on AWS, and its deliveries fail with
/// `NO_HANDLER`, so they follow the retry policy to the dead-letter queue.
public struct LocalTargets: TargetInvoker {
    let queues: QueueService

    public init(queues: QueueService) {
        self.queues = queues
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        var results = [DeliveryFailure?](repeating: nil, count: invocations.count)
        var queueSends: [(index: Int, queueArn: String, message: OutgoingMessage)] = []
        for (index, invocation) in invocations.enumerated() {
            if ResourceName.isQueueArn(invocation.target.arn) {
                queueSends.append((index, invocation.target.arn, Self.queueMessage(for: invocation)))
            } else {
                results[index] = DeliveryFailure(
                    code: "NO_HANDLER", message: "Switchyard cannot deliver to \(invocation.target.arn).", isRetryable: true)
            }
        }
        guard !queueSends.isEmpty else { return results }
        do {
            let sent = try await queues.send(queueSends.map { ($0.queueArn, $0.message) })
            for (send, result) in zip(queueSends, sent) {
                if case .failure(let error) = result { results[send.index] = Self.failure(error) }
            }
        } catch {
            for send in queueSends {
                results[send.index] = DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true)
            }
        }
        return results
    }

    /// A FIFO queue gets the target's message group, and the event id as the
    /// deduplication id, as EventBridge sends them.
    static func queueMessage(for invocation: TargetInvocation) -> OutgoingMessage {
        let isFIFO = invocation.target.arn.hasSuffix(".fifo")
        return OutgoingMessage(
            body: invocation.input,
            messageGroupId: isFIFO ? invocation.target.definition["SqsParameters"]?["MessageGroupId"]?.stringValue : nil,
            messageDeduplicationId: isFIFO ? invocation.eventId : nil)
    }

    static func failure(_ error: QueueError) -> DeliveryFailure {
        if error == .queueDoesNotExist {
            return DeliveryFailure(code: "RESOURCE_NOT_FOUND", message: "The target queue does not exist.", isRetryable: false)
        }
        return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: error.message, isRetryable: false)
    }
}
