public import Foundation

/// Accepted events and the deliveries they owe: what makes "acknowledged" mean
/// "will be delivered", across crashes and restarts.
public protocol EventLog: Sendable {
    /// Records accepted events with the deliveries they owe; an event that owes none
    /// is not kept.
    func append(_ events: [Event], deliveries: [Delivery]) async throws
    /// Deliveries due by `now`, each with its event and target, marked in flight
    /// until `leaseUntil`; a delivery whose lease runs out is due again.
    func claimDeliveries(dueBy now: Date, leaseUntil: Date, limit: Int) async throws -> [ClaimedDelivery]
    /// Ends a delivery that was delivered, dead-lettered or dropped; an event with no
    /// delivery left is forgotten.
    func finishDelivery(_ delivery: Delivery) async throws
    /// Schedules another attempt.
    func retryDelivery(_ delivery: Delivery) async throws
    /// At a worker's start: makes due now the deliveries no running worker holds.
    /// A store one process owns releases every claim; a store several nodes share
    /// cannot tell a stopped node's claims from a running one's, and leaves them
    /// to their lease.
    func releaseClaimedDeliveries() async throws
}
