/// Log groups of this server's logs service: each event gets a log stream named
/// by its id, as EventBridge writes them.
public struct LocalLogGroups: TargetInvoker {
    let logs: LogService

    public init(logs: LogService) {
        self.logs = logs
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        do {
            return try await logs.putLogEvents(invocations.map(Self.batch)).map { error in
                error.map { _ in
                    DeliveryFailure(code: "RESOURCE_NOT_FOUND", message: "The target log group does not exist.", isRetryable: false)
                }
            }
        } catch {
            return invocations.map { _ in DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true) }
        }
    }

    static func batch(for invocation: TargetInvocation) -> LogService.Batch {
        let arn = invocation.target.arn
        return LogService.Batch(
            groupArn: arn.hasSuffix(":*") ? String(arn.dropLast(2)) : arn, streamName: invocation.event.id,
            events: [(Int64(invocation.event.ingestionTime.timeIntervalSince1970 * 1000), invocation.input)], createsStream: true)
    }
}
