import EventPatterns
import TestSupport
import Foundation
public import SwitchyardServer

/// Generates requests for every operation of the service models we serve, from
/// plausible to hostile. Plausible values come from the input shapes and from small
/// pools of names, so that requests meet each other's resources (a rule put on a bus
/// another request created, a target naming a queue that exists); hostile ones
/// replace values with wrong types, nulls, numbers that overflow, huge, deep and
/// backtracking-bait values, and repeated keys; malformed bodies are cut short, not
/// UTF-8, or not an object at all.
public struct RequestGenerator: Sendable {
    public let models: [ServiceModel]
    /// Operations asked for more often than the rest, `Prefix.Operation`.
    public let focus: [String]
    private var random: SplitMix
    private var hostility = 0.0
    private var depth = 0

    /// The operations Switchyard implements: most requests go to them, so that most
    /// reach the code behind validation. The rest of each model is tried too.
    public static let implemented = [
        "AWSEvents": [
            "CreateEventBus", "DescribeEventBus", "ListEventBuses", "UpdateEventBus", "DeleteEventBus", "PutRule",
            "DescribeRule", "ListRules", "EnableRule", "DisableRule", "DeleteRule", "ListRuleNamesByTarget", "PutTargets",
            "RemoveTargets", "ListTargetsByRule", "PutEvents", "TestEventPattern", "TagResource", "UntagResource",
            "ListTagsForResource", "PutPermission", "RemovePermission", "CreateArchive", "DescribeArchive", "ListArchives",
            "UpdateArchive", "DeleteArchive", "StartReplay", "DescribeReplay", "ListReplays", "CancelReplay",
            "CreateConnection", "DescribeConnection", "ListConnections", "UpdateConnection", "DeleteConnection",
            "DeauthorizeConnection", "CreateApiDestination", "DescribeApiDestination", "ListApiDestinations",
            "UpdateApiDestination", "DeleteApiDestination", "CreatePartnerEventSource", "DescribePartnerEventSource",
            "ListPartnerEventSources", "ListPartnerEventSourceAccounts", "DeletePartnerEventSource", "PutPartnerEvents",
            "ListEventSources", "DescribeEventSource", "ActivateEventSource", "DeactivateEventSource", "CreateEndpoint",
            "DescribeEndpoint", "ListEndpoints", "UpdateEndpoint", "DeleteEndpoint",
        ],
        "AmazonSQS": [
            "CreateQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes", "SetQueueAttributes", "DeleteQueue", "PurgeQueue",
            "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
        ],
        "Logs_20140328": [
            "CreateLogGroup", "DeleteLogGroup", "DescribeLogGroups", "CreateLogStream", "DescribeLogStreams", "PutLogEvents",
            "GetLogEvents", "FilterLogEvents",
        ],
        "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": [
            "CreateTrail", "UpdateTrail", "DeleteTrail", "DescribeTrails", "GetTrail", "ListTrails", "GetTrailStatus",
            "StartLogging", "StopLogging", "PutEventSelectors", "GetEventSelectors", "LookupEvents", "AddTags", "RemoveTags",
            "ListTags",
        ],
        "Switchyard": ["FireRule", "DescribeReplayProgress", "Backtest", "PutServiceEvents", "SetHealthCheckStatus"],
    ].flatMap { prefix, operations in operations.map { "\(prefix).\($0)" } }.sorted()

    public init(models: [ServiceModel] = [.events, .sqs, .logs, .cloudtrail, .switchyard], focus: [String] = implemented, seed: UInt64) {
        self.models = models
        self.focus = focus
        random = SplitMix(seed: seed)
    }

    public mutating func next() -> FuzzRequest {
        let (model, operation) = pickOperation()
        var target = "\(model.targetPrefix).\(operation)"
        let roll = Double.random(in: 0..<1, using: &random)
        let kind: FuzzRequest.Kind = roll < 0.45 ? .plausible : roll < 0.85 ? .mutated : .malformed
        hostility = kind == .mutated ? [0.03, 0.1, 0.3].randomElement(using: &random)! : 0
        depth = 0
        let input = value(for: model.operations[operation]!, named: "", in: model)
        var body = Array(input.jsonText.utf8)
        if kind == .malformed {
            body = malformed(body)
            if random.chance(0.05) { target = [operation, "\(model.targetPrefix).", "\(model.targetPrefix).\(operation)X", ""].randomElement(using: &random)! }
        }
        return FuzzRequest(target: target, body: body, kind: kind)
    }

    private mutating func pickOperation() -> (ServiceModel, String) {
        if !focus.isEmpty, random.chance(0.8) {
            let chosen = focus.randomElement(using: &random)!.split(separator: ".")
            if let model = models.first(where: { $0.targetPrefix == chosen[0] }), model.operations[String(chosen[1])] != nil {
                return (model, String(chosen[1]))
            }
        }
        let model = models.randomElement(using: &random)!
        return (model, model.operations.keys.sorted().randomElement(using: &random)!)
    }

    // MARK: Plausible values, now and then hostile

    private mutating func value(for shapeName: String, named member: String, in model: ServiceModel) -> JSONValue {
        if hostility > 0, random.chance(hostility) { return hostile() }
        guard let shape = model.shapes[shapeName], depth < 12 else { return .null }
        depth += 1
        defer { depth -= 1 }
        switch shape {
        case .structure(let members, let required):
            var result: [JSONValue.Member] = []
            for member in members where required.contains(member.name) || random.chance(0.5) {
                result.append(.init(key: member.name, value: value(for: member.shape, named: member.name, in: model)))
            }
            return .object(result)
        case .list(let memberShape, let min, let max):
            let count = Int.random(in: (min ?? 0)...Swift.min(max ?? 3, (min ?? 0) + 3), using: &random)
            return .array((0..<count).map { _ in value(for: memberShape, named: member, in: model) })
        case .map(let keyShape, let valueShape, let min, _):
            let count = Int.random(in: (min ?? 0)...((min ?? 0) + 3), using: &random)
            return .object((0..<count).map { _ in
                let key = value(for: keyShape, named: "\(member)Key", in: model).stringValue ?? "k"
                return .init(key: key, value: value(for: valueShape, named: member, in: model))
            })
        case .string(let min, let max, _, let values):
            if let values { return .string(values.randomElement(using: &random)!) }
            if let pooled = Self.pool(for: member)?.randomElement(using: &random) { return .string(pooled) }
            let length = Int.random(in: (min ?? 1)...Swift.max(min ?? 1, Swift.min(max ?? 12, 12)), using: &random)
            return .string(String((0..<length).map { _ in "abcdefghij0123456789".randomElement(using: &random)! }))
        case .integer(let min, let max), .long(let min, let max):
            let low = min ?? 0
            return JSONValue(Int.random(in: low...Swift.max(low, Swift.min(max ?? low + 20, low + 20)), using: &random))
        case .double, .timestamp:
            return .number(JSONNumber(text: "1767225600", value: 1_767_225_600))
        case .boolean:
            return .bool(random.chance(0.5))
        case .blob:
            return .string("aGVsbG8=")
        }
    }

    /// Values that requests share by name, so that they act on each other's resources.
    private static func pool(for member: String) -> [String]? {
        let name = member.lowercased()
        let account = "000000000000"
        if name.hasSuffix("arn") || name == "resourcearn" || name.hasSuffix("arns") {
            return [
                "arn:aws:sqs:us-east-1:\(account):q1", "arn:aws:sqs:us-east-1:\(account):q1.fifo",
                "arn:aws:sqs:us-east-1:\(account):dlq", "arn:aws:events:us-east-1:\(account):event-bus/orders",
                "arn:aws:events:us-east-1:\(account):rule/r1", "arn:aws:logs:us-east-1:\(account):log-group:g1",
                "arn:aws:lambda:us-east-1:\(account):function:f", "arn:aws:events:us-east-1:\(account):api-destination/d/1",
            ]
        }
        switch name {
        case "name", "eventbusname", "rule", "nameprefix", "namesprefix":
            return ["default", "orders", "r1", "r2", "a"]
        case "queuename", "queuenameprefix":
            return ["q1", "q2", "dlq", "q1.fifo"]
        case "queueurl":
            return ["http://localhost/\(account)/q1", "http://localhost/\(account)/q1.fifo", "http://localhost/\(account)/dlq", "q1"]
        case "loggroupname", "loggroupidentifier", "loggroupnameprefix":
            return ["g1", "/aws/events/g", "arn:aws:logs:us-east-1:\(account):log-group:g1"]
        case "logstreamname", "logstreamnameprefix":
            return ["s1", "s2"]
        case "id", "ids":
            return ["t1", "t2", "t3"]
        case "eventpattern":
            return [
                #"{"source":["shop"]}"#, #"{"detail":{"n":[{"numeric":[">",1]}]}}"#,
                #"{"detail":{"items":{"a":["x"],"b":["y"]}}}"#, #"{"source":[{"wildcard":"*a*b*c*"}]}"#, "{", #"{"source":[]}"#,
            ]
        case "detail", "input":
            return [#"{"n":5}"#, #"{"items":[{"a":"x","b":"y"},{"a":"y","b":"x"}]}"#, "{}", "[1]", "not json"]
        case "event":
            return [#"{"id":"1","account":"000000000000","source":"shop","time":"2026-01-01T00:00:00Z","region":"us-east-1","detail-type":"t","detail":{"n":5}}"#]
        case "source":
            return ["shop", "aws.ec2", ""]
        case "detailtype":
            return ["order placed", ""]
        case "inputpath", "value":
            return ["$.detail", "$.detail.n", "$", "$..x"]
        case "inputtemplate":
            return [#"{"n": <n>}"#, "<n>", "plain"]
        case "scheduleexpression":
            return ["rate(5 minutes)", "cron(0 12 * * ? *)", "rate(0 minutes)"]
        case "nexttoken":
            return ["f/1", "b/2", "f/9223372036854775807", "b/-9223372036854775808", "YQ==", "!!", "1"]
        case "messagebody":
            return ["hello", "{\"a\":1}"]
        case "policy":
            return [#"{"Version":"2012-10-17","Statement":[{"Sid":"s","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*"}]}"#]
        case "attributes", "attributesvalue":
            return ["0", "30", "345600", "true", "-1", "99999999999"]
        default:
            return nil
        }
    }

    // MARK: Hostile values

    private mutating func hostile() -> JSONValue {
        func number(_ text: String) -> JSONValue { .number(JSONNumber(text: text, value: Double(text) ?? .infinity)) }
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return .null
        case 1: return .bool(true)
        case 2: return [number("-1"), number("0"), number("-0.0"), number("1.5")].randomElement(using: &random)!
        case 3: return [number("2147483648"), number("-2147483649"), number("9223372036854775807"), number("-9223372036854775808")].randomElement(using: &random)!
        case 4: return [number("1e308"), number("1e400"), number("-1e400"), number("123456789012345678901234567890")].randomElement(using: &random)!
        case 5: return .string("")
        case 6: return .string(String(repeating: "a", count: [1_025, 70_000, 300_000].randomElement(using: &random)!))
        // Built to make a backtracking pattern check take exponential time.
        case 7: return .string("a" + String(repeating: " a", count: 30) + "\u{1}")
        case 8: return .string("a" + String(repeating: "-", count: 40) + "!")
        case 9: return .string("nul\u{0}byte")
        case 10: return .string("\u{1}\u{7F}\t\n\r\u{2028}é😀")
        case 11: return .array(Array(repeating: .string("a"), count: [11, 1_000, 20_000].randomElement(using: &random)!))
        case 12: return nested(depth: [64, 999, 1_001, 5_000].randomElement(using: &random)!)
        case 13: return .object([.init(key: "Id", value: .string("a")), .init(key: "Arn", value: .string("arn:aws:sqs:us-east-1:000000000000:q1")), .init(key: "Id", value: .string("b"))])
        case 14: return .object((0..<5_000).map { .init(key: "k\($0)", value: .string("v")) })
        case 15: return .array([.null])
        case 16: return .object([])
        case 17: return .string(#"{"a":"# + String(repeating: "[", count: 2_000) + #""}"#)
        case 18: return .string(String(repeating: "{\"a\":", count: 99) + "1" + String(repeating: "}", count: 99))
        default: return .string("arn:aws:sqs:us-east-1:000000000000:" + String(repeating: "q", count: 90) + ".fifo")
        }
    }

    private func nested(depth: Int) -> JSONValue {
        var value = JSONValue.string("x")
        for level in 0..<depth { value = level.isMultiple(of: 2) ? .array([value]) : .object([.init(key: "a", value: value)]) }
        return value
    }

    // MARK: Malformed bodies

    private mutating func malformed(_ body: [UInt8]) -> [UInt8] {
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return Array(body.prefix(Int.random(in: 0...body.count, using: &random)))
        case 1:
            var bytes = body
            let invalid: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
            bytes.insert(contentsOf: invalid.randomElement(using: &random)!, at: Int.random(in: 0...bytes.count, using: &random))
            return bytes
        case 2: return Array(["", "null", "[]", "\"x\"", "123", "true", " ", "{}}", "{\"a\"}", "{,}"].randomElement(using: &random)!.utf8)
        case 3: return Array((String(repeating: "[", count: 200_000)).utf8)
        case 4: return Array((String(repeating: "{\"a\":", count: 50_000)).utf8)
        case 5: return Array(("{\"Limit\": " + String(repeating: "9", count: 5_000) + "}").utf8)
        case 6: return Array(#"{"Name":"\ud800","Limit":1}"#.utf8)
        case 7:
            // The same member twice, the second of the wrong type.
            guard body.first == UInt8(ascii: "{"), body.count > 2 else { return body }
            return Array(body.dropLast()) + Array(#","Name":[1],"Name":"a"}"#.utf8)
        default: return Array(String(repeating: "{\"Entries\":[", count: 3).utf8) + body
        }
    }
}
