import Testing

@Suite struct EqualsIgnoreCaseTests {
    @Test func comparesStringsWithoutCase() throws {
        #expect(try matches(#"{"n": [{"equals-ignore-case": "alice"}]}"#, #"{"n": "ALICE"}"#))
        #expect(try matches(#"{"n": [{"equals-ignore-case": "ÉCOLE"}]}"#, #"{"n": "école"}"#))
        #expect(try !matches(#"{"n": [{"equals-ignore-case": "alice"}]}"#, #"{"n": "alicia"}"#))
        #expect(try matches(#"{"n": [{"equals-ignore-case": ""}]}"#, #"{"n": ""}"#))
    }

    @Test func refusesAnythingButAString() {
        #expect(rejection(#"{"n": [{"equals-ignore-case": ["a"]}]}"#) == "equals-ignore-case match pattern must be a string")
    }
}
