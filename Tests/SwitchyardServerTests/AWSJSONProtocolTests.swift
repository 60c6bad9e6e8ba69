import EventPatterns
import Testing
@testable import SwitchyardServer

@Suite struct AWSJSONProtocolTests {
    @Test func unknownOperationIsRefused() async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.send(target: "AWSEvents.MakeCoffee", body: "{}")
            #expect(answer.status == 400)
            #expect(answer.errorCode == "UnknownOperationException")
            let otherService = try await client.send(target: "Nonsense.ListThings", body: "{}")
            #expect(otherService.errorCode == "UnknownOperationException")
        }
    }

    @Test(arguments: ["{", "[1]", "{\"Name\": \"a\"} trailing", "\u{FF}"])
    func malformedBodyIsASerializationError(_ body: String) async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.send(target: "AWSEvents.DescribeEventBus", body: body)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "SerializationException")
        }
    }

    @Test func memberOfTheWrongTypeIsASerializationError() async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.send(target: "AWSEvents.PutRule", body: #"{"Name": 5}"#)
            #expect(answer.errorCode == "SerializationException")
            #expect(answer.message == "Expected a string at 'name'.")
        }
    }

    @Test func constraintViolationsAreReportedTogetherInAWSWords() async throws {
        try await EventsClient.withServer { client in
            let name = String(repeating: "x", count: 65) + "!"
            let answer = try await client.call("PutRule", .structure(["Name": JSONValue(name), "State": JSONValue("ON")]))
            #expect(answer.errorCode == "ValidationException")
            #expect(answer.message == """
                3 validation errors detected: \
                Value '\(name)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; \
                Value '\(name)' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64; \
                Value 'ON' at 'state' failed to satisfy constraint: \
                Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]
                """)
        }
    }

    @Test func missingRequiredMemberIsNamed() async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.call("DescribeRule", .object([]))
            #expect(answer.message == "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
        }
    }

    @Test func regionComesFromTheCredentialScope() async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.send(target: "AWSEvents.DescribeEventBus", body: "{}", region: "ap-south-1")
            #expect(answer.body["Arn"]?.stringValue == "arn:aws:events:ap-south-1:000000000000:event-bus/default")
        }
    }
}
