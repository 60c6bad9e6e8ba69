import Switchyard

extension TargetInvoker {
    /// Makes every invocation on its own, all at once: calls to other servers wait
    /// on the network, not on each other.
    func eachAtOnce(
        _ invocations: [TargetInvocation], _ invoke: @escaping @Sendable (TargetInvocation) async -> DeliveryFailure?
    ) async -> [DeliveryFailure?] {
        await withTaskGroup(of: (Int, DeliveryFailure?).self) { group in
            for (index, invocation) in invocations.enumerated() {
                group.addTask { (index, await invoke(invocation)) }
            }
            var results = [DeliveryFailure?](repeating: nil, count: invocations.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }
}
