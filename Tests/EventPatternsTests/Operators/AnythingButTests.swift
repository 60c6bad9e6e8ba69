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

    @Test func malformedExclusionsAreRejectedWithAWSReasons() {
        #expect(rejection(#"{"s": [{"anything-but": null}]}"#) == "Value of anything-but must be an array or single string/number value.")
        #expect(rejection(#"{"s": [{"anything-but": ["a", 1]}]}"#)
            == "Inside anything but list, either all values are number or string, mixed type is not supported")
        #expect(rejection(#"{"s": [{"anything-but": {"prefix": ""}}]}"#) == "Null prefix/suffix not allowed")
        #expect(rejection(#"{"s": [{"anything-but": {"exactly": "a"}}]}"#) == "Unsupported anything-but pattern: exactly")
    }
}
