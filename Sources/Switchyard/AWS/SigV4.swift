public import Foundation
import Crypto

/// AWS Signature Version 4, header form: what every AWS SDK puts on a request.
public struct SigV4: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// `headers` with `x-amz-date`, the session token when there is one, and
    /// `authorization` added. `path` is the request's, already escaped; `query`
    /// holds the query's pairs unescaped. `headers` must hold `host`; names are lowercase.
    public func sign(
        method: String, path: String, query: [(String, String)] = [], headers: [(String, String)], body: Data,
        at date: Date = Date()
    ) -> [(String, String)] {
        let amzDate = Self.amzDate(date)
        var signed = headers + [("x-amz-date", amzDate)]
        if let token = credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        let signedHeaders = signed.map(\.0).sorted().joined(separator: ";")
        let signature = signature(
            method: method, path: path, query: query, signedHeaders: signed, payloadHash: Self.hex(SHA256.hash(data: body)),
            amzDate: amzDate)
        signed.append((
            "authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope(amzDate)), SignedHeaders=\(signedHeaders), Signature=\(signature)"))
        return signed
    }

    /// The signature of a request whose `signedHeaders` (lowercase names, values as
    /// sent) it signs: what a server computes to check the one a client sent.
    public func signature(
        method: String, path: String, query: [(String, String)], signedHeaders: [(String, String)], payloadHash: String,
        amzDate: String
    ) -> String {
        let canonicalRequest = Self.canonicalRequest(
            method: method, path: path, query: query, signedHeaders: signedHeaders, payloadHash: payloadHash)
        let day = String(amzDate.prefix(8))
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope(amzDate), Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// The canonical request SigV4 and SigV4a both sign.
    static func canonicalRequest(
        method: String, path: String, query: [(String, String)], signedHeaders: [(String, String)], payloadHash: String
    ) -> String {
        let sorted = signedHeaders.sorted { $0.0 < $1.0 }
        return [
            // Every service but S3 escapes the escaped path once more.
            method, path.percentEncoded(keeping: "/"), canonicalQuery(query),
            sorted.map { "\($0.0):\(canonicalValue($0.1))\n" }.joined(),
            sorted.map(\.0).joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
    }

    func scope(_ amzDate: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// A header's value as SigV4 signs it: trimmed, runs of spaces made one.
    static func canonicalValue(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func canonicalQuery(_ pairs: [(String, String)]) -> String {
        pairs.map { ($0.0.percentEncoded(), $0.1.percentEncoded()) }.sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    public static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        MessageDigest.hex(bytes)
    }
}
