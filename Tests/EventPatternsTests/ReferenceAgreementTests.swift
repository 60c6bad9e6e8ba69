@testable import EventPatterns
import TestSupport
import Testing

/// Random patterns and events, small enough to collide often: the compiled machine,
/// with every pattern in one automaton and in both validation modes, must match
/// exactly the patterns the explainer's plain value-by-value search finds held.
@Suite struct ReferenceAgreementTests {
    struct Generator {
        var random: SplitMix

        mutating func pick<T>(_ choices: [T]) -> T { choices.randomElement(using: &random)! }
        mutating func chance(_ probability: Double) -> Bool { random.chance(probability) }

        mutating func leaf() -> String {
            pick([#""x""#, #""y""#, #""xy""#, #""Xy""#, #""""#, #""10.0.0.7""#, "0", "1", "1.5", "-2", "10", "1e1", "true", "false", "null"])
        }

        mutating func eventValue(depth: Int) -> String {
            switch Int.random(in: 0..<(depth > 2 ? 1 : 4), using: &random) {
            case 0: return leaf()
            case 1:
                // Now and then an array long enough that matching indexes its fields by element.
                let count = chance(0.2) ? Int.random(in: 9...14, using: &random) : Int.random(in: 0...3, using: &random)
                return "[" + (0..<count).map { _ in eventValue(depth: depth + 1) }.joined(separator: ",") + "]"
            default: return eventObject(depth: depth + 1)
            }
        }

        mutating func eventObject(depth: Int) -> String {
            let keys = ["a", "b", "c"].filter { _ in chance(0.7) }
            return "{" + keys.map { #""\#($0)":\#(eventValue(depth: depth))"# }.joined(separator: ",") + "}"
        }

        mutating func condition() -> String {
            pick([
                #""x""#, #""y""#, "1", "10", "null", "true", #"{"prefix":"x"}"#, #"{"suffix":"y"}"#, #"{"anything-but":["x",1]}"#,
                #"{"anything-but":{"prefix":"x"}}"#, #"{"numeric":[">",0]}"#, #"{"numeric":[">=",1,"<",10]}"#, #"{"exists":true}"#,
                #"{"exists":false}"#, #"{"equals-ignore-case":"xy"}"#, #"{"wildcard":"x*"}"#, #"{"cidr":"10.0.0.0/24"}"#,
            ])
        }

        mutating func patternObject(depth: Int) -> String {
            var keys = ["a", "b", "c"].filter { _ in chance(0.5) }
            if keys.isEmpty { keys = [pick(["a", "b", "c"])] }
            var members = keys.map { key -> String in
                if depth < 3, chance(0.4) { return #""\#(key)":\#(patternObject(depth: depth + 1))"# }
                return #""\#(key)":[\#((0..<Int.random(in: 1...2, using: &random)).map { _ in condition() }.joined(separator: ","))]"#
            }
            if depth == 0, chance(0.15) { members.append(#""$or":[\#(patternObject(depth: 1)),\#(patternObject(depth: 1))]"#) }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    @Test(arguments: 0..<8)
    func compiledMachineAgreesWithTheReference(_ seed: UInt64) throws {
        var generator = Generator(random: SplitMix(seed: 0x5EED_0000 + seed))
        var patterns: [(name: String, pattern: EventPattern)] = []
        while patterns.count < 40 {
            if let pattern = try? EventPattern(generator.patternObject(depth: 0)) {
                patterns.append((String(patterns.count), pattern))
            }
        }
        let machine = PatternMachine()
        machine.set(patterns)
        for _ in 0..<250 {
            let text = generator.eventObject(depth: 0)
            let event = try JSONParser.parse(text)
            let leaves = EventLeaves(event: event)
            let expected = patterns.filter { entry in
                let explainer = PatternExplainer(alternatives: entry.pattern.alternatives, event: leaves)
                return entry.pattern.alternatives.contains(where: explainer.holds)
            }.map(\.name)
            #expect(try machine.matches(Array(text.utf8), validation: .full) == expected, "\(text)")
            if event.hasPlainKeys {
                #expect(try machine.matches(Array(text.utf8), validation: .alreadyChecked) == expected, "\(text)")
            }
        }
    }
}
