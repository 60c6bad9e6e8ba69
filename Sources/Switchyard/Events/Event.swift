public import Foundation

/// An event a bus accepted, kept as the JSON text every target of a plain rule
/// receives, until all its deliveries are done.
public struct Event: Sendable, Equatable {
    public var id: String
    public var eventBusArn: String
    public var text: String
    public var ingestionTime: Date
    /// Whether another bus's rule sent it here. Such an event goes no further to a
    /// third bus: EventBridge's guard against forwarding loops.
    public var forwarded: Bool
    /// The X-Ray trace header PutEvents carried; queues get it as `AWSTraceHeader`.
    public var traceHeader: String?
    /// The rules whose deliveries caused it.
    public var lineage: Lineage

    public init(
        id: String, eventBusArn: String, text: String, ingestionTime: Date, forwarded: Bool = false, traceHeader: String? = nil,
        lineage: Lineage = .none
    ) {
        self.id = id
        self.eventBusArn = eventBusArn
        self.text = text
        self.ingestionTime = ingestionTime
        self.forwarded = forwarded
        self.traceHeader = traceHeader
        self.lineage = lineage
    }
}
