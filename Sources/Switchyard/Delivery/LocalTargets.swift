import EventPatterns

/// The targets this server delivers to itself: queues of its queue service, log
/// groups of its logs service, and event buses. Any other ARN is accepted by PutTargets, as on AWS, and its
/// deliveries fail with `NO_HANDLER`, so they follow the retry policy to the
/// dead-letter queue.
public struct LocalTargets: TargetInvoker {
    let queues: QueueService
    let logs: LogService
    let dataPlane: DataPlane

    public init(queues: QueueService, logs: LogService, dataPlane: DataPlane) {
        self.queues = queues
        self.logs = logs
        self.dataPlane = dataPlane
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        var results = [DeliveryFailure?](repeating: nil, count: invocations.count)
        var queueSends: [(index: Int, queueArn: String, message: OutgoingMessage)] = []
        var logWrites: [(index: Int, batch: LogService.Batch)] = []
        for (index, invocation) in invocations.enumerated() {
            switch ResourceName.service(of: invocation.target.arn) {
            case "sqs":
                queueSends.append((index, invocation.target.arn, Self.queueMessage(invocation.input, for: invocation.target, event: invocation.event)))
            case "events" where ResourceName.isEventBusArn(invocation.target.arn):
                results[index] = await forward(invocation)
            case "logs":
                logWrites.append((index, Self.logBatch(for: invocation)))
            default:
                results[index] = DeliveryFailure(
                    code: "NO_HANDLER", message: "Switchyard cannot deliver to \(invocation.target.arn).", isRetryable: true)
            }
        }
        if !logWrites.isEmpty {
            for (index, failure) in await writeLogs(logWrites.map(\.batch)).enumerated() {
                results[logWrites[index].index] = failure
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

    /// An event that already came from another bus is not sent to a third one.
    func forward(_ invocation: TargetInvocation) async -> DeliveryFailure? {
        guard !invocation.event.forwarded else {
            return DeliveryFailure(
                code: "LOOP_DETECTED", message: "An event received from another event bus is not forwarded to a third one.",
                isRetryable: false)
        }
        do {
            return try await dataPlane.forward(invocation.input, toBus: invocation.target.arn)
        } catch {
            return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true)
        }
    }

    /// Each event gets a log stream named by its id, as EventBridge writes them.
    static func logBatch(for invocation: TargetInvocation) -> LogService.Batch {
        let arn = invocation.target.arn
        return LogService.Batch(
            groupArn: arn.hasSuffix(":*") ? String(arn.dropLast(2)) : arn, streamName: invocation.event.id,
            events: [(Int64(invocation.event.ingestionTime.timeIntervalSince1970 * 1000), invocation.input)], createsStream: true)
    }

    func writeLogs(_ batches: [LogService.Batch]) async -> [DeliveryFailure?] {
        do {
            return try await logs.putLogEvents(batches).map { error in
                error.map { _ in
                    DeliveryFailure(code: "RESOURCE_NOT_FOUND", message: "The target log group does not exist.", isRetryable: false)
                }
            }
        } catch {
            return batches.map { _ in DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true) }
        }
    }

    /// A FIFO queue gets the target's message group, and the event id as the
    /// deduplication id, as EventBridge sends them.
    static func queueMessage(_ input: String, for target: Target, event: Event) -> OutgoingMessage {
        let isFIFO = target.arn.hasSuffix(".fifo")
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
