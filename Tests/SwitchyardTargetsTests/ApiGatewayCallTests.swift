import EventPatterns
import Foundation
import Switchyard
@testable import SwitchyardTargets
import Testing

struct ApiGatewayCallTests {
    func call(
        _ arn: String, http: String = "{}", endpoints: [String: String] = [:]
    ) throws -> ApiGatewayCall? {
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Arn":"\#(arn)","HttpParameters":\#(http)}"#))
        let invocation = TargetInvocation(
            target: target, input: #"{"id":"e-1"}"#, ruleArn: "arn:aws:events:us-east-1:111111111111:rule/r",
            event: Event(id: "e-1", eventBusArn: "bus", text: #"{"id":"e-1","detail":{"pet":"rex / 2"}}"#, ingestionTime: Date()))
        let environment = endpoints.merging(["AWS_CONFIG_FILE": "/nonexistent"]) { given, _ in given }
        return ApiGatewayCall(invocation, try #require(target.destination), endpoints: AWSEndpoints(environment: environment))
    }

    @Test func theArnNamesTheMethodAndPathOnTheAPIsOwnHost() throws {
        let call = try #require(try call(
            "arn:aws:execute-api:eu-west-1:111111111111:a1b2c3/prod/PUT/pets/*/toys/*",
            http: #"{"PathParameterValues":["$.detail.pet","ball"],"QueryStringParameters":{"size":"é x"},"HeaderParameters":{"X-Team":"blue"}}"#))
        #expect(call.method == "PUT")
        #expect(call.url.absoluteString == "https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod/pets/rex%20%2F%202/toys/ball?size=%C3%A9%20x")
        #expect(call.path == "/prod/pets/rex%20%2F%202/toys/ball")
        #expect(call.headers.contains { $0 == ("x-team", "blue") })
        #expect(String(decoding: call.body, as: UTF8.self) == #"{"id":"e-1"}"#)
    }

    @Test func anyMethodIsCalledWithPostAndTheStageRootWithoutAPath() throws {
        let call = try #require(try call("arn:aws:execute-api:us-east-1:111111111111:a1b2c3/dev/*"))
        #expect(call.method == "POST")
        #expect(call.url.absoluteString == "https://a1b2c3.execute-api.us-east-1.amazonaws.com/dev/")
    }

    @Test func anEndpointGivenForExecuteAPIIsFollowedByTheAPIsId() throws {
        let call = try #require(try call(
            "arn:aws:execute-api:us-east-1:111111111111:a1b2c3/dev/GET/orders",
            endpoints: ["AWS_ENDPOINT_URL_EXECUTE_API": "http://localhost:4566/_aws/execute-api"]))
        #expect(call.url.absoluteString == "http://localhost:4566/_aws/execute-api/a1b2c3/dev/orders")
        #expect(call.body.isEmpty)
    }

    @Test func headersAWSForbidsAreNotSent() throws {
        let call = try #require(try call(
            "arn:aws:execute-api:us-east-1:111111111111:a1b2c3/dev/POST/orders",
            http: #"{"HeaderParameters":{"Host":"evil","X-Amz-Date":"x","Authorization":"y","Kept":"z"}}"#))
        #expect(call.headers.map(\.0) == ["kept", "content-type"])
    }

    @Test func anArnWithoutAStageNamesNoMethod() throws {
        #expect(try call("arn:aws:execute-api:us-east-1:111111111111:a1b2c3") == nil)
    }
}
