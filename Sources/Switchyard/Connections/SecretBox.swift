public import Foundation
import Crypto

/// Seals connection secrets before they reach a store: AES-GCM under a 256-bit
/// key that lives outside the store, so a copy of the database alone holds no
/// secret in clear text.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    public init(key: Data) throws {
        guard key.count == 32 else { throw Problem(description: "A secrets key is 32 bytes; this one is \(key.count).") }
        self.key = SymmetricKey(data: key)
    }

    /// A key that lives as long as this process: for tests and throwaway servers.
    public static func ephemeral() -> SecretBox {
        try! SecretBox(key: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// The key in `file`, created there with owner-only permissions when missing,
    /// as `switchyard serve` keeps it under its data directory.
    public static func key(in file: URL) throws -> SecretBox {
        if !FileManager.default.fileExists(atPath: file.path) {
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            guard FileManager.default.createFile(atPath: file.path, contents: key, attributes: [.posixPermissions: 0o600]) else {
                throw Problem(description: "Cannot create the secrets key \(file.path).")
            }
        }
        guard let key = FileManager.default.contents(atPath: file.path) else {
            throw Problem(description: "Cannot read the secrets key \(file.path).")
        }
        return try SecretBox(key: key)
    }

    public func seal(_ text: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else {
            throw Problem(description: "AES-GCM gave no combined box.")
        }
        return combined
    }

    public func open(_ sealed: Data) throws -> String {
        String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key), as: UTF8.self)
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }
}
