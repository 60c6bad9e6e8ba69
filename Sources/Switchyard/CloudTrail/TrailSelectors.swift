public import EventPatterns

/// Which calls a trail logs: its `EventSelectors` or its `AdvancedEventSelectors`
/// (a trail has one kind or the other), as CloudTrail evaluates them. A call is
/// logged when any selector picks it.
public struct TrailSelectors: Sendable, Equatable {
    /// As `GetEventSelectors` shows them; nil when the trail has advanced ones.
    public var eventSelectors: JSONValue?
    public var advancedEventSelectors: JSONValue?

    public init(eventSelectors: JSONValue?, advancedEventSelectors: JSONValue?) {
        self.eventSelectors = eventSelectors
        self.advancedEventSelectors = advancedEventSelectors
    }

    /// A new trail's: every management event, read and write, and no data event.
    public static let `default` = TrailSelectors(
        eventSelectors: .array([.structure([
            "ReadWriteType": JSONValue("All"), "IncludeManagementEvents": .bool(true), "DataResources": .array([]),
            "ExcludeManagementEventSources": .array([]),
        ])]),
        advancedEventSelectors: nil)

    /// Whether the trail has selectors of its own (`HasCustomEventSelectors`).
    public var isCustom: Bool { self != .default }

    public func selects(_ record: CloudTrailRecord) -> Bool {
        if let advanced = advancedEventSelectors?.arrayValue {
            return advanced.contains { selector in
                (selector["FieldSelectors"]?.arrayValue ?? []).allSatisfy { Self.field($0, matches: record) }
            }
        }
        // Basic selectors name data resources of S3, Lambda and DynamoDB only: none of
        // this server's calls is one of those data events.
        guard record.isManagement else { return false }
        return (eventSelectors?.arrayValue ?? []).contains { selector in
            let readWrite = selector["ReadWriteType"]?.stringValue ?? "All"
            let excluded = (selector["ExcludeManagementEventSources"]?.arrayValue ?? []).compactMap(\.stringValue)
            return selector["IncludeManagementEvents"]?.boolValue ?? true
                && (readWrite == "All" || (readWrite == "ReadOnly") == record.readOnly)
                && !excluded.contains(record.eventSource)
        }
    }

    /// The advanced selector fields this server's records have.
    public static let advancedFields: Set = [
        "eventCategory", "readOnly", "eventSource", "eventName", "eventType", "resources.type", "resources.ARN",
        "userIdentity.arn", "errorCode", "sessionCredentialFromConsole", "vpcEndpointId", "eventTypeName",
    ]

    /// One field selector: a value must meet one of its positive conditions, if it
    /// has any, and none of its negative ones; a field with several values (a call's
    /// resources) matches when one of them does.
    static func field(_ selector: JSONValue, matches record: CloudTrailRecord) -> Bool {
        let values = record.values(ofSelectorField: selector["Field"]?.stringValue ?? "")
        func list(_ name: String) -> [String] { (selector[name]?.arrayValue ?? []).compactMap(\.stringValue) }
        let (equals, starts, ends) = (list("Equals"), list("StartsWith"), list("EndsWith"))
        let (notEquals, notStarts, notEnds) = (list("NotEquals"), list("NotStartsWith"), list("NotEndsWith"))
        // A field the call does not have meets negative conditions only.
        if values.isEmpty { return equals.isEmpty && starts.isEmpty && ends.isEmpty }
        return values.contains { value in
            let positive = equals.isEmpty && starts.isEmpty && ends.isEmpty
                || equals.contains(value) || starts.contains { value.hasPrefix($0) } || ends.contains { value.hasSuffix($0) }
            let negative = notEquals.contains(value) || notStarts.contains { value.hasPrefix($0) }
                || notEnds.contains { value.hasSuffix($0) }
            return positive && !negative
        }
    }
}
