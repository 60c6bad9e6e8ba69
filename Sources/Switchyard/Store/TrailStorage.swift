public import Foundation

/// CloudTrail's trails, and the event history it keeps of management calls.
public protocol TrailReader: Sendable {
    /// The trail of that name whose home is the owner's Region.
    func trail(named name: String, owner: Caller) async throws -> Trail?
    /// Every trail of the account, whatever its home Region, by name.
    func trails(account: String) async throws -> [Trail]
    /// Every trail that logs, of every account.
    func loggingTrails() async throws -> [Trail]
    /// The owner's recorded calls in `window` that have `attribute`, newest first,
    /// from after `cursor`.
    func history(
        owner: Caller, in window: ClosedRange<Date>, matching attribute: LookupAttribute?, after cursor: HistoryCursor?,
        limit: Int
    ) async throws -> [(record: CloudTrailRecord, cursor: HistoryCursor)]
}

public protocol TrailWriter: TrailReader {
    /// Creates the trail, or replaces it whole.
    func save(_ trail: Trail) async throws
    func deleteTrail(named name: String, owner: Caller) async throws
    func appendHistory(_ records: [CloudTrailRecord]) async throws
    /// Forgets the calls recorded before `time`; returns how many.
    @discardableResult
    func purgeHistory(before time: Date) async throws -> Int
}
