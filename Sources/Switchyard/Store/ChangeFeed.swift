/// Tells whoever waits on a channel that something committed there: a message on
/// a queue (the channel is the queue's ARN) or deliveries coming due
/// (`DeliveryWorker.channel`). Each store brings its own: in one process it is
/// `InProcessChangeFeed`; a store that several nodes share must carry a commit on
/// one node to the waiters of every node.
///
/// A waiter names the generation of the channel it last saw, so a change between
/// its empty look and its wait is never missed.
public protocol ChangeFeed: Sendable {
    func generation(of channel: String) -> Int
    /// Called after the commit that made the change.
    func signal(_ channel: String)
    /// Returns when the channel changes after `generation`, or after `timeout` of `clock`'s time.
    func wait(on channel: String, after generation: Int, upTo timeout: Duration, clock: any WallClock) async
}
