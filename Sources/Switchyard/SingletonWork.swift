public import ServiceLifecycle

/// What one node of several does alone — sweeping queues, firing schedules — run
/// while this node holds the store's singleton role. One service for all of it:
/// the role is one lock, so work that waited for it separately would wait on
/// the node that already holds it.
public struct SingletonWork: Service {
    let store: any Store
    let jobs: [@Sendable () async -> Void]

    public init(store: any Store, jobs: [@Sendable () async -> Void]) {
        self.store = store
        self.jobs = jobs
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await store.runAsSingleton {
                await withTaskGroup(of: Void.self) { group in
                    for job in jobs { group.addTask { await job() } }
                }
            }
        }
    }
}
