extension ServiceModel {
    /// Switchyard's own operations, beyond AWS's API, under a target prefix no AWS
    /// service uses: `X-Amz-Target: Switchyard.<Operation>`, with the JSON protocol
    /// the AWS services here speak. Written by hand, in the shape of AWS's models.
    public static let switchyard = ServiceModel(
        targetPrefix: "Switchyard",
        operations: [
            "FireRule": "FireRuleRequest",
            "DescribeReplayProgress": "DescribeReplayProgressRequest",
        ],
        shapes: [
            "FireRuleRequest": .structure([.init("Name", "RuleName")], required: ["Name"]),
            "RuleName": .string(min: 1, max: 64, pattern: #"[\.\-_A-Za-z0-9]+"#, values: nil),
            "DescribeReplayProgressRequest": .structure([.init("ReplayName", "ReplayName")], required: ["ReplayName"]),
            "ReplayName": .string(min: 1, max: 64, pattern: #"[\.\-_A-Za-z0-9]+"#, values: nil),
        ]
    )
}
