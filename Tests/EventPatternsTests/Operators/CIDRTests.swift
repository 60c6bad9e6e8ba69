import Testing

@Suite struct CIDRTests {
    @Test func matchesAddressesInTheBlock() throws {
        #expect(try matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.255"}"#))
        #expect(try !matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.1.0"}"#))
        #expect(try matches(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "2001:db8:ffff::1"}"#))
        #expect(try !matches(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "2001:db9::1"}"#))
        #expect(try !matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": 10}"#))
        #expect(try !matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.1x"}"#))
    }

    @Test func theBlockStartsAtTheAddressWritten() throws {
        let pattern = #"{"ip": [{"cidr": "10.0.0.5/24"}]}"#
        #expect(try matches(pattern, #"{"ip": "10.0.0.5"}"#))
        #expect(try matches(pattern, #"{"ip": "10.0.0.255"}"#))
        #expect(try !matches(pattern, #"{"ip": "10.0.0.4"}"#))
    }

    @Test func addressesAreReadAsJavaReadsThem() throws {
        #expect(try matches(#"{"ip": [{"cidr": "10.0.0.0/8"}]}"#, #"{"ip": "010.000.000.001"}"#))
        #expect(try matches(#"{"ip": [{"cidr": "1.2.3.0/24"}]}"#, #"{"ip": "::ffff:1.2.3.4"}"#))
        #expect(try matches(#"{"ip": [{"cidr": "::ffff:1.2.3.0/24"}]}"#, #"{"ip": "1.2.3.4"}"#))
        #expect(try matches(#"{"ip": [{"cidr": "::/0"}]}"#, #"{"ip": "10.0.0.1"}"#))
        #expect(try matches(#"{"ip": [{"cidr": "::/0"}]}"#, #"{"ip": "2001:db8::1"}"#))
    }

    @Test func malformedBlocksAreRejectedWithTheEnginesReasons() {
        #expect(rejection(#"{"ip": [{"cidr": "bad"}]}"#) == "Malformed CIDR, one '/' required")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0/"}]}"#) == "Malformed CIDR, one '/' required")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0/x"}]}"#) == "Malformed CIDR, mask bits must be an integer")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0/-1"}]}"#) == "Malformed CIDR, mask bits must not be negative")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.300/8"}]}"#) == "Invalid IP address: 10.0.0.300")
        #expect(rejection(#"{"ip": [{"cidr": "host.example/8"}]}"#) == "Nonstandard IP address: host.example")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0/32"}]}"#) == "IPv4 mask bits must be < 32")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0/31"}]}"#) == nil)
        #expect(rejection(#"{"ip": [{"cidr": "::/128"}]}"#) == "IPv6 mask bits must be < 128")
        #expect(rejection(#"{"ip": [{"cidr": "::/127"}]}"#) == nil)
        #expect(rejection(#"{"ip": [{"cidr": "::ffff:1.2.3.4/120"}]}"#) == "IPv4 mask bits must be < 32")
    }
}

/// A pattern string that is an IP address literal matches the address however
/// it is written, as the engine compares such strings as addresses.
@Suite struct IPAddressLiteralTests {
    @Test func matchesTheSameAddressWrittenOtherwise() throws {
        #expect(try matches(#"{"ip": ["192.168.001.010"]}"#, #"{"ip": "192.168.1.10"}"#))
        #expect(try matches(#"{"ip": ["192.168.1.10"]}"#, #"{"ip": "192.168.001.010"}"#))
        #expect(try !matches(#"{"ip": ["192.168.1.10"]}"#, #"{"ip": "192.168.1.11"}"#))
        #expect(try matches(#"{"ip": ["::1"]}"#, #"{"ip": "0:0:0:0:0:0:0:1"}"#))
        #expect(try matches(#"{"ip": ["2001:DB8::FFFF"]}"#, #"{"ip": "2001:db8:0::ffff"}"#))
        #expect(try matches(#"{"ip": ["::ffff:1.2.3.4"]}"#, #"{"ip": "1.2.3.4"}"#))
    }

    @Test func onlyPlainValuesAreAddresses() throws {
        #expect(try !matches(#"{"ip": [{"prefix": "192.168.001"}]}"#, #"{"ip": "192.168.1.10"}"#))
        #expect(try matches(#"{"ip": [{"anything-but": "192.168.001.010"}]}"#, #"{"ip": "192.168.1.10"}"#))
        #expect(try matches(#"{"t": ["08:23"]}"#, #"{"t": "08:23"}"#))
        #expect(try !matches(#"{"t": ["08:23"]}"#, #"{"t": "8:23"}"#))
    }
}
