public import Foundation
public import Crypto

/// AWS Signature Version 4a, header form: what the SDKs sign a request with when
/// it may be served in any of several Regions (PutEvents through a global
/// endpoint). An ECDSA P-256 signature over SigV4's canonical request, with a key
/// pair derived from the secret access key, so that a server holding the secret
/// can check it.
public enum SigV4a {
    public static let algorithm = "AWS4-ECDSA-P256-SHA256"

    /// The key pair the SDKs derive from a secret: NIST SP 800-108's KDF in counter
    /// mode with HMAC-SHA256, keyed with "AWS4A" and the secret, over the access key
    /// id and a counter that grows until the candidate is below the curve's order.
    public static func privateKey(for credentials: AWSCredentials) -> P256.Signing.PrivateKey {
        let key = SymmetricKey(data: Data("AWS4A\(credentials.secretAccessKey)".utf8))
        for counter in UInt8(1)...254 {
            var fixedInput: [UInt8] = [0, 0, 0, 1] + Array(algorithm.utf8) + [0]
            fixedInput += Array(credentials.accessKeyId.utf8) + [counter]
            fixedInput += [0, 0, 1, 0]
            let candidate = Array(HMAC<SHA256>.authenticationCode(for: fixedInput, using: key))
            if !isGreater(candidate, than: orderMinusTwo),
               let privateKey = try? P256.Signing.PrivateKey(rawRepresentation: incremented(candidate)) {
                return privateKey
            }
        }
        // 254 candidates all above the order: a chance of about 2^-8128.
        preconditionFailure("No SigV4a key for \(credentials.accessKeyId)")
    }

    /// `day/service/aws4_request`: SigV4a's scope names no Region.
    public static func scope(day: String, service: String) -> String {
        "\(day)/\(service)/aws4_request"
    }

    /// Whether `signature` (hex DER) signs the request with `credentials`' key pair.
    public static func isValid(
        signature: String, credentials: AWSCredentials, service: String, method: String, path: String,
        query: [(String, String)], signedHeaders: [(String, String)], payloadHash: String, amzDate: String
    ) -> Bool {
        guard let der = bytes(hex: signature),
              let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: der) else { return false }
        let canonicalRequest = SigV4.canonicalRequest(
            method: method, path: path, query: query, signedHeaders: signedHeaders, payloadHash: payloadHash)
        let stringToSign = [
            algorithm, amzDate, scope(day: String(amzDate.prefix(8)), service: service),
            SigV4.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        return privateKey(for: credentials).publicKey.isValidSignature(ecdsa, for: Data(stringToSign.utf8))
    }

    /// The order of P-256, less two: the largest candidate the KDF may keep.
    static let orderMinusTwo: [UInt8] = bytes(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f")!

    static func isGreater(_ left: [UInt8], than right: [UInt8]) -> Bool {
        for (a, b) in zip(left, right) where a != b { return a > b }
        return false
    }

    static func incremented(_ number: [UInt8]) -> [UInt8] {
        var result = number
        for index in result.indices.reversed() {
            result[index] &+= 1
            if result[index] != 0 { break }
        }
        return result
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
