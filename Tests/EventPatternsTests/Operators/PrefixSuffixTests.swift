import Testing

@Suite struct PrefixSuffixTests {
    @Test func prefixMatchesTheStartOfStrings() throws {
        #expect(try matches(#"{"t": [{"prefix": "2017-10"}]}"#, #"{"t": "2017-10-02T18:43:48Z"}"#))
        #expect(try !matches(#"{"t": [{"prefix": "2017-11"}]}"#, #"{"t": "2017-10-02"}"#))
        #expect(try matches(#"{"t": [{"prefix": ""}]}"#, #"{"t": "anything"}"#))
        #expect(try !matches(#"{"t": [{"prefix": "1"}]}"#, #"{"t": 12}"#))
    }

    @Test func prefixCanIgnoreCase() throws {
        #expect(try matches(#"{"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}"#, #"{"s": "eventbridge"}"#))
        #expect(try !matches(#"{"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}"#, #"{"s": "event"}"#))
    }

    @Test func suffixMatchesTheEndOfStrings() throws {
        #expect(try matches(#"{"f": [{"suffix": ".png"}]}"#, #"{"f": "a.png"}"#))
        #expect(try !matches(#"{"f": [{"suffix": ".png"}]}"#, #"{"f": "a.PNG"}"#))
        #expect(try matches(#"{"f": [{"suffix": {"equals-ignore-case": ".png"}}]}"#, #"{"f": "a.PNG"}"#))
    }

    @Test func malformedAffixesAreRejectedWithAWSReasons() {
        #expect(rejection(#"{"f": [{"prefix": 3}]}"#) == "prefix match pattern must be a string")
        #expect(rejection(#"{"f": [{"suffix": [".png"]}]}"#) == "suffix match pattern must be a string")
        #expect(rejection(#"{"f": [{"prefix": {"equals-ignore-case": 5}}]}"#) == "equals-ignore-case match pattern must be a string")
        #expect(rejection(#"{"f": [{"prefix": "a", "x": 1}]}"#) == "Only one key allowed in match expression")
    }
}
