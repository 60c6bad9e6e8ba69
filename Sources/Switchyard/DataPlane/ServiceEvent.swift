import EventPatterns
import Foundation

/// A whole event as an AWS service sends it, read from its JSON: `source`,
/// `detail-type` and an object `detail` are required; `time`, `account`, `region`
/// and `resources` default to now, the caller's and none.
struct ServiceEvent {
    var source: String
    var detailType: String
    var detail: JSONValue
    var time: Date
    var account: String
    var region: String
    var resources: [String]

    /// AWS's limit on an event's size.
    static let maximumSize = 262_144

    init(_ text: String, caller: Caller) throws(DataPlane.EntryFailure) {
        // Not AWS's: its services never send a malformed event. The words follow PutEvents'.
        func invalid(_ message: String) -> DataPlane.EntryFailure { .init(code: "InvalidArgument", message: message) }
        guard text.utf8.count <= Self.maximumSize else { throw invalid("The event is over 256 KB.") }
        guard let event = try? JSONParser.parse(text), case .object = event else { throw invalid("The event is not a JSON object.") }
        guard let source = event["source"]?.stringValue, !source.isEmpty else { throw .invalidArgument("source") }
        guard let detailType = event["detail-type"]?.stringValue, !detailType.isEmpty else { throw .invalidArgument("detail-type") }
        guard let detail = event["detail"], case .object = detail else { throw invalid("Parameter detail is not a JSON object.") }
        self.source = source
        self.detailType = detailType
        self.detail = detail
        time = Date()
        if let given = event["time"] {
            guard let text = given.stringValue, let parsed = try? Date(text, strategy: .iso8601) else {
                throw invalid("Parameter time is not an ISO 8601 time.")
            }
            time = parsed
        }
        account = event["account"]?.stringValue ?? caller.account
        guard account.count == 12, account.allSatisfy(\.isASCIIDigit) else { throw invalid("Parameter account is not an account id.") }
        region = event["region"]?.stringValue ?? caller.region
        guard region.range(of: #"^[a-z]{2}(-[a-z]+)+-\d$"#, options: .regularExpression) != nil else {
            throw invalid("Parameter region is not a Region.")
        }
        guard let resources = (event["resources"] ?? .array([])).arrayValue?.compactMap(\.stringValue),
              resources.count == (event["resources"]?.arrayValue?.count ?? 0) else {
            throw invalid("Parameter resources is not a list of strings.")
        }
        self.resources = resources
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
