import Testing
@testable import EventPatterns

@Suite struct RuleComplexityTests {
    static let tooComplex =
        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"

    private func score(_ pattern: String) throws -> Int {
        RuleComplexity.score(try PatternParser.alternatives(of: try JSONParser.parse(pattern)))
    }

    @Test func aRuleIsRefusedOnlyAboveTheLimit() throws {
        #expect(try score(#"{"a": [{"wildcard": "*:*:*:event-bus/*"}]}"#) == 7)
        #expect(try score(#"{"a": [{"wildcard": "*:*:*:*:event-bus/*"}]}"#) == 9)
        // Recorded from AWS.
        #expect(rejection(#"{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#) == Self.tooComplex)
    }

    @Test func aLiteralRepeatingAfterAStarCostsOnePerRepeat() throws {
        let segments = { (count: Int) in #"{"a": [{"wildcard": "*"# + String(repeating: "/logs", count: count) + #"/x"}]}"# }
        #expect(try score(segments(8)) == 10)
        #expect(rejection(segments(9)) == Self.tooComplex)
    }

    @Test func anAnythingButSetIsOnePattern() throws {
        let values = #"["*kiwi*", "*BASE_QuxB*", "*Delta*", "*a/example-lake-abc98765432*"]"#
        #expect(try score(#"{"a": [{"anything-but": {"wildcard": "# + values + "}}]}") == 7)
        let plain = #"{"a": [{"wildcard": "*kiwi*"}, {"wildcard": "*BASE_QuxB*"}, {"wildcard": "*Delta*"}, {"wildcard": "*a/example-lake-abc98765432*"}]}"#
        #expect(rejection(plain) == Self.tooComplex)
    }

    @Test func orBranchesShareAMachineOnlyWhereEarlierFieldsAgree() throws {
        let shared = #"{"$or": [{"z": ["1"], "a": [{"wildcard": "*x*"}]}, {"z": ["2"], "a": [{"wildcard": "*y*"}]}, {"z": ["3"], "a": [{"wildcard": "*v*"}]}, {"z": ["4"], "a": [{"wildcard": "*w*"}]}]}"#
        #expect(rejection(shared) == Self.tooComplex)
        let separate = #"{"$or": [{"a": ["1"], "z": [{"wildcard": "*x*"}]}, {"a": ["2"], "z": [{"wildcard": "*y*"}]}, {"a": ["3"], "z": [{"wildcard": "*v*"}]}, {"a": ["4"], "z": [{"wildcard": "*w*"}]}]}"#
        #expect(try score(separate) == 3)
    }

    @Test func hugeRulesAreMeasuredQuickly() {
        let literal = #"{"a": [{"wildcard": "*"# + String(repeating: "abcdefghij", count: 400) + #""}]}"#
        #expect(rejection(literal) == Self.tooComplex)
        let stars = #"{"a": [{"wildcard": ""# + String(repeating: "*x", count: 1_300) + #""}]}"#
        #expect(rejection(stars) == Self.tooComplex)
    }

    @Test func aRefusalPointsAtTheField() {
        let text = #"{"detail": {"f": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}}"#
        do {
            _ = try EventPattern(text)
            Issue.record("accepted")
        } catch {
            #expect(error.position(in: text) == "line 1, column 18 (detail.f)")
        }
    }
}
