public import Foundation
import EventPatterns

/// A pattern, or a bus's rules, run over what an archive keeps, delivering
/// nothing (a Switchyard extension): how many events of a window each would have
/// matched, a sample of them, and for chosen events why each pattern matched or
/// did not. Archived events are scanned with a compiled machine, as PutEvents
/// matches them.
public enum Backtest {
    /// The name a request's own `EventPattern` goes by in the outcome.
    public static let eventPatternName = "EventPattern"
    public static let maximumSampleSize = 100
    public static let maximumExplainedEvents = 10
    /// Archived events read per page.
    static let pageSize = 10_000

    public struct Request: Sendable {
        public var archiveName: String
        public var eventPattern: String?
        /// Rules of the archive's bus, by name.
        public var ruleNames: [String]
        public var window: ClosedRange<Date>
        public var sampleSize: Int
        /// Archived events (by their envelope's `id`) to explain.
        public var explainEventIds: [String]

        public init(
            archiveName: String, eventPattern: String? = nil, ruleNames: [String] = [],
            window: ClosedRange<Date> = .distantPast ... .distantFuture, sampleSize: Int = 5, explainEventIds: [String] = []
        ) {
            self.archiveName = archiveName
            self.eventPattern = eventPattern
            self.ruleNames = ruleNames
            self.window = window
            self.sampleSize = sampleSize
            self.explainEventIds = explainEventIds
        }
    }

    public struct Outcome: Sendable, Equatable {
        public struct Matches: Sendable, Equatable {
            public var name: String
            public var matchedCount: Int
            /// The first events matched, as archived.
            public var samples: [String]
        }

        public struct Explanation: Sendable, Equatable {
            public var eventId: String
            public var name: String
            public var matched: Bool
            public var reasons: [String]

            public init(eventId: String, name: String, matched: Bool, reasons: [String]) {
                self.eventId = eventId
                self.name = name
                self.matched = matched
                self.reasons = reasons
            }
        }

        public var eventsScanned: Int
        /// One per pattern, in the request's order: its own pattern first, then the rules.
        public var matches: [Matches]
        public var explanations: [Explanation]
    }

    /// Scans the archived events of `window` in pages; `patterns` are named in the
    /// order the outcome lists them.
    static func run(
        _ patterns: [(name: String, pattern: EventPattern)], over archiveArn: String, _ request: Request, in store: any ArchiveReader
    ) async throws -> Outcome {
        let machine = PatternMachine()
        machine.set(patterns)
        let matcher = machine.makeMatcher()
        var counts = [Int](repeating: 0, count: patterns.count)
        var samples = [[String]](repeating: [], count: patterns.count)
        var explained: [String: String] = [:]
        let wanted = Set(request.explainEventIds)
        var scanned = 0
        var cursor: Int64 = 0
        while true {
            let page = try await store.archivedEvents(inArchive: archiveArn, receivedIn: request.window, after: cursor, limit: pageSize)
            for event in page {
                var text = event.text
                for index in try text.withUTF8({ try matcher.matchingIndices($0, validation: .alreadyChecked) }) {
                    counts[Int(index)] += 1
                    if samples[Int(index)].count < request.sampleSize { samples[Int(index)].append(event.text) }
                }
                if !wanted.isEmpty, wanted.contains(event.eventId) { explained[event.eventId] = event.text }
            }
            scanned += page.count
            guard page.count == pageSize, let last = page.last else { break }
            cursor = last.sequence
        }
        var explanations: [Outcome.Explanation] = []
        for eventId in request.explainEventIds {
            guard let text = explained[eventId] else { continue }
            for (name, pattern) in patterns {
                let explanation = try pattern.explain(text.utf8)
                explanations.append(.init(eventId: eventId, name: name, matched: explanation.matched, reasons: explanation.reasons))
            }
        }
        return Outcome(
            eventsScanned: scanned,
            matches: patterns.indices.map { Outcome.Matches(name: patterns[$0].name, matchedCount: counts[$0], samples: samples[$0]) },
            explanations: explanations)
    }
}
