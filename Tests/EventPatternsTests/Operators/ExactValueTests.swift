import Testing

@Suite struct ExactValueTests {
    @Test func stringsMatchExactlyAndCaseSensitively() throws {
        #expect(try matches(#"{"source": ["aws.ec2"]}"#, #"{"source": "aws.ec2"}"#))
        #expect(try !matches(#"{"source": ["aws.ec2"]}"#, #"{"source": "AWS.EC2"}"#))
        #expect(try !matches(#"{"source": ["aws.ec2"]}"#, #"{"source": "aws.ec2x"}"#))
    }

    @Test func numbersCompareByValue() throws {
        #expect(try matches(#"{"n": [300]}"#, #"{"n": 300.0}"#))
        #expect(try matches(#"{"n": [300]}"#, #"{"n": 3e2}"#))
        #expect(try !matches(#"{"n": [300]}"#, #"{"n": "300"}"#))
        #expect(try !matches(#"{"n": ["300"]}"#, #"{"n": 300}"#))
    }

    @Test func literalsMatchOnlyThemselves() throws {
        #expect(try matches(#"{"a": [true]}"#, #"{"a": true}"#))
        #expect(try !matches(#"{"a": [true]}"#, #"{"a": "true"}"#))
        #expect(try matches(#"{"a": [null]}"#, #"{"a": null}"#))
        #expect(try !matches(#"{"a": [null]}"#, #"{"b": 1}"#))
        #expect(try matches(#"{"a": [""]}"#, #"{"a": ""}"#))
    }

    @Test func severalValuesAreAlternatives() throws {
        #expect(try matches(#"{"a": ["x", "y"]}"#, #"{"a": "y"}"#))
        #expect(try !matches(#"{"a": ["x", "y"]}"#, #"{"a": "z"}"#))
    }

    @Test func everyFieldMustMatch() throws {
        #expect(try matches(#"{"a": ["x"], "b": {"c": [1]}}"#, #"{"a": "x", "b": {"c": 1}}"#))
        #expect(try !matches(#"{"a": ["x"], "b": {"c": [1]}}"#, #"{"a": "x", "b": {"c": 2}}"#))
    }

    @Test func dottedKeysAndNestingAreInterchangeable() throws {
        #expect(try matches(#"{"a.b": ["x"]}"#, #"{"a": {"b": "x"}}"#))
        #expect(try matches(#"{"a": {"b": ["x"]}}"#, #"{"a.b": "x"}"#))
        #expect(try matches(#"{"a": {"b.c": ["x"]}}"#, #"{"a.b": {"c": "x"}}"#))
    }

    @Test func escapedStringsCompareDecoded() throws {
        #expect(try matches(#"{"a": ["q\"uo\\te"]}"#, #"{"a": "q\"uo\\te"}"#))
        #expect(try matches(#"{"a": ["é"]}"#, #"{"a": "\u00e9"}"#))
        #expect(try matches(#"{"k\u0065y": ["v"]}"#, #"{"key": "v"}"#))
        #expect(try matches(#"{"key": ["v"]}"#, #"{"k\u0065y": "v"}"#))
    }

    @Test func anyArrayElementCanMatch() throws {
        #expect(try matches(#"{"r": ["b"]}"#, #"{"r": ["a", "b"]}"#))
        #expect(try !matches(#"{"r": ["c"]}"#, #"{"r": ["a", "b"]}"#))
        #expect(try !matches(#"{"r": ["c"]}"#, #"{"r": []}"#))
    }

    @Test func fieldsInsideAnArrayOfObjectsComeFromOneElement() throws {
        let pattern = #"{"items": {"name": ["a"], "size": [2]}}"#
        #expect(try matches(pattern, #"{"items": [{"name": "a", "size": 2}, {"name": "b", "size": 3}]}"#))
        #expect(try !matches(pattern, #"{"items": [{"name": "a", "size": 3}, {"name": "b", "size": 2}]}"#))
    }
}
