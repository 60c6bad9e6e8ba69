public import EventPatterns

/// How EventBridge turns a CloudTrail record into an event: its `source` from the
/// record's `eventSource`, its `detail-type` from the record's `eventType`.
public enum CloudTrailEvents {
    /// `aws.` and the service's name: `s3.amazonaws.com` is `aws.s3`.
    public static func source(forEventSource eventSource: String) -> String {
        "aws." + (eventSource.split(separator: ".").first.map(String.init) ?? eventSource)
    }

    /// Nil for the kinds of record EventBridge does not deliver (Insights, network activity).
    public static func detailType(forEventType eventType: String) -> String? {
        switch eventType {
        case "AwsApiCall": apiCall
        case "AwsServiceEvent": "AWS Service Event via CloudTrail"
        case "AwsConsoleSignIn": "AWS Console Sign In via CloudTrail"
        case "AwsConsoleAction": "AWS Console Action via CloudTrail"
        default: nil
        }
    }

    public static let apiCall = "AWS API Call via CloudTrail"

    /// Whether an event is a read-only API call that CloudTrail reports: plain
    /// `ENABLED` rules do not receive those.
    public static func isReadOnlyAPICall(detailType: String?, detail: JSONValue?) -> Bool {
        detailType == apiCall && detail?["readOnly"]?.boolValue == true
    }
}
