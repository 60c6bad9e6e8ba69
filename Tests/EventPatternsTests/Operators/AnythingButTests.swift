import EventPatterns
import Testing

@Suite struct AnythingButTests {
    @Test func matchesPresentValuesNotExcluded() throws {
        #expect(try matches(#"{"s": [{"anything-but": "init"}]}"#, #"{"s": "running"}"#))
        #expect(try !matches(#"{"s": [{"anything-but": "init"}]}"#, #"{"s": "init"}"#))
        #expect(try !matches(#"{"s": [{"anything-but": "init"}]}"#, #"{"x": "running"}"#))
        #expect(try matches(#"{"s": [{"anything-but": "init"}]}"#, #"{"s": null}"#))
        #expect(try !matches(#"{"n": [{"anything-but": [100, 200]}]}"#, #"{"n": 100.0}"#))
        #expect(try matches(#"{"n": [{"anything-but": [100, 200]}]}"#, #"{"n": 150}"#))
    }

    @Test func excludesByPrefixSuffixCaseAndWildcard() throws {
        #expect(try !matches(#"{"s": [{"anything-but": {"prefix": "init"}}]}"#, #"{"s": "initializing"}"#))
        #expect(try matches(#"{"s": [{"anything-but": {"prefix": "init"}}]}"#, #"{"s": 12}"#))
        #expect(try !matches(#"{"f": [{"anything-but": {"suffix": [".txt", ".jpg"]}}]}"#, #"{"f": "a.jpg"}"#))
        #expect(try !matches(#"{"s": [{"anything-but": {"equals-ignore-case": "Init"}}]}"#, #"{"s": "INIT"}"#))
        #expect(try !matches(#"{"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, #"{"p": "/usr/lib/x"}"#))
        #expect(try matches(#"{"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, #"{"p": "/usr/bin/x"}"#))
    }

    /// One field's anything-but conditions are indexed together by what they
    /// exclude; with more than 64 of every kind, each must still answer as it does alone.
    @Test func manyConditionsOnOneFieldAnswerAsEachAlone() throws {
        let exclusions = (0..<14).flatMap { index in [
            #""a\#(index)""#, #"[\#(index), \#(index).5]"#, #"{"prefix": "p\#(index)"}"#,
            #"{"suffix": "s\#(index % 5)"}"#, #"{"equals-ignore-case": ["E\#(index)", "same"]}"#,
            #"{"wildcard": "w*\#(index)"}"#,
        ] }
        let patterns = try exclusions.map { try EventPattern(#"{"f": [{"anything-but": \#($0)}]}"#) }
        let machine = PatternMachine()
        machine.set(patterns.enumerated().map { (name: String($0.offset), pattern: $0.element) })
        // Each value, with how many conditions exclude it.
        let values = [
            #""a3""#: 1, #""p12x""#: 2, #""xs4""#: 2, #""e7""#: 1, #""SAME""#: 14, #""w-13""#: 2,
            "3": 1, "3.50": 1, "4": 1, "null": 0, "true": 0, #""other""#: 0,
        ]
        for (value, excluding) in values {
            let event = Array(#"{"f": \#(value)}"#.utf8)
            let alone = try patterns.indices.filter { try patterns[$0].matches(event) }.map(String.init)
            #expect(try machine.matches(event) == alone, "value \(value)")
            #expect(alone.count == patterns.count - excluding, "value \(value)")
        }
    }

    @Test func malformedExclusionsAreRejectedWithAWSReasons() {
        #expect(rejection(#"{"s": [{"anything-but": null}]}"#) == "Value of anything-but must be an array or single string/number value.")
        #expect(rejection(#"{"s": [{"anything-but": ["a", 1]}]}"#)
            == "Inside anything but list, either all values are number or string, mixed type is not supported")
        #expect(rejection(#"{"s": [{"anything-but": {"prefix": ""}}]}"#) == "Null prefix/suffix not allowed")
        #expect(rejection(#"{"s": [{"anything-but": {"exactly": "a"}}]}"#) == "Unsupported anything-but pattern: exactly")
    }
}
