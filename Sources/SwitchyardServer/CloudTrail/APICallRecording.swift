import EventPatterns
import Foundation
import Switchyard

/// Turns each call to a service on the endpoint into the record CloudTrail writes
/// for that API, and hands it to the recorder. Building it costs the call a few
/// microseconds; a data call whose account no trail asks data events of costs
/// nothing.
struct APICallRecording: Sendable {
    /// One call, answered or refused.
    struct Call: Sendable {
        var targetPrefix: String
        var operation: String
        var input: JSONValue?
        var output: JSONValue?
        var error: (any AWSError)?
        var caller: Caller
        var accessKeyId: String?
        var sourceIPAddress: String
        var userAgent: String?
        var requestId: String
        var time: Date
        var lineage: Lineage
    }

    /// What CloudTrail writes in place of a sensitive value.
    static let hidden = JSONValue("HIDDEN_DUE_TO_SECURITY_REASONS")
    static let eventVersion = "1.09"

    let recorder: CloudTrailRecorder
    let models: [String: ServiceModel]

    func record(_ call: Call) {
        guard let service = RecordedService.byTargetPrefix[call.targetPrefix], let model = models[call.targetPrefix],
              let inputShape = model.operations[call.operation] else { return }
        let isManagement = !service.dataOperations.contains(call.operation)
        guard isManagement || recorder.wantsDataEvents(in: call.caller) else { return }
        recorder.record(Self.record(of: call, service: service, model: model, inputShape: inputShape, isManagement: isManagement))
    }

    static func record(
        of call: Call, service: RecordedService, model: ServiceModel, inputShape: String, isManagement: Bool
    ) -> CloudTrailRecord {
        let readOnly = RecordedService.isReadOnly(call.operation)
        let caller = call.caller
        let resources = call.input.map { service.resources(call.operation, $0, caller) } ?? []
        let eventId = UUID().uuidString.lowercased()
        // Until callers are told apart, every call acts as its account's root.
        let identityArn = "arn:aws:iam::\(caller.account):root"
        let text = JSONValue.structure([
            "eventVersion": JSONValue(eventVersion),
            "userIdentity": .structure([
                "type": JSONValue("Root"), "principalId": JSONValue(caller.account), "arn": JSONValue(identityArn),
                "accountId": JSONValue(caller.account), "accessKeyId": call.accessKeyId.map(JSONValue.init),
            ]),
            "eventTime": JSONValue(call.time.formatted(.iso8601)),
            "eventSource": JSONValue(service.eventSource),
            "eventName": JSONValue(call.operation),
            "awsRegion": JSONValue(caller.region),
            "sourceIPAddress": JSONValue(call.sourceIPAddress),
            "userAgent": JSONValue(call.userAgent ?? ""),
            "errorCode": call.error.map { JSONValue($0.code) },
            "errorMessage": call.error.map { JSONValue($0.message) },
            "requestParameters": call.input.map { recorded($0, shape: inputShape, in: model) } ?? .null,
            "responseElements": readOnly || call.error != nil ? .null : call.output.map(recorded) ?? .null,
            "requestID": JSONValue(call.requestId),
            "eventID": JSONValue(eventId),
            "readOnly": .bool(readOnly),
            "resources": isManagement || resources.isEmpty ? nil : .array(resources.map { resource in
                .structure(["accountId": JSONValue(caller.account), "type": JSONValue(resource.type), "ARN": JSONValue(resource.name)])
            }),
            "eventType": JSONValue("AwsApiCall"),
            "managementEvent": .bool(isManagement),
            "recipientAccountId": JSONValue(caller.account),
            "eventCategory": JSONValue(isManagement ? "Management" : "Data"),
        ]).jsonText
        var record = CloudTrailRecord(
            owner: caller, eventId: eventId, eventTime: call.time, eventSource: service.eventSource,
            eventName: call.operation, readOnly: readOnly, isManagement: isManagement, username: "root",
            resources: resources, text: text)
        record.accessKeyId = call.accessKeyId
        record.userIdentityArn = identityArn
        record.errorCode = call.error?.code
        record.lineage = call.lineage
        return record
    }

    /// A request as CloudTrail records it: members named as the SDKs name them
    /// (`eventBusName`), map keys as sent, sensitive values hidden.
    static func recorded(_ value: JSONValue, shape name: String, in model: ServiceModel) -> JSONValue {
        if model.sensitive.contains(name) { return hidden }
        switch (model.shapes[name], value) {
        case (.structure(let members, _)?, .object(let given)):
            return .object(given.map { member in
                let shape = members.first { $0.name == member.key }?.shape
                return .init(key: lowerCamel(member.key), value: shape.map { recorded(member.value, shape: $0, in: model) } ?? member.value)
            })
        case (.list(let member, _, _)?, .array(let elements)):
            return .array(elements.map { recorded($0, shape: member, in: model) })
        case (.map(_, let valueShape, _, _)?, .object(let given)):
            return .object(given.map { .init(key: $0.key, value: recorded($0.value, shape: valueShape, in: model)) })
        default:
            return value
        }
    }

    /// A response as CloudTrail records it; responses have no model here, so every
    /// object's members are renamed.
    static func recorded(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members) where members.isEmpty: .null
        case .object(let members): .object(members.map { .init(key: lowerCamel($0.key), value: recorded($0.value)) })
        case .array(let elements): .array(elements.map(recorded))
        default: value
        }
    }

    static func lowerCamel(_ name: String) -> String {
        guard let first = name.first, first.isUppercase else { return name }
        return first.lowercased() + name.dropFirst()
    }
}
