import Testing

@Suite struct ExistsTests {
    @Test func existsLooksAtLeafValuesOnly() throws {
        #expect(try matches(#"{"a": [{"exists": true}]}"#, #"{"a": null}"#))
        #expect(try !matches(#"{"a": [{"exists": true}]}"#, #"{"a": {"b": 1}}"#))
        #expect(try matches(#"{"a": [{"exists": false}]}"#, #"{"a": {"b": 1}}"#))
        #expect(try matches(#"{"a": [{"exists": false}]}"#, #"{"b": 1}"#))
        #expect(try !matches(#"{"a": [{"exists": false}]}"#, #"{"a": 1}"#))
        #expect(rejection(#"{"a": [{"exists": "yes"}]}"#) == "exists match pattern must be either true or false.")
    }
}
