import EventPatterns
import Testing

enum PatternMachineFixture {
    /// A machine holding `count` patterns named by their index.
    static func machine(count: Int, _ pattern: (Int) -> String) -> PatternMachine {
        let machine = PatternMachine()
        machine.set((0..<count).map { (name: String($0), pattern: try! EventPattern(pattern($0))) })
        return machine
    }
}

@Suite struct PatternMachineTests {
    @Test func reportsEveryMatchingPatternByName() throws {
        let machine = PatternMachine()
        machine.set("ec2", to: try EventPattern(#"{"source": ["aws.ec2"]}"#))
        machine.set("any-source", to: try EventPattern(#"{"source": [{"exists": true}]}"#))
        machine.set("s3", to: try EventPattern(#"{"source": ["aws.s3"]}"#))
        #expect(try machine.matches(Array(#"{"source": "aws.ec2"}"#.utf8)) == ["ec2", "any-source"])
    }

    @Test func replacingAndRemovingPatternsTakesEffect() throws {
        let machine = PatternMachine()
        let event = Array(#"{"source": "b"}"#.utf8)
        machine.set("rule", to: try EventPattern(#"{"source": ["a"]}"#))
        #expect(try machine.matches(event) == [])
        machine.set("rule", to: try EventPattern(#"{"source": ["b"]}"#))
        #expect(try machine.matches(event) == ["rule"])
        machine.remove("rule")
        #expect(try machine.matches(event) == [])
        #expect(machine.names.isEmpty)
    }

    @Test func aKeptMatcherSeesEveryChange() throws {
        let machine = PatternMachine()
        let matcher = machine.makeMatcher()
        let event = Array(#"{"source": "b"}"#.utf8)
        #expect(try matcher.matches(event) == [])
        machine.set("rule", to: try EventPattern(#"{"source": ["b"]}"#))
        #expect(try matcher.matches(event) == ["rule"])
        machine.set("other", to: try EventPattern(#"{"source": [{"prefix": ""}]}"#))
        #expect(try matcher.matches(event) == ["rule", "other"])
        machine.remove("rule")
        #expect(try matcher.matches(event) == ["other"])
    }

    @Test func matchingFromManyTasksAtOnceSharesMatchersSafely() async throws {
        let machine = PatternMachine()
        machine.set("low", to: try EventPattern(#"{"n": [{"numeric": ["<", 50]}]}"#))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for round in 0..<500 {
                        let n = (task * 500 + round) % 100
                        let found = try machine.matches(Array(#"{"n": \#(n)}"#.utf8))
                        #expect(found == (n < 50 ? ["low"] : []))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func alternativesWithSharedFieldsDoNotLeakIntoEachOther() throws {
        let machine = PatternMachine()
        machine.set("one", to: try EventPattern(#"{"a": [1], "b": [2]}"#))
        machine.set("two", to: try EventPattern(#"{"a": [1, 3], "c": [4]}"#))
        #expect(try machine.matches(Array(#"{"a": 3, "b": 2}"#.utf8)) == [])
        #expect(try machine.matches(Array(#"{"a": 1, "b": 2, "c": 4}"#.utf8)) == ["one", "two"])
    }

    @Test func orExpandsIntoAlternatives() throws {
        let pattern = #"{"source": ["x"], "$or": [{"a": [1]}, {"b": [{"prefix": "y"}]}]}"#
        #expect(try matches(pattern, #"{"source": "x", "b": "yes"}"#))
        #expect(try !matches(pattern, #"{"source": "z", "a": 1}"#))
        #expect(rejection(#"{"$or": [{"a": [1]}]}"#) == "There must have at least 2 Objects in $or relationship.")
    }

    @Test func fieldsOfOneArrayElementMatchTogetherWhateverFollows() throws {
        let machine = PatternMachine()
        machine.set("same-element", to: try EventPattern(#"{"items": {"kind": ["a"], "size": [1]}, "zone": ["z"]}"#))
        machine.set("any-element", to: try EventPattern(#"{"items": {"size": [1, 2]}, "zone": ["z"]}"#))
        let apart = Array(#"{"items": [{"kind": "a", "size": 2}, {"kind": "b", "size": 1}], "zone": "z"}"#.utf8)
        let together = Array(#"{"items": [{"kind": "b", "size": 2}, {"kind": "a", "size": 1}], "zone": "z"}"#.utf8)
        for validation in [EventValidation.full, .alreadyChecked] {
            #expect(try machine.matches(apart, validation: validation) == ["any-element"])
            #expect(try machine.matches(together, validation: validation) == ["same-element", "any-element"])
        }
    }

    /// An array deeper than where two fields of a pattern part ways is not shared
    /// by them: its elements need not agree, while those of the arrays above must.
    @Test func onlyArraysTwoFieldsShareMustGiveThemTheSameElement() throws {
        let machine = PatternMachine()
        machine.set("same b", to: try EventPattern(#"{"a": {"b": {"x": [1], "y": [2]}}}"#))
        machine.set("same a", to: try EventPattern(#"{"a": {"b": {"x": [1]}, "c": [3]}}"#))
        machine.set("apart", to: try EventPattern(#"{"a": {"b": {"y": [2]}}, "d": [4]}"#))
        let events = [
            #"{"a": [{"b": [{"x": 1}, {"y": 2}], "c": 3}], "d": 4}"#: ["same a", "apart"],
            #"{"a": [{"b": [{"x": 1, "y": 2}]}, {"c": 3}], "d": 4}"#: ["same b", "apart"],
            #"{"a": {"b": [[{"x": 5}], [{"x": 1}]], "c": 3}, "d": [0, 4]}"#: ["same a"],
        ]
        for (event, expected) in events {
            for validation in [EventValidation.full, .alreadyChecked] {
                #expect(try machine.matches(Array(event.utf8), validation: validation) == expected, "\(event)")
            }
        }
    }

    @Test func matchingContinuesWhilePatternsChange() async throws {
        let machine = PatternMachineFixture.machine(count: 100) { #"{"id": [\#($0)]}"# }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for reader in 0..<4 {
                group.addTask {
                    let matcher = machine.makeMatcher()
                    for round in 0..<300 {
                        let id = (reader * 7 + round) % 100
                        let found = try matcher.matches(Array(#"{"id": \#(id)}"#.utf8))
                        // Pattern `id` is never removed; the extra ones come and go.
                        #expect(found.contains(String(id)))
                    }
                }
            }
            group.addTask {
                for round in 0..<50 {
                    machine.set("extra-\(round)", to: try EventPattern(#"{"id": [{"exists": true}]}"#))
                    machine.remove("extra-\(round - 1)")
                }
            }
            try await group.waitForAll()
        }
    }
}
