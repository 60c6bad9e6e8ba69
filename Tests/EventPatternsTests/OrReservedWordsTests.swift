import Testing

/// Inside an `$or` branch, at any depth, event-ruler refuses its operator names
/// (and those it keeps for later) as field names; elsewhere they are plain fields.
@Suite struct OrReservedWordsTests {
    @Test(arguments: ["suffix", "numeric", "prefix", "anything-but", "exists", "cidr", "wildcard", "equals-ignore-case", "exactly", ">=", "regex"])
    func operatorNameInsideOrIsRefused(_ name: String) {
        #expect(rejection(#"{"$or": [{"\#(name)": ["-prod"]}, {"source": ["shop"]}]}"#)
            == "\(name) is Ruler reserved fieldName which cannot be used inside $or.")
        #expect(rejection(#"{"detail": {"$or": [{"a": {"\#(name)": [1]}}, {"b": ["x"]}]}}"#)
            == "\(name) is Ruler reserved fieldName which cannot be used inside $or.")
    }

    @Test func operatorNameOutsideOrIsAField() throws {
        #expect(rejection(#"{"prefix": ["x"], "$or": [{"a": ["1"]}, {"b": ["2"]}]}"#) == nil)
        #expect(try matches(#"{"detail": {"numeric": ["x"]}}"#, #"{"detail": {"numeric": "x"}}"#))
    }
}
