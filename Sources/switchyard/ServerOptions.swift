import ArgumentParser
import Foundation

/// Where the commands that call a running server find it.
struct ServerOptions: ParsableArguments {
    @Option(name: [.customLong("endpoint-url"), .customLong("endpoint")], help: "The server's address.")
    var endpointURL = "http://127.0.0.1:4010"

    @Option(help: "The Region to act in (defaults to AWS_REGION, AWS_DEFAULT_REGION, then us-east-1).")
    var region: String?

    func validate() throws {
        guard URL(string: endpointURL)?.host != nil else {
            throw ValidationError("--endpoint-url must be a URL such as http://127.0.0.1:4010.")
        }
    }

    /// A client acting in `region`, else in the options' Region.
    func client(in region: String? = nil) -> SwitchyardClient {
        let environment = ProcessInfo.processInfo.environment
        return SwitchyardClient(
            endpoint: URL(string: endpointURL)!,
            region: region ?? self.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1")
    }

    /// Calls an operation (`Switchyard.*` unless `prefix` says otherwise) with
    /// `input`; an error answer is printed as the AWS CLI prints one, and ends the
    /// command with exit status 1.
    func call(_ operation: String, _ input: [String: Any], region: String? = nil, prefix: String = "Switchyard") async throws -> String {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self)
        do {
            return try await client(in: region).call("\(prefix).\(operation)", body)
        } catch let failure as SwitchyardClient.Failure {
            FileHandle.standardError.write(Data("\(failure)\n".utf8))
            throw ExitCode.failure
        }
    }
}
