import EventPatterns
import Foundation
import Switchyard

/// The partner event source operations of `AWSEvents.*`: the partner's side and the customer's.
extension EventsAPI {
    static let partnerSourceOperations: Set = [
        "CreatePartnerEventSource", "DescribePartnerEventSource", "ListPartnerEventSources",
        "ListPartnerEventSourceAccounts", "DeletePartnerEventSource", "PutPartnerEvents",
        "ListEventSources", "DescribeEventSource", "ActivateEventSource", "DeactivateEventSource",
    ]

    func handlePartnerSources(_ operation: String, _ input: JSONValue, caller: Caller) async throws -> JSONValue {
        switch operation {
        case "CreatePartnerEventSource":
            let source = try await controlPlane.createPartnerEventSource(
                named: input.string("Name"), account: input.string("Account"), caller: caller)
            return .structure(["EventSourceArn": JSONValue(source.arn)])
        case "DescribePartnerEventSource":
            let source = try await controlPlane.describePartnerEventSource(named: input.string("Name"), caller: caller)
            return .structure(["Arn": JSONValue(source.arn), "Name": JSONValue(source.name)])
        case "ListPartnerEventSources":
            let page = try await controlPlane.listPartnerEventSources(
                namePrefix: input.string("NamePrefix"), nextToken: input["NextToken"]?.stringValue,
                limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "PartnerEventSources": .array(page.items.map {
                    .structure(["Arn": JSONValue($0.arn), "Name": JSONValue($0.name)])
                }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "ListPartnerEventSourceAccounts":
            let page = try await controlPlane.listPartnerEventSourceAccounts(
                named: input.string("EventSourceName"), nextToken: input["NextToken"]?.stringValue,
                limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "PartnerEventSourceAccounts": .array(page.items.map { offer in
                    .structure([
                        "Account": JSONValue(offer.source.owner.account),
                        "CreationTime": JSONValue.timestamp(offer.source.creationTime),
                        "ExpirationTime": offer.expirationTime.map(JSONValue.timestamp),
                        "State": JSONValue(offer.state.rawValue),
                    ])
                }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "DeletePartnerEventSource":
            try await controlPlane.deletePartnerEventSource(
                named: input.string("Name"), account: input.string("Account"), caller: caller)
            return .object([])
        case "PutPartnerEvents":
            return try await dataPlane.putPartnerEvents(
                (input["Entries"]?.arrayValue ?? []).map(\.putEventsEntry), caller: caller).json

        case "ListEventSources":
            let page = try await controlPlane.listEventSources(
                namePrefix: input["NamePrefix"]?.stringValue, nextToken: input["NextToken"]?.stringValue,
                limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "EventSources": .array(page.items.map(\.json)),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "DescribeEventSource":
            return try await controlPlane.describeEventSource(named: input.string("Name"), caller: caller).json
        case "ActivateEventSource":
            try await controlPlane.activateEventSource(named: input.string("Name"), caller: caller)
            return .object([])
        case "DeactivateEventSource":
            try await controlPlane.deactivateEventSource(named: input.string("Name"), caller: caller)
            return .object([])
        default:
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }
}

extension ControlPlane.OfferedSource {
    /// An event source as its customer sees it.
    var json: JSONValue {
        .structure([
            "Arn": JSONValue(source.arn),
            "CreatedBy": JSONValue(source.partnerName),
            "CreationTime": JSONValue.timestamp(source.creationTime),
            "ExpirationTime": expirationTime.map(JSONValue.timestamp),
            "Name": JSONValue(source.name),
            "State": JSONValue(state.rawValue),
        ])
    }
}
