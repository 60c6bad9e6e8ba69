public import Foundation

/// A replay: the events an archive received in a time window, sent again to the
/// archive's bus, to the rules the destination names (all of the bus's when it
/// names none), each carrying `"replay-name"`. It is durable work: it goes on
/// from `cursor` after a restart.
public struct Replay: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case starting = "STARTING"
        case running = "RUNNING"
        case cancelling = "CANCELLING"
        case completed = "COMPLETED"
        case cancelled = "CANCELLED"
        case failed = "FAILED"

        /// Still replaying, or about to be stopped.
        public var isActive: Bool { self == .starting || self == .running || self == .cancelling }
    }

    public var name: String
    public var owner: Caller
    public var description: String?
    public var archiveArn: String
    public var destinationArn: String
    public var filterArns: [String]
    public var eventStartTime: Date
    public var eventEndTime: Date
    public var state: State
    public var stateReason: String?
    public var replayStartTime: Date
    public var replayEndTime: Date?
    public var eventLastReplayedTime: Date?
    /// The sequence of the last archived event replayed.
    public var cursor: Int64

    public init(
        name: String, owner: Caller, archiveArn: String, destinationArn: String, filterArns: [String],
        eventStartTime: Date, eventEndTime: Date, replayStartTime: Date
    ) {
        self.name = name
        self.owner = owner
        self.archiveArn = archiveArn
        self.destinationArn = destinationArn
        self.filterArns = filterArns
        self.eventStartTime = eventStartTime
        self.eventEndTime = eventEndTime
        self.state = .starting
        self.replayStartTime = replayStartTime
        self.cursor = 0
    }

    public var arn: String { "arn:aws:events:\(owner.region):\(owner.account):replay/\(name)" }
}
