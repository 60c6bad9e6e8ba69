public import Foundation

/// A partner event source offered to one customer account in one Region. A SaaS
/// partner's account creates it, named `aws.partner/PARTNER/…`; the customer matches
/// it with a partner event bus of the same name, and the partner's `PutPartnerEvents`
/// reach that bus with the source's name as `source`.
///
/// The state AWS reports is derived, not kept: `ACTIVE` while the customer has the
/// matching bus and has not deactivated the source, `PENDING` otherwise, `DELETED`
/// once the partner deleted it (or it stayed pending too long) while the bus remains.
public struct PartnerEventSource: Sendable, Equatable {
    public var name: String
    /// The customer: the account it is offered to, in the Region it was created in.
    public var owner: Caller
    /// The partner account that created it.
    public var partnerAccount: String
    public var creationTime: Date
    /// When the customer deactivated it, until it activates it again.
    public var deactivatedTime: Date?
    /// The partner deleted it while the customer had its bus.
    public var isDeleted = false

    /// How long a source may stay pending before AWS deletes it: two weeks, as
    /// DeactivateEventSource's documentation says.
    public static let pendingLifetime: TimeInterval = 14 * 24 * 3600

    public init(name: String, owner: Caller, partnerAccount: String, creationTime: Date) {
        self.name = name
        self.owner = owner
        self.partnerAccount = partnerAccount
        self.creationTime = creationTime
    }

    /// AWS's ARN of an event source names no account.
    public var arn: String { "arn:aws:events:\(owner.region)::event-source/\(name)" }

    /// The partner's name: what follows `aws.partner/`, up to the next `/`.
    public var partnerName: String { Self.partnerName(of: name) ?? "" }

    public static func partnerName(of sourceName: String) -> String? {
        let parts = sourceName.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "aws.partner", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }

    public enum State: String, Sendable {
        case pending = "PENDING"
        case active = "ACTIVE"
        case deleted = "DELETED"
    }

    /// The state as of `now`, given whether the customer has the matching bus; nil
    /// when the source is gone for good (expired or deleted with no bus).
    public func state(hasBus: Bool, at now: Date) -> State? {
        if isDeleted || expirationTime(hasBus: hasBus).map({ $0 <= now }) == true {
            return hasBus ? .deleted : nil
        }
        return hasBus && deactivatedTime == nil ? .active : .pending
    }

    /// When a pending source expires: two weeks after it was offered, or after it
    /// was deactivated. An active or deleted source has none.
    public func expirationTime(hasBus: Bool) -> Date? {
        guard !isDeleted else { return nil }
        if let deactivatedTime { return deactivatedTime.addingTimeInterval(Self.pendingLifetime) }
        return hasBus ? nil : creationTime.addingTimeInterval(Self.pendingLifetime)
    }
}
