import Testing

/// The engine behind EventBridge compares numbers as doubles and refuses a
/// pattern number that is not exactly its double wherever it must compare it.
@Suite struct IncomparableNumberTests {
    static let incomparable = ["98765432109876543210", "9007199254740995", "1e-330", "1e400", "-0.30000000000000004441"]

    @Test(arguments: incomparable)
    func isRefusedWhereverAPatternComparesNumbers(_ number: String) {
        let reason = "Cannot compare number : \(number)"
        #expect(rejection(#"{"n": [{"numeric": [">", \#(number)]}]}"#) == reason)
        #expect(rejection(#"{"n": [{"numeric": [">", 0, "<", \#(number)]}]}"#) == reason)
        #expect(rejection(#"{"n": [{"anything-but": \#(number)}]}"#) == reason)
        #expect(rejection(#"{"n": [{"anything-but": [1, \#(number)]}]}"#) == reason)
    }

    /// A plain value the engine keeps as its text ("an AWS account number"), so
    /// it matches the same digits and nothing else.
    @Test(arguments: incomparable)
    func isKeptAsTextInAPlainValue(_ number: String) throws {
        #expect(rejection(#"{"n": [\#(number)]}"#) == nil)
        #expect(try matches(#"{"n": [\#(number)]}"#, #"{"n": \#(number)}"#))
        #expect(try !matches(#"{"n": [\#(number)]}"#, #"{"n": "\#(number)"}"#))
    }

    @Test func aNumberKeptAsTextMatchesNoOtherSpelling() throws {
        #expect(try !matches(#"{"n": [9007199254740995]}"#, #"{"n": 9007199254740996}"#))
        #expect(try !matches(#"{"n": [9007199254740995]}"#, #"{"n": 9.007199254740995e15}"#))
        #expect(try matches(#"{"n": [37.807807921694092]}"#, #"{"n": 37.807807921694092}"#))
    }

    @Test(arguments: ["0.1", "-0", "9007199254740992", "1e-320", "3.018e2", "5E+9", "0.30000000000000004", "1.7976931348623157e308"])
    func anExactDoubleIsAccepted(_ number: String) throws {
        #expect(rejection(#"{"n": [\#(number)]}"#) == nil)
        #expect(rejection(#"{"n": [{"numeric": ["=", \#(number)]}]}"#) == nil)
        #expect(try matches(#"{"n": [\#(number)]}"#, #"{"n": \#(number)}"#))
    }
}
