import Crypto
import Foundation
import Switchyard

/// Who is calling. Open, the server takes every request, as it does on a laptop: a
/// 12-digit access key id selects that account (the convention LocalStack users
/// know), any other acts in the server's account. Verified, every request must be
/// signed, as AWS checks SigV4, with a key of the ring, and acts in that key's account.
public enum Authentication: Sendable {
    case open
    case verified(KeyRing)

    /// The caller of a request: its account and the access key it was signed with.
    struct Identity: Sendable {
        var account: String
        var accessKeyId: String?
    }

    /// How far a request's date may be from the server's: AWS's fifteen minutes.
    static let allowedSkew: TimeInterval = 15 * 60

    /// The signing names each service's scope must carry.
    static let signingNames: [String: Set<String>] = [
        ServiceModel.events.targetPrefix: ["events"], ServiceModel.sqs.targetPrefix: ["sqs"],
        ServiceModel.logs.targetPrefix: ["logs"], ServiceModel.cloudtrail.targetPrefix: ["cloudtrail"],
        // Switchyard's own operations share the events service's endpoint and scope.
        ServiceModel.switchyard.targetPrefix: ["events"],
    ]

    /// Open: the access key a request names, unchecked, and the account it selects.
    static func openIdentity(authorization header: String?, defaultAccount: String) -> Identity {
        let key = header.flatMap { try? AuthorizationHeader($0) }?.accessKeyId
        let account = key.flatMap { $0.count == 12 && $0.allSatisfy(\.isNumber) ? $0 : nil } ?? defaultAccount
        return Identity(account: account, accessKeyId: key)
    }

    /// Verified: the key that signed the request, checked as AWS checks it.
    static func verifiedIdentity(
        of request: SignedRequest, ring: KeyRing, targetPrefix: String, now: Date
    ) throws(AuthenticationError) -> Identity {
        guard let header = request.header("authorization") else { throw .missingToken() }
        let authorization = try AuthorizationHeader(header)
        guard let principal = ring.principal(authorization.accessKeyId),
              request.header("x-amz-security-token") == principal.sessionToken else {
            throw .unrecognizedClient()
        }
        guard let amzDate = request.header("x-amz-date") else {
            throw .incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard let date = Self.date(amzDate) else {
            throw .incompleteSignature("Date must be in ISO-8601 'basic format'. Got '\(amzDate)'.")
        }
        try Self.check(date, amzDate: amzDate, now: now)
        let day = String(amzDate.prefix(8))
        guard authorization.day == day else {
            throw .invalidSignature(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(authorization.day)' != '\(day)', from '\(amzDate)'.")
        }
        let expected = Self.signingNames[targetPrefix] ?? ["events"]
        guard expected.contains(authorization.service) else {
            throw .invalidSignature("Credential should be scoped to correct service: '\(expected.sorted()[0])'. ")
        }
        let credentials = AWSCredentials(accessKeyId: authorization.accessKeyId, secretAccessKey: principal.secretAccessKey)
        let signedHeaders = authorization.signedHeaders.map { ($0, request.header($0) ?? "") }
        let payloadHash = SigV4.hex(SHA256.hash(data: request.body))
        if let region = authorization.region {
            let signature = SigV4(credentials: credentials, region: region, service: authorization.service).signature(
                method: request.method, path: request.path, query: request.query, signedHeaders: signedHeaders,
                payloadHash: payloadHash, amzDate: amzDate)
            guard Self.equalInConstantTime(signature, authorization.signature) else { throw .signatureMismatch() }
        } else {
            // SigV4a signs its Regions in a header that must be among those signed.
            guard authorization.signedHeaders.contains("x-amz-region-set"),
                  SigV4a.isValid(
                    signature: authorization.signature, credentials: credentials, service: authorization.service,
                    method: request.method, path: request.path, query: request.query, signedHeaders: signedHeaders,
                    payloadHash: payloadHash, amzDate: amzDate) else { throw .signatureMismatch() }
        }
        return Identity(account: principal.account, accessKeyId: authorization.accessKeyId)
    }

    /// AWS's words for a date outside the allowed skew.
    static func check(_ date: Date, amzDate: String, now: Date) throws(AuthenticationError) {
        let stamp = { (date: Date) in SigV4.amzDate(date) }
        if date < now.addingTimeInterval(-allowedSkew) {
            throw .invalidSignature(
                "Signature expired: \(amzDate) is now earlier than \(stamp(now.addingTimeInterval(-allowedSkew))) (\(stamp(now)) - 15 min.)")
        }
        if date > now.addingTimeInterval(allowedSkew) {
            throw .invalidSignature(
                "Signature not yet current: \(amzDate) is still later than \(stamp(now.addingTimeInterval(allowedSkew))) (\(stamp(now)) + 15 min.)")
        }
    }

    static func date(_ amzDate: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: amzDate)
    }

    /// So that how long a comparison takes says nothing of how much of a signature was right.
    static func equalInConstantTime(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// A request as SigV4 signs it: header names lowercase, the host its authority.
struct SignedRequest {
    var method: String
    var path: String
    var query: [(String, String)]
    var headers: [String: String]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers[name] }
}

/// `AWS4-HMAC-SHA256 Credential=KEY/DAY/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`,
/// or SigV4a's `AWS4-ECDSA-P256-SHA256 Credential=KEY/DAY/SERVICE/aws4_request, …`, whose scope names no Region.
struct AuthorizationHeader {
    var accessKeyId: String
    var day: String
    /// Nil for SigV4a: its Regions are in `X-Amz-Region-Set`.
    var region: String?
    var service: String
    var signedHeaders: [String]
    var signature: String

    init(_ header: String) throws(AuthenticationError) {
        let algorithm = header.prefix { $0 != " " }
        guard algorithm == "AWS4-HMAC-SHA256" || algorithm == SigV4a.algorithm else {
            throw .incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)'")
        }
        let isSigV4a = algorithm == SigV4a.algorithm
        var parameters: [String: String] = [:]
        for part in header.dropFirst(algorithm.count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { parameters[String(pair[0])] = String(pair[1]) }
        }
        let missing = ["Credential", "Signature", "SignedHeaders"].filter { parameters[$0] == nil }
        guard missing.isEmpty, let credential = parameters["Credential"], let signedHeaders = parameters["SignedHeaders"],
              let signature = parameters["Signature"] else {
            throw .incompleteSignature(missing.map { "Authorization header requires '\($0)' parameter." }.joined(separator: " "))
        }
        var scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let elements = isSigV4a ? 4 : 5
        guard scope.count == elements, scope.last == "aws4_request" else {
            let form = isSigV4a ? "keyid/date/service/term" : "keyid/date/region/service/term"
            throw .incompleteSignature(
                "Credential must have exactly \(elements) slash-delimited elements, e.g. \(form), got '\(credential)'")
        }
        region = isSigV4a ? nil : scope.remove(at: 2)
        accessKeyId = scope[0]
        day = scope[1]
        service = scope[2]
        self.signedHeaders = signedHeaders.split(separator: ";").map(String.init)
        self.signature = signature
    }
}
