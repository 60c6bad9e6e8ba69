extension ServiceModel {
    /// Switchyard's own operations, beyond AWS's API, under a target prefix no AWS
    /// service uses: `X-Amz-Target: Switchyard.<Operation>`, with the JSON protocol
    /// the AWS services here speak. Written by hand, in the shape of AWS's models.
    public static let switchyard = ServiceModel(
        targetPrefix: "Switchyard",
        operations: [
            "FireRule": "FireRuleRequest",
            "DescribeReplayProgress": "DescribeReplayProgressRequest",
            "Backtest": "BacktestRequest",
            "PutServiceEvents": "PutServiceEventsRequest",
            "SetHealthCheckStatus": "SetHealthCheckStatusRequest",
        ],
        shapes: [
            "FireRuleRequest": .structure([.init("Name", "RuleName")], required: ["Name"]),
            "RuleName": .string(min: 1, max: 64, pattern: #"[\.\-_A-Za-z0-9]+"#, values: nil),
            "DescribeReplayProgressRequest": .structure([.init("ReplayName", "ReplayName")], required: ["ReplayName"]),
            "ReplayName": .string(min: 1, max: 64, pattern: #"[\.\-_A-Za-z0-9]+"#, values: nil),
            "BacktestRequest": .structure([
                .init("ArchiveName", "ArchiveName"), .init("EventPattern", "EventPattern"), .init("RuleNames", "RuleNameList"),
                .init("StartTime", "Timestamp"), .init("EndTime", "Timestamp"), .init("SampleSize", "SampleSize"),
                .init("ExplainEventIds", "EventIdList"),
            ], required: ["ArchiveName"]),
            "ArchiveName": .string(min: 1, max: 48, pattern: #"[\.\-_A-Za-z0-9]+"#, values: nil),
            "EventPattern": .string(min: nil, max: 4096, pattern: nil, values: nil),
            "RuleNameList": .list(member: "RuleName", min: nil, max: 100),
            "Timestamp": .timestamp,
            "SampleSize": .integer(min: 0, max: 100),
            "EventIdList": .list(member: "EventId", min: nil, max: 10),
            "EventId": .string(min: 1, max: 64, pattern: nil, values: nil),
            "PutServiceEventsRequest": .structure(
                [.init("Events", "ServiceEventList"), .init("EventBusName", "EventBusNameOrArn")], required: ["Events"]),
            "ServiceEventList": .list(member: "ServiceEvent", min: 1, max: 100),
            "ServiceEvent": .string(min: 1, max: 262_144, pattern: nil, values: nil),
            "SetHealthCheckStatusRequest": .structure(
                [.init("HealthCheck", "HealthCheck"), .init("Status", "HealthCheckStatus")], required: ["HealthCheck", "Status"]),
            "HealthCheck": .string(min: 1, max: 1600, pattern: #"^arn:aws([a-z]|\-)*:route53:::healthcheck/[\-a-z0-9]+$"#, values: nil),
            "HealthCheckStatus": .string(min: nil, max: nil, pattern: nil, values: ["HEALTHY", "UNHEALTHY"]),
            "EventBusNameOrArn": .string(min: 1, max: 1600, pattern: #"(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+"#, values: nil),
        ],
        sensitive: []
    )
}
