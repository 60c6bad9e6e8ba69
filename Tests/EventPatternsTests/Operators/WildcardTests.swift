import Testing

@Suite struct WildcardTests {
    @Test func starMatchesAnyRun() throws {
        let pattern = #"{"arn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}"#
        #expect(try matches(pattern, #"{"arn": "arn:aws:events:us-east-1:123:event-bus/b"}"#))
        #expect(try matches(pattern, #"{"arn": "arn:aws:events:us-east-1::event-bus/"}"#))
        #expect(try !matches(pattern, #"{"arn": "arn:aws:events:eu-west-1:123:event-bus/b"}"#))
        #expect(try matches(#"{"f": [{"wildcard": "*.png"}]}"#, #"{"f": "a.b.png"}"#))
        #expect(try matches(#"{"f": [{"wildcard": "a*b*c"}]}"#, #"{"f": "abc"}"#))
        #expect(try !matches(#"{"f": [{"wildcard": "a*b*c"}]}"#, #"{"f": "acb"}"#))
        #expect(try matches(#"{"f": [{"wildcard": "*"}]}"#, #"{"f": ""}"#))
        #expect(try !matches(#"{"f": [{"wildcard": ""}]}"#, #"{"f": "x"}"#))
    }

    @Test func escapesStandForThemselves() throws {
        #expect(try matches(#"{"f": [{"wildcard": "a\\*b"}]}"#, #"{"f": "a*b"}"#))
        #expect(try !matches(#"{"f": [{"wildcard": "a\\*b"}]}"#, #"{"f": "axb"}"#))
        #expect(rejection(#"{"f": [{"wildcard": "a\\b"}]}"#) == "Invalid escape character at pos 1")
        #expect(rejection(#"{"f": [{"wildcard": "a**b"}]}"#) == "Consecutive wildcard characters at pos 1")
    }
}
