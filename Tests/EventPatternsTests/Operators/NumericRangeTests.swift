import Testing

@Suite struct NumericRangeTests {
    @Test func matchesNumbersInRange() throws {
        let pattern = #"{"c": [{"numeric": [">", 0, "<=", 5]}]}"#
        #expect(try matches(pattern, #"{"c": 5}"#))
        #expect(try matches(pattern, #"{"c": 0.0001}"#))
        #expect(try !matches(pattern, #"{"c": 0}"#))
        #expect(try !matches(pattern, #"{"c": 5.000001}"#))
        #expect(try !matches(pattern, #"{"c": "3"}"#))
        #expect(try matches(#"{"c": [{"numeric": ["=", 301.8]}]}"#, #"{"c": 3.018e2}"#))
        #expect(try matches(#"{"c": [{"numeric": ["<", -122.41600944012424]}]}"#, #"{"c": -122.41600944012425}"#))
    }

    @Test func manyRangesOnOneFieldAreIndexed() throws {
        let machine = PatternMachineFixture.machine(count: 500) { index in
            #"{"x": [{"numeric": [">=", \#(index), "<", \#(index + 1)]}]}"#
        }
        #expect(try machine.matches(Array(#"{"x": 42.5}"#.utf8)) == ["42"])
        #expect(try machine.matches(Array(#"{"x": 500}"#.utf8)) == [])
    }

    @Test func malformedRangesAreRejectedWithAWSReasons() {
        #expect(rejection(#"{"c": [{"numeric": [">", 0, ">", 0]}]}"#) == "Bad numeric range operator: >")
        #expect(rejection(#"{"c": [{"numeric": [">", 0, "<"]}]}"#) == "Value of < must be numeric")
        #expect(rejection(#"{"c": [{"numeric": ["<>", 1]}]}"#) == "Unrecognized numeric range operator: <>")
        #expect(rejection(#"{"c": [{"numeric": [">", 30, "<", 1]}]}"#) == "Bottom must be less than top")
        #expect(rejection(#"{"c": [{"numeric": ["=", "1"]}]}"#) == "Value of equals must be numeric")
        #expect(rejection(#"{"c": [{"numeric": 1}]}"#) == "Value of numeric must be an array.")
    }
}
