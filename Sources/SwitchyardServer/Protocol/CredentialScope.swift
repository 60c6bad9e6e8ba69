/// The Region a request was signed for, read from its SigV4 `Authorization` header:
/// `AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/events/aws4_request, …`.
/// Signatures are not checked yet; the scope still decides where resources live.
enum CredentialScope {
    static func region(fromAuthorization header: String?) -> String? {
        guard let header, let credential = header.range(of: "Credential=") else { return nil }
        let value = header[credential.upperBound...].prefix { $0 != "," && $0 != " " }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, !parts[2].isEmpty else { return nil }
        return String(parts[2])
    }
}
