import ArgumentParser
import Foundation

/// `switchyard fire-rule`: fires a scheduled rule of a running server now (the
/// `Switchyard.FireRule` extension operation).
struct FireRule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fire-rule",
        abstract: "Fire a scheduled rule now, as its schedule would at this minute (a Switchyard extension).",
        discussion: """
            The rule's targets receive the "Scheduled Event" its schedule sends, with this
            minute as its time; the schedule's own firings go on unchanged. The rule must be
            an enabled rule with a ScheduleExpression on the default bus. Prints the response,
            {"EventId": "..."}, or AWS-style error text (exit status 1).
            """
    )

    @Argument(help: "The rule's name.")
    var name: String

    @Option(help: "The server's address.")
    var endpointURL = "http://127.0.0.1:4010"

    @Option(help: "The Region of the rule (defaults to AWS_REGION, AWS_DEFAULT_REGION, then us-east-1).")
    var region: String?

    func run() async throws {
        guard let endpoint = URL(string: endpointURL), endpoint.host != nil else {
            throw ValidationError("--endpoint-url must be a URL such as http://127.0.0.1:4010.")
        }
        let environment = ProcessInfo.processInfo.environment
        let client = SwitchyardClient(
            endpoint: endpoint, region: region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1")
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["Name": name]), as: UTF8.self)
        do {
            print(try await client.call("Switchyard.FireRule", body))
        } catch let failure as SwitchyardClient.Failure {
            FileHandle.standardError.write(Data("\(failure)\n".utf8))
            throw ExitCode.failure
        }
    }
}
