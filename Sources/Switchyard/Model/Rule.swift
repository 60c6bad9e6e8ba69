/// A rule on an event bus: an event pattern, a schedule, or both, and a state.
public struct Rule: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case enabled = "ENABLED"
        case disabled = "DISABLED"
        /// Enabled, and also receives read-only "AWS API Call via CloudTrail" events,
        /// which plain `ENABLED` rules do not.
        case enabledWithAllCloudTrailManagementEvents = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

        public var isEnabled: Bool { self != .disabled }
    }

    public var name: String
    public var eventBusName: String
    public var owner: Caller
    public var eventPattern: String?
    public var scheduleExpression: String?
    public var state: State
    public var description: String?
    public var roleArn: String?
    /// The service principal that manages this rule; such rules change only with `Force`.
    public var managedBy: String?
    /// The account that created the rule.
    public var createdBy: String

    public init(name: String, eventBusName: String, owner: Caller, state: State = .enabled) {
        self.name = name
        self.eventBusName = eventBusName
        self.owner = owner
        self.state = state
        self.createdBy = owner.account
    }

    public var arn: String { ResourceName.rule(name, onBus: eventBusName, owner) }
    public var eventBusArn: String { ResourceName.eventBus(eventBusName, owner) }
}
