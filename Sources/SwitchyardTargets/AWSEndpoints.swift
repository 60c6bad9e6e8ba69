public import Foundation

/// Where each AWS service is called, by the AWS SDKs' own convention:
/// `AWS_ENDPOINT_URL_<SERVICE>` (`SNS`, `SQS`, `KINESIS`, `FIREHOSE`, `SFN`,
/// `LAMBDA`, `CLOUDWATCH_LOGS`, `EVENTBRIDGE`), then `AWS_ENDPOINT_URL`, then `endpoint_url` in the profile of the
/// shared config file (`AWS_CONFIG_FILE`, else `~/.aws/config`); without them, the
/// service's own endpoint in the target's Region. They point targets at LocalStack,
/// moto, `sam local start-lambda` or anything else that speaks the service's API.
public struct AWSEndpoints: Sendable {
    let environment: [String: String]
    let configured: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        let path = environment["AWS_CONFIG_FILE"] ?? NSString(string: "~/.aws/config").expandingTildeInPath
        let profile = environment["AWS_PROFILE"].map { "profile \($0)" } ?? "default"
        configured = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { AWSConfigFile.sections($0)[profile]?["endpoint_url"] }
    }

    /// The endpoint for `service` (the SDKs' service id, `SNS`) whose AWS host
    /// begins with `hostPrefix` (`sns`), in `region`.
    public func endpoint(service: String, hostPrefix: String, region: String) -> URL {
        let given = environment["AWS_ENDPOINT_URL_\(service)"] ?? environment["AWS_ENDPOINT_URL"] ?? configured
        return given.flatMap(URL.init(string:)) ?? URL(string: "https://\(hostPrefix).\(region).amazonaws.com")!
    }
}
