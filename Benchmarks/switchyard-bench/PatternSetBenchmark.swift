import EventPatterns
import Foundation

/// Each rule set of `citylots_rules.json` over its events: events per second
/// (median of several single-threaded runs, matching only) and match counts per
/// rule, which must equal the recorded `expectedMatches`.
enum PatternSetBenchmark {
    static func run(set onlySet: String?, runs: Int) throws {
        let rulesData = try Data(contentsOf: dataFolder.appendingPathComponent("citylots_rules.json"))
        let sets = try JSONSerialization.jsonObject(with: rulesData) as! [String: [String: Any]]
        let order = ["EXACT", "WILDCARD", "PREFIX", "PREFIX_EQUALS_IGNORE_CASE", "SUFFIX", "SUFFIX_EQUALS_IGNORE_CASE",
                     "EQUALS_IGNORE_CASE", "NUMERIC", "ANYTHING-BUT", "ANYTHING-BUT-IGNORE-CASE", "ANYTHING-BUT-PREFIX",
                     "ANYTHING-BUT-SUFFIX", "ANYTHING-BUT-WILDCARD", "COMPLEX_ARRAYS", "PARTIAL_COMBO", "COMBO",
                     "ANYTHING-BUT-PERF", "REALISTIC_CITYLOTS", "QUAMINA_CITYLOTS"]
        let names = (order + sets.keys.sorted().filter { !order.contains($0) }).filter { sets[$0] != nil }
        var files: [String: EventFile] = [:]
        var allAgree = true
        for name in names where onlySet == nil || onlySet == name {
            let set = sets[name]!
            guard set["supportedByEventBridge"] as? Bool == true else { continue }
            let fileName = set["events"] as! String
            if files[fileName] == nil { files[fileName] = try EventFile(dataFolder.appendingPathComponent(fileName)) }
            let events = files[fileName]!
            let rules = set["rules"] as! [String]
            let expected = set["expectedMatches"] as! [Int]
            let machine = PatternMachine()
            machine.set(try rules.enumerated().map { (name: String($0.offset), pattern: try EventPattern($0.element)) })
            let matcher = machine.makeMatcher()
            // ANYTHING-BUT-PERF counts events with at least one match.
            let countsEvents = name == "ANYTHING-BUT-PERF"
            var counts = Array(repeating: 0, count: rules.count)
            func rate(_ validation: EventValidation, counting: Bool) throws -> Double {
                var rates: [Double] = []
                for run in 0..<runs {
                    let elapsed = try seconds {
                        try events.bytes.withUnsafeBufferPointer { buffer in
                            for line in events.lines {
                                let found = try matcher.matchingIndices(UnsafeBufferPointer(rebasing: buffer[line]), validation: validation)
                                if counting, run == 0 {
                                    if countsEvents { if !found.isEmpty { counts[0] += 1 } } else { for index in found { counts[Int(index)] += 1 } }
                                }
                            }
                        }
                    }
                    rates.append(Double(events.lines.count) / elapsed)
                }
                return rates.sorted()[rates.count / 2]
            }
            // The router matches events it checked on arrival; a match on its own
            // (TestEventPattern, `switchyard test-pattern`) validates the whole event.
            let routed = try rate(events.allHavePlainKeys ? .alreadyChecked : .full, counting: true)
            let countsAgree = counts == expected
            counts = Array(repeating: 0, count: rules.count)
            let validating = try rate(.full, counting: true)
            let agrees = countsAgree && counts == expected
            allAgree = allAgree && agrees
            printJSON(["set": name, "eventsPerSecond": Int(routed), "validatingEventsPerSecond": Int(validating),
                       "matches": counts, "agreesWithExpected": agrees])
        }
        if !allAgree { exit(1) }
    }
}
