import EventPatterns
import EventTransforms
import Foundation
import Switchyard

/// The request EventBridge makes of an AWS service for one invocation.
struct AWSCall {
    /// The SDKs' service id, as `AWS_ENDPOINT_URL_<id>` names it.
    var serviceId: String
    var hostPrefix: String
    var signingName: String
    var path = "/"
    var headers: [(String, String)]
    var body: Data
    /// An error code that means the call's work is done already (a log stream that exists).
    var toleratedError: String?

    /// The calls one invocation takes, in order; nil for a service this invoker does not call.
    static func calls(for invocation: TargetInvocation, _ destination: TargetDestination) -> [AWSCall]? {
        guard destination.service == "logs" else { return AWSCall(invocation, destination).map { [$0] } }
        // As EventBridge writes to a log group: a stream per event, named by its id.
        let group = destination.resource.dropFirst("log-group:".count).split(separator: ":").first.map(String.init) ?? ""
        let stream = invocation.event.id
        var create = AWSCall(
            serviceId: "CLOUDWATCH_LOGS", hostPrefix: "logs", signingName: "logs", json: "1.1",
            target: "Logs_20140328.CreateLogStream", ["logGroupName": JSONValue(group), "logStreamName": JSONValue(stream)])
        create.toleratedError = "ResourceAlreadyExistsException"
        let put = AWSCall(
            serviceId: "CLOUDWATCH_LOGS", hostPrefix: "logs", signingName: "logs", json: "1.1", target: "Logs_20140328.PutLogEvents", [
                "logGroupName": JSONValue(group), "logStreamName": JSONValue(stream),
                "logEvents": .array([.structure([
                    "timestamp": JSONValue(Int(invocation.event.ingestionTime.timeIntervalSince1970 * 1000)),
                    "message": JSONValue(invocation.input),
                ])]),
            ])
        return [create, put]
    }

    /// Nil for a service this invoker does not call.
    init?(_ invocation: TargetInvocation, _ destination: TargetDestination) {
        let input = invocation.input
        switch destination.service {
        case "sns":
            self.init(serviceId: "SNS", hostPrefix: "sns", signingName: "sns", form: [
                ("Action", "Publish"), ("Version", "2010-03-31"), ("TopicArn", invocation.target.arn), ("Message", input),
            ] + (destination.resource.hasSuffix(".fifo")
                // Not recorded: the message group EventBridge gives a FIFO topic. The rule's, so that one rule's events stay in order.
                ? [("MessageGroupId", invocation.ruleArn), ("MessageDeduplicationId", invocation.event.id)] : []))
        case "kinesis":
            self.init(serviceId: "KINESIS", hostPrefix: "kinesis", signingName: "kinesis", json: "1.1", target: "Kinesis_20131202.PutRecord", [
                "StreamName": JSONValue(String(destination.resource.dropFirst("stream/".count))),
                "Data": JSONValue(Data(input.utf8).base64EncodedString()),
                "PartitionKey": JSONValue(Self.partitionKey(invocation)),
            ])
        case "firehose":
            self.init(serviceId: "FIREHOSE", hostPrefix: "firehose", signingName: "firehose", json: "1.1", target: "Firehose_20150804.PutRecord", [
                "DeliveryStreamName": JSONValue(String(destination.resource.dropFirst("deliverystream/".count))),
                "Record": .structure(["Data": JSONValue(Data(input.utf8).base64EncodedString())]),
            ])
        case "states":
            self.init(serviceId: "SFN", hostPrefix: "states", signingName: "states", json: "1.0", target: "AWSStepFunctions.StartExecution", [
                "stateMachineArn": JSONValue(invocation.target.arn), "input": JSONValue(input),
            ])
        case "sqs":
            let isFIFO = destination.isFIFOQueue
            self.init(serviceId: "SQS", hostPrefix: "sqs", signingName: "sqs", json: "1.0", target: "AmazonSQS.SendMessage", [
                "QueueUrl": JSONValue("https://sqs.\(destination.region).amazonaws.com/\(destination.account)/\(destination.resource)"),
                "MessageBody": JSONValue(input),
                "MessageGroupId": isFIFO ? invocation.target.definition["SqsParameters"]?["MessageGroupId"] : nil,
                "MessageDeduplicationId": isFIFO ? JSONValue(invocation.event.id) : nil,
            ])
        case "events":
            // A bus elsewhere gets the event as a PutEvents entry.
            guard let event = try? JSONParser.parse(input) else { return nil }
            self.init(serviceId: "EVENTBRIDGE", hostPrefix: "events", signingName: "events", json: "1.1", target: "AWSEvents.PutEvents", [
                "Entries": .array([.structure([
                    "Source": event["source"], "DetailType": event["detail-type"], "Detail": event["detail"].map { JSONValue($0.jsonText) },
                    "Resources": event["resources"], "EventBusName": JSONValue(invocation.target.arn),
                ])]),
            ])
        case "lambda":
            let name = invocation.target.arn.percentEncoded()
            self.init(
                serviceId: "LAMBDA", hostPrefix: "lambda", signingName: "lambda",
                headers: [("content-type", "application/json"), ("x-amz-invocation-type", "Event")], body: Data(input.utf8))
            path = "/2015-03-31/functions/\(name)/invocations"
        default:
            return nil
        }
    }

    /// The AWS query protocol: a form of parameters.
    init(serviceId: String, hostPrefix: String, signingName: String, form: [(String, String)]) {
        self.init(
            serviceId: serviceId, hostPrefix: hostPrefix, signingName: signingName,
            headers: [("content-type", "application/x-www-form-urlencoded; charset=utf-8")], body: Data(formEncoded(form).utf8))
    }

    /// The AWS JSON protocol: the operation in `X-Amz-Target`, the input as an object.
    init(serviceId: String, hostPrefix: String, signingName: String, json version: String, target: String, _ input: KeyValuePairs<String, JSONValue?>) {
        self.init(
            serviceId: serviceId, hostPrefix: hostPrefix, signingName: signingName,
            headers: [("content-type", "application/x-amz-json-\(version)"), ("x-amz-target", target)],
            body: Data(JSONValue.structure(input).jsonText.utf8))
    }

    init(serviceId: String, hostPrefix: String, signingName: String, headers: [(String, String)], body: Data) {
        self.serviceId = serviceId
        self.hostPrefix = hostPrefix
        self.signingName = signingName
        self.headers = headers
        self.body = body
    }

    /// `KinesisParameters.PartitionKeyPath` read from the event; the event's id without one.
    static func partitionKey(_ invocation: TargetInvocation) -> String {
        guard let text = invocation.target.definition["KinesisParameters"]?["PartitionKeyPath"]?.stringValue,
              let path = try? JSONPath(text), let event = try? JSONParser.parse(invocation.event.text),
              let value = path.evaluate(in: event) else {
            return invocation.event.id
        }
        return value.stringValue ?? value.jsonText
    }

    /// A refusal as EventBridge reports it: the service's code and message, retried
    /// only when the service is throttling or failing.
    static func failure(status: Int, body: String, errorType: String?) -> DeliveryFailure {
        let json = try? JSONParser.parse(body)
        let code = (errorType ?? json?["__type"]?.stringValue ?? xml("Code", in: body) ?? "HTTP \(status)")
            .split(separator: "#").last.map { String($0.split(separator: ":").first ?? $0) } ?? "HTTP \(status)"
        let message = json?["message"]?.stringValue ?? json?["Message"]?.stringValue ?? xml("Message", in: body) ?? body
        let throttled = status == 429 || ["Throttl", "TooManyRequests", "ProvisionedThroughputExceeded", "RequestLimitExceeded"]
            .contains { code.contains($0) }
        let kind: String
        if throttled {
            kind = "THROTTLING"
        } else if code.contains("NotFound") || code == "ResourceNotFoundException" {
            kind = "RESOURCE_NOT_FOUND"
        } else if code.contains("AccessDenied") || code.contains("Authorization") || code == "UnrecognizedClientException" {
            kind = "NO_PERMISSIONS"
        } else {
            kind = "SDK_CLIENT_ERROR"
        }
        return DeliveryFailure(code: kind, message: "\(code): \(message)", isRetryable: throttled || status >= 500)
    }

    /// PutEvents answers 200 even when it refused the entry: the entry says why.
    static func putEventsFailure(_ body: String) -> DeliveryFailure? {
        guard let answer = try? JSONParser.parse(body), (answer["FailedEntryCount"]?.intValue ?? 0) > 0,
              let entry = answer["Entries"]?.arrayValue?.first else { return nil }
        let code = entry["ErrorCode"]?.stringValue ?? "InternalFailure"
        return DeliveryFailure(
            code: "SDK_CLIENT_ERROR", message: "\(code): \(entry["ErrorMessage"]?.stringValue ?? "")",
            isRetryable: code == "InternalFailure" || code.contains("Throttl"))
    }

    static func xml(_ element: String, in body: String) -> String? {
        guard let start = body.range(of: "<\(element)>"), let end = body.range(of: "</\(element)>", range: start.upperBound..<body.endIndex) else {
            return nil
        }
        return String(body[start.upperBound..<end.lowerBound])
    }
}
