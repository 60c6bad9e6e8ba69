public import Foundation

/// One entry of a PutEvents request, as the caller sent it.
public struct PutEventsEntry: Sendable {
    public var time: Date?
    public var source: String?
    public var resources: [String]?
    public var detailType: String?
    public var detail: String?
    public var eventBusName: String?
    public var traceHeader: String?

    public init(
        time: Date? = nil, source: String? = nil, resources: [String]? = nil, detailType: String? = nil,
        detail: String? = nil, eventBusName: String? = nil, traceHeader: String? = nil
    ) {
        self.time = time
        self.source = source
        self.resources = resources
        self.detailType = detailType
        self.detail = detail
        self.eventBusName = eventBusName
        self.traceHeader = traceHeader
    }

    /// The size AWS counts against the 256 KB request limit: a set Time counts 14
    /// bytes, and Source, DetailType, Detail and each resource their UTF-8 bytes.
    public var size: Int {
        (time == nil ? 0 : 14) + (source?.utf8.count ?? 0) + (detailType?.utf8.count ?? 0)
            + (detail?.utf8.count ?? 0) + (resources ?? []).reduce(0) { $0 + $1.utf8.count }
    }
}

/// What PutEvents answers for one entry: the new event's id, or why it was refused.
public enum PutEventsResult: Sendable, Equatable {
    case accepted(eventId: String)
    case failed(errorCode: String, errorMessage: String)
}
