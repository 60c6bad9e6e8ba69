/// EventBridge ARNs, built and read as AWS writes them:
/// `arn:aws:events:REGION:ACCOUNT:event-bus/NAME`, `…:rule/NAME` on the default bus
/// and `…:rule/BUS/NAME` on any other.
public enum ResourceName {
    public static let defaultEventBus = "default"

    public static func eventBus(_ name: String, _ caller: Caller) -> String {
        "arn:aws:events:\(caller.region):\(caller.account):event-bus/\(name)"
    }

    public static func rule(_ name: String, onBus bus: String, _ caller: Caller) -> String {
        bus == defaultEventBus
            ? "arn:aws:events:\(caller.region):\(caller.account):rule/\(name)"
            : "arn:aws:events:\(caller.region):\(caller.account):rule/\(bus)/\(name)"
    }

    /// What an events ARN names, and in which account and Region.
    public enum Resource: Sendable, Equatable {
        case eventBus(name: String)
        case rule(name: String, bus: String)
        /// A kind this server does not hold yet (connection, archive, …) or a malformed ARN.
        case other
    }

    public static func parse(_ arn: String) -> (resource: Resource, caller: Caller)? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "events" else { return nil }
        let caller = Caller(account: String(fields[4]), region: String(fields[3]))
        let path = fields[5]
        if path.hasPrefix("event-bus/") {
            return (.eventBus(name: String(path.dropFirst("event-bus/".count))), caller)
        }
        if path.hasPrefix("rule/") {
            // Bus names may contain `/` (partner buses); rule names never do.
            let rest = path.dropFirst("rule/".count)
            guard let slash = rest.lastIndex(of: "/") else {
                return (.rule(name: String(rest), bus: defaultEventBus), caller)
            }
            return (.rule(name: String(rest[rest.index(after: slash)...]), bus: String(rest[..<slash])), caller)
        }
        return (.other, caller)
    }
}

extension ResourceName {
    /// Whether `arn` names an SQS queue, the only kind of dead-letter queue AWS accepts.
    public static func isQueueArn(_ arn: String) -> Bool {
        let fields = arn.split(separator: ":", omittingEmptySubsequences: false)
        return fields.count == 6 && fields[0] == "arn" && fields[2] == "sqs" && !fields[3].isEmpty
            && fields[4].count == 12 && fields[4].allSatisfy(\.isNumber) && !fields[5].isEmpty
    }
}
