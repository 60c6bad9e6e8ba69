public import Foundation

/// Credentials from the standard sources the AWS SDKs read, in their order: the
/// environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
/// then the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
/// `~/.aws/credentials`) for the profile `AWS_PROFILE` (else `default`).
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// Nil when no source has a key pair.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> AWSCredentials? {
        if let id = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] {
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        }
        let path = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? NSString(string: "~/.aws/credentials").expandingTildeInPath
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let profile = AWSConfigFile.sections(text)[environment["AWS_PROFILE"] ?? "default"] ?? [:]
        guard let id = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] else { return nil }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
    }
}
