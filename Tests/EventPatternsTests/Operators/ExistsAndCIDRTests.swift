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

@Suite struct CIDRTests {
    @Test func matchesAddressesInTheBlock() throws {
        #expect(try matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.255"}"#))
        #expect(try !matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.1.0"}"#))
        #expect(try matches(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "2001:db8:ffff::1"}"#))
        #expect(try !matches(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "2001:db9::1"}"#))
        #expect(try !matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": 10}"#))
    }

    @Test func malformedBlocksAreRejectedWithAWSReasons() {
        #expect(rejection(#"{"ip": [{"cidr": "bad"}]}"#) == "Malformed CIDR, one '/' required")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0/x"}]}"#) == "Malformed CIDR, mask bits must be an integer")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.300/8"}]}"#) == "Nonstandard IP address: 10.0.0.300")
    }
}
