import Foundation
import Synchronization

/// The change feed of a store only one process uses: long-polling receivers and
/// delivery workers are woken by the signals of their own process.
public final class InProcessChangeFeed: ChangeFeed {
    private enum Waiter {
        case waiting(CheckedContinuation<Void, Never>)
        /// The timeout came before the waiter registered: it returns as soon as it does.
        case timedOut
    }

    private struct State {
        var generations: [String: Int] = [:]
        var waiters: [String: [UUID: Waiter]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func generation(of channel: String) -> Int {
        state.withLock { $0.generations[channel, default: 0] }
    }

    public func signal(_ channel: String) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generations[channel, default: 0] += 1
            var woken: [CheckedContinuation<Void, Never>] = []
            for (id, waiter) in state.waiters[channel] ?? [:] {
                if case .waiting(let continuation) = waiter {
                    woken.append(continuation)
                    state.waiters[channel]?[id] = nil
                }
            }
            return woken
        }
        for continuation in woken { continuation.resume() }
    }

    public func wait(on channel: String, after generation: Int, upTo timeout: Duration, clock: any WallClock) async {
        let id = UUID()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await clock.sleep(for: timeout)
                self.timeOut(id, channel: channel)
            }
            group.addTask {
                await withCheckedContinuation { continuation in
                    self.register(id, channel: channel, generation: generation, continuation)
                }
            }
            await group.next()
            group.cancelAll()
        }
        state.withLock { _ = $0.waiters[channel]?.removeValue(forKey: id) }
    }

    private func register(_ id: UUID, channel: String, generation: Int, _ continuation: CheckedContinuation<Void, Never>) {
        let resumeNow = state.withLock { state in
            if case .timedOut = state.waiters[channel]?[id] { return true }
            if state.generations[channel, default: 0] != generation { return true }
            state.waiters[channel, default: [:]][id] = .waiting(continuation)
            return false
        }
        if resumeNow { continuation.resume() }
    }

    private func timeOut(_ id: UUID, channel: String) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if case .waiting(let continuation) = state.waiters[channel]?[id] {
                state.waiters[channel]?[id] = nil
                return continuation
            }
            state.waiters[channel, default: [:]][id] = .timedOut
            return nil
        }
        continuation?.resume()
    }
}
