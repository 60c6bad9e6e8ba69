import Logging
public import ServiceLifecycle

/// Keeps this node's pattern machines current with the rule changes every node
/// commits: woken through the store's change feed when a node announces a change,
/// and once a second whatever happens, in case an announcement was lost.
public struct RuleChangeFollower: Service {
    /// The change-feed channel a node signals after committing rule changes.
    static let channel = "rules"

    let controlPlane: ControlPlane
    let logger: Logger
    let clock: any WallClock
    let interval: Duration

    init(controlPlane: ControlPlane, logger: Logger, clock: any WallClock, interval: Duration = .seconds(1)) {
        self.controlPlane = controlPlane
        self.logger = logger
        self.clock = clock
        self.interval = interval
    }

    public func run() async throws {
        let changes = controlPlane.store.changes
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let generation = changes.generation(of: Self.channel)
                do {
                    try await controlPlane.catchUpRuleMachines()
                } catch {
                    logger.error("Following rule changes failed", metadata: ["error": "\(error)"])
                }
                await changes.wait(on: Self.channel, after: generation, upTo: interval, clock: clock)
            }
        }
    }
}
