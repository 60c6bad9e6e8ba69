import EventPatterns
import EventTransforms
import Foundation
import Schedules

/// What libFuzzer drives: one entry per area that reads text from outside. Each
/// takes any bytes; a crash, a sanitizer report or a failed check here is a bug.
enum Harness: String, CaseIterable {
    case patterns, events, jsonpath, transformer, schedules

    func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .patterns: Self.pattern(String(decoding: bytes, as: UTF8.self))
        case .events: Self.event(Array(bytes))
        case .jsonpath: Self.jsonPath(String(decoding: bytes, as: UTF8.self))
        case .transformer: Self.transformer(Array(bytes))
        case .schedules: _ = try? ScheduleExpression(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Patterns that between them use every operator, with arrays two fields share.
    static let machine: PatternMachine = {
        let machine = PatternMachine()
        let patterns = [
            #"{"source":["shop"],"detail":{"n":[{"numeric":[">",1,"<=",1e9]}]}}"#,
            #"{"detail":{"items":{"a":["x"],"b":[{"prefix":"y"}]}}}"#,
            #"{"detail":{"ip":[{"cidr":"10.0.0.0/8"}],"s":[{"suffix":".png"},{"equals-ignore-case":"ABC"}]}}"#,
            #"{"detail":{"w":[{"wildcard":"a*b*c"}],"x":[{"anything-but":{"prefix":"z"}}],"e":[{"exists":false}]}}"#,
            #"{"$or":[{"a":[1,2.5,null,true]},{"b":{"c":[{"anything-but":["q","r"]}]}}]}"#,
        ]
        machine.set(patterns.enumerated().map { (String($0.offset), try! EventPattern($0.element)) })
        return machine
    }()

    /// Events that patterns are matched against.
    static let sampleEvents = [
        #"{"source":"shop","detail":{"n":5,"items":[{"a":"x","b":"yes"},{"a":"z"}],"ip":"10.1.2.3","s":"x.png"}}"#,
        #"{"a":[1,2],"b":{"c":"r"},"detail":{"w":"aXbYc","x":"y","e":null}}"#,
    ]

    static func pattern(_ text: String) {
        guard let pattern = try? EventPattern(text) else { return }
        let machine = PatternMachine()
        machine.set("fuzzed", to: pattern)
        for event in sampleEvents { _ = try? machine.matches(Array(event.utf8)) }
    }

    /// The router reads an event only as far as its patterns need when its keys are
    /// plain; it must then answer as reading it whole does.
    static func event(_ bytes: [UInt8]) {
        guard let whole = try? machine.matches(bytes, validation: .full) else { return }
        guard let parsed = try? JSONParser.parse(bytes: bytes), parsed.hasPlainKeys else { return }
        let partial = try? machine.matches(bytes, validation: .alreadyChecked)
        if partial != whole { fatalError("a checked event matched \(partial ?? []) read in part, \(whole) read whole") }
    }

    static let document = try! JSONParser.parse(sampleEvents[0])

    static func jsonPath(_ text: String) {
        _ = (try? JSONPath(text))?.evaluate(in: document)
    }

    /// `{"InputPathsMap": {…}, "InputTemplate": "…"}`, rendered for a fixed event.
    static func transformer(_ bytes: [UInt8]) {
        guard let definition = try? JSONParser.parse(bytes: bytes),
              let input = try? TargetInput(input: nil, inputPath: nil, inputTransformer: definition) else { return }
        let event = MatchedEvent(
            text: sampleEvents[0], ruleArn: "arn:aws:events:us-east-1:000000000000:rule/r", ruleName: "r",
            ingestionTime: "2026-01-01T00:00:00Z")
        _ = try? input.render(event)
    }
}
