public import Foundation

/// Archives, the events they keep, and replays of them.
public protocol ArchiveReader: Sendable {
    func archive(named name: String, owner: Caller) async throws -> Archive?
    /// The owner's archives, by name.
    func archives(owner: Caller) async throws -> [Archive]
    /// How many events an archive keeps, and their summed size.
    func statistics(ofArchive arn: String) async throws -> (eventCount: Int, sizeBytes: Int)
    /// Up to `limit` events the archive received in `window`, after the one
    /// numbered `sequence`, in the order they were archived.
    func archivedEvents(
        inArchive arn: String, receivedIn window: ClosedRange<Date>, after sequence: Int64, limit: Int
    ) async throws -> [ArchivedEvent]
    /// How many events the archive received in `window`, up to the one numbered
    /// `sequence`: a replay's progress through its window.
    func archivedEventCount(inArchive arn: String, receivedIn window: ClosedRange<Date>, through sequence: Int64) async throws -> Int
    func replay(named name: String, owner: Caller) async throws -> Replay?
    /// The owner's replays, by name.
    func replays(owner: Caller) async throws -> [Replay]
}

public protocol ArchiveWriter: ArchiveReader {
    /// Creates the archive, or replaces it whole.
    func save(_ archive: Archive) async throws
    /// Deletes the archive and every event it keeps.
    func deleteArchive(arn: String) async throws
    /// Keeps the events, numbering them after every event archived before.
    func append(_ events: [ArchivedEvent]) async throws
    /// Removes the events each archive received before its retention allows, as
    /// of `now`; archives that keep events forever are left alone.
    func purgeExpiredEvents(at now: Date) async throws
    /// Creates the replay, or replaces it whole.
    func save(_ replay: Replay) async throws
    /// Up to `limit` replays still at work (`STARTING`, `RUNNING`, `CANCELLING`),
    /// started first first. A store several nodes share leaves out, and holds
    /// until the transaction ends, replays another transaction holds.
    func activeReplays(limit: Int) async throws -> [Replay]
}
