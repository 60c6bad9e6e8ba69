public import Foundation
import Switchyard

/// Where each AWS service is called, by the AWS SDKs' own convention, first found
/// first: `AWS_ENDPOINT_URL_<SERVICE>` (`SNS`, `SQS`, `KINESIS`, `FIREHOSE`, `SFN`,
/// `LAMBDA`, `CLOUDWATCH_LOGS`, `EVENTBRIDGE`, and ours, `EXECUTE_API`), then
/// `AWS_ENDPOINT_URL`, then in the shared config file (`AWS_CONFIG_FILE`, else
/// `~/.aws/config`) the profile's `services` section (`sns =` with an indented
/// `endpoint_url`), then the profile's own `endpoint_url`; without them, the
/// service's own endpoint in the target's Region. They point targets at LocalStack,
/// moto, `sam local start-lambda` or anything else that speaks the service's API.
public struct AWSEndpoints: Sendable {
    let environment: [String: String]
    /// The profile's `endpoint_url`s: its own under "", its services' under their keys.
    let configured: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        let path = environment["AWS_CONFIG_FILE"] ?? NSString(string: "~/.aws/config").expandingTildeInPath
        let sections = (try? String(contentsOfFile: path, encoding: .utf8)).map(AWSConfigFile.sections) ?? [:]
        let profile = sections[environment["AWS_PROFILE"].map { "profile \($0)" } ?? "default"] ?? [:]
        var configured = profile["endpoint_url"].map { ["": $0] } ?? [:]
        for (key, value) in profile["services"].flatMap({ sections["services \($0)"] }) ?? [:] {
            guard let service = key.split(separator: ".").first, key == "\(service).endpoint_url" else { continue }
            configured[String(service)] = value
        }
        self.configured = configured
    }

    /// The endpoint for `service` (the SDKs' service id, `SNS`) whose AWS host
    /// begins with `hostPrefix` (`sns`), in `region`.
    public func endpoint(service: String, hostPrefix: String, region: String) -> URL {
        given(service) ?? URL(string: "https://\(hostPrefix).\(region).amazonaws.com")!
    }

    /// Where a REST API of API Gateway is invoked: its own host on AWS, or with an
    /// endpoint given for `EXECUTE_API`, that endpoint followed by the API's id
    /// (LocalStack's is `http://localhost:4566/_aws/execute-api`).
    public func apiGateway(_ apiId: String, region: String) -> URL {
        given("EXECUTE_API").map { $0.appendingPathComponent(apiId) }
            ?? URL(string: "https://\(apiId).execute-api.\(region).amazonaws.com")!
    }

    func given(_ service: String) -> URL? {
        let text = environment["AWS_ENDPOINT_URL_\(service)"] ?? environment["AWS_ENDPOINT_URL"]
            ?? configured[service.lowercased()] ?? configured[""]
        return text.flatMap(URL.init(string:))
    }
}
