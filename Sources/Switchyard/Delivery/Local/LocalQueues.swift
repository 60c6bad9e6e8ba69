/// Queues of this server's queue service. Deliveries the accepting commit could
/// not make come here (the data plane sends to these queues in that commit).
public struct LocalQueues: TargetInvoker {
    let queues: QueueService

    public init(queues: QueueService) {
        self.queues = queues
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
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
