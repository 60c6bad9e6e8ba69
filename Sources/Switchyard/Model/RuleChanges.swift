/// What changed among the rules since a version: how every node's pattern machines
/// follow the store. Each committed rule change takes the next version, in commit
/// order; a reader asks for what came after the version it has applied.
public struct RuleChanges: Sendable, Equatable {
    /// One changed rule with its definition as it is now; nil when it was deleted.
    public struct Change: Sendable, Equatable {
        public var busArn: String
        public var ruleName: String
        public var rule: Rule?

        public init(busArn: String, ruleName: String, rule: Rule?) {
            self.busArn = busArn
            self.ruleName = ruleName
            self.rule = rule
        }
    }

    /// The version of the latest change included.
    public var version: Int64
    /// Each changed rule once, oldest change first.
    public var changes: [Change]

    public init(version: Int64, changes: [Change]) {
        self.version = version
        self.changes = changes
    }
}
