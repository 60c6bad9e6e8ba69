import EventPatterns
import Foundation

/// Throughput and memory as the number of rules grows: distinct exact values,
/// prefixes and numeric ranges over citylots fields, one third each.
enum ScaleBenchmark {
    static func run(eventLimit: Int) throws {
        let events = try EventFile(dataFolder.appendingPathComponent("citylots2_synth.json.gz"), limit: eventLimit)
        // As the router matches: events checked on arrival.
        let validation: EventValidation = events.allHavePlainKeys ? .alreadyChecked : .full
        var baseline: Double?
        for count in [10, 1_000, 10_000, 100_000] {
            let patterns = try (0..<count).map { index in
                (name: "rule-\(index)", pattern: try EventPattern(rule(index)))
            }
            let before = residentBytes()
            let machine = PatternMachine()
            let addSeconds = seconds { machine.set(patterns) }
            let matcher = machine.makeMatcher()
            var matches = 0
            let elapsed = try seconds {
                try events.bytes.withUnsafeBufferPointer { buffer in
                    for line in events.lines {
                        matches += try matcher.matchingIndices(UnsafeBufferPointer(rebasing: buffer[line]), validation: validation).count
                    }
                }
            }
            let rate = Double(events.lines.count) / elapsed
            baseline = baseline ?? rate
            let perRule = Double(residentBytes() - before) / Double(count)
            printJSON(["rules": count, "eventsPerSecond": Int(rate), "relativeToTenRules": (rate / baseline! * 100).rounded() / 100,
                       "addAllSeconds": (addSeconds * 1000).rounded() / 1000, "residentBytesPerRule": Int(perRule),
                       "matches": matches])
            withExtendedLifetime(machine) {}
        }
    }

    static func rule(_ index: Int) -> String {
        switch index % 3 {
        case 0:
            return #"{"properties": {"MAPBLKLOT": ["\#(String(format: "%07d", index / 3))"]}}"#
        case 1:
            return #"{"properties": {"STREET": [{"prefix": "S\#(index / 3)"}]}}"#
        default:
            let low = -122.52 + Double(index / 3) * 0.000_001
            return #"{"geometry": {"firstCoordinates": {"x": [{"numeric": [">=", \#(low), "<", \#(low + 0.000_001)]}]}}}"#
        }
    }
}
