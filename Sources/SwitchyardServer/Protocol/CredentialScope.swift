import Switchyard

/// The Region a request was signed for, read from its SigV4 `Authorization` header:
/// `AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/events/aws4_request, …`.
/// Signatures are not checked yet; the scope still decides where resources live.
enum CredentialScope {
    /// `AKID/20250101/eu-west-1/events/aws4_request`, split.
    static func parts(fromAuthorization header: String?) -> [Substring]? {
        guard let header, let credential = header.range(of: "Credential=") else { return nil }
        let value = header[credential.upperBound...].prefix { $0 != "," && $0 != " " }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 5 ? parts : nil
    }

    static func region(fromAuthorization header: String?) -> String? {
        guard let parts = parts(fromAuthorization: header), !parts[2].isEmpty else { return nil }
        return String(parts[2])
    }

    /// The Region of a request: its scope's, which must be one AWS has (or the
    /// server's own default), else the server's default. Each Region gets a default
    /// bus on first use, so a scope that could name anything would let a client make
    /// resources without end.
    static func region(fromAuthorization header: String?, defaultRegion: String) throws(ServiceError) -> String {
        guard let region = region(fromAuthorization: header) else { return defaultRegion }
        guard region == defaultRegion || regions.contains(region) else {
            throw ServiceError(code: "InvalidSignatureException", message: "Credential should be scoped to a valid region. ")
        }
        return region
    }

    /// AWS's Regions in its commercial, China and GovCloud partitions.
    static let regions: Set<String> = [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
        "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
        "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1", "eu-central-1",
        "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1",
        "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-gov-east-1",
        "us-gov-west-1", "us-west-1", "us-west-2",
    ]
}
