import Foundation
import Logging
import PostgresNIO
import Switchyard
import Synchronization

/// The change feed of a store several nodes share: waiters on this node are woken
/// at once, and the channels signalled here reach every other node through
/// PostgreSQL's `LISTEN`/`NOTIFY`. A node sends at most one `NOTIFY` every
/// `notifyInterval`, with every channel signalled meanwhile, so a busy node sends a
/// few hundred notifications a second, not one per commit; a quiet node's first
/// signal goes out at once. A notification lost while a node was
/// disconnected costs its waiters at most their recheck interval: every waiter
/// looks again after a bounded wait.
final class PostgresChangeFeed: ChangeFeed {
    static let pgChannel = "switchyard"
    /// PostgreSQL refuses payloads of 8,000 bytes or more.
    static let maximumPayload = 7_900
    /// Each `NOTIFY` is a transaction of the database's; one per commit cost a
    /// tenth of PutEvents' throughput on one node.
    static let notifyInterval = Duration.milliseconds(2)

    private let local = InProcessChangeFeed()
    private let node = UUID().uuidString
    private let pending = Mutex(Set<String>())
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    init() {
        (doorbell, ring) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func generation(of channel: String) -> Int {
        local.generation(of: channel)
    }

    func signal(_ channel: String) {
        local.signal(channel)
        pending.withLock { _ = $0.insert(channel) }
        ring.yield()
    }

    func wait(on channel: String, after generation: Int, upTo timeout: Duration, clock: any WallClock) async {
        await local.wait(on: channel, after: generation, upTo: timeout, clock: clock)
    }

    /// Sends this node's signals and receives the others' until cancelled.
    func run(client: PostgresClient, location: PostgresLocation, logger: Logger) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.notify(through: client, logger: logger) }
            group.addTask { await self.listen(at: location, logger: logger) }
        }
    }

    private func notify(through client: PostgresClient, logger: Logger) async {
        for await _ in doorbell {
            let channels = pending.withLock { pending in
                defer { pending = [] }
                return pending
            }
            for payload in Self.payloads(from: node, channels: channels) {
                do {
                    try await client.query("SELECT pg_notify(\(Self.pgChannel), \(payload))", logger: logger)
                } catch {
                    logger.warning("Could not notify other nodes", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
            try? await Task.sleep(for: Self.notifyInterval)
        }
    }

    private func listen(at location: PostgresLocation, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: try location.connectionConfiguration(), id: 0, logger: logger)
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: Self.pgChannel) { notifications in
                    for try await notification in notifications {
                        let lines = notification.payload.split(separator: "\n", omittingEmptySubsequences: false)
                        guard let sender = lines.first, sender != node else { continue }
                        for channel in lines.dropFirst() { local.signal(String(channel)) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("Listening for other nodes' changes failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// The sender's id on the first line, then one channel per line, in payloads
    /// PostgreSQL accepts.
    static func payloads(from node: String, channels: Set<String>) -> [String] {
        var payloads: [String] = []
        var current = node
        for channel in channels.sorted() {
            if current.utf8.count + 1 + channel.utf8.count > maximumPayload, current != node {
                payloads.append(current)
                current = node
            }
            current += "\n" + channel
        }
        if current != node { payloads.append(current) }
        return payloads
    }
}
