public import Foundation
public import Switchyard
import Synchronization

/// The access keys `switchyard serve --credentials FILE` accepts, read from FILE in
/// the AWS shared-credentials format: a profile per key pair, with
/// `aws_access_key_id`, `aws_secret_access_key`, optionally `aws_session_token`,
/// and `aws_account_id`, the account the pair acts in; `aws_organization_id`, when
/// a profile has it, is the organisation of that account, for `aws:PrincipalOrgID`.
/// `reload()` reads the file again (on SIGHUP); a file that cannot be read leaves
/// the keys as they were.
public final class KeyRing: Organizations {
    public struct Principal: Sendable, Equatable {
        public var secretAccessKey: String
        public var sessionToken: String?
        public var account: String
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public let file: URL
    private let principals = Mutex<[String: Principal]>([:])
    private let organizations = Mutex<[String: String]>([:])

    /// Fails when the file cannot be read or a profile is incomplete.
    public init(file: URL) throws {
        self.file = file
        try reload()
    }

    public func reload() throws {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw Problem(description: "Cannot read the credentials file \(file.path): \(error.localizedDescription)")
        }
        var read: [String: Principal] = [:]
        var organizationOf: [String: String] = [:]
        for (profile, keys) in AWSConfigFile.sections(text).sorted(by: { $0.key < $1.key }) {
            guard let id = keys["aws_access_key_id"], let secret = keys["aws_secret_access_key"] else {
                throw Problem(description: "Profile \(profile) of \(file.path) needs aws_access_key_id and aws_secret_access_key.")
            }
            guard let account = keys["aws_account_id"], account.count == 12, account.allSatisfy(\.isNumber) else {
                throw Problem(description: "Profile \(profile) of \(file.path) needs aws_account_id, a 12-digit account id.")
            }
            read[id] = Principal(secretAccessKey: secret, sessionToken: keys["aws_session_token"], account: account)
            if let organization = keys["aws_organization_id"] { organizationOf[account] = organization }
        }
        principals.withLock { $0 = read }
        organizations.withLock { $0 = organizationOf }
    }

    public func organization(ofAccount account: String) -> String? {
        organizations.withLock { $0[account] }
    }

    func principal(_ accessKeyId: String) -> Principal? {
        principals.withLock { $0[accessKeyId] }
    }
}
