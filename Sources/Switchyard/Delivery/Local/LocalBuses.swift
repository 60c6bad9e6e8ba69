/// Event buses of this server: the event is put on the target bus as a new event.
/// A bus of another account that is not here is reached through `elsewhere`
/// (EventBridge's API), when there is one.
public struct LocalBuses: TargetInvoker {
    let dataPlane: DataPlane
    let elsewhere: (any TargetInvoker)?

    public init(dataPlane: DataPlane, elsewhere: (any TargetInvoker)? = nil) {
        self.dataPlane = dataPlane
        self.elsewhere = elsewhere
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        var results: [DeliveryFailure?] = []
        for invocation in invocations { results.append(await forward(invocation)) }
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
            switch try await dataPlane.forward(invocation) {
            case .delivered: return nil
            case .failed(let failure): return failure
            case .notHere:
                guard let elsewhere else { return TargetInvokers.noHandler(for: invocation) }
                return await elsewhere.invoke([invocation]).first ?? nil
            }
        } catch {
            return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true)
        }
    }
}
