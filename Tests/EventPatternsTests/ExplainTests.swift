import EventPatterns
import Testing
import TestSupport

@Suite struct ExplainTests {
    private func explain(_ pattern: String, _ event: String) throws -> PatternExplanation {
        try EventPattern(pattern).explain(Array(event.utf8))
    }

    @Test func saysWhichConditionAFieldFails() throws {
        let state = try explain(#"{"detail": {"state": ["stopped", "terminated"]}}"#, #"{"detail": {"state": "running"}}"#)
        #expect(!state.matched)
        #expect(state.description == #"detail.state: "running" is not one of "stopped", "terminated""#)
        let size = try explain(#"{"detail": {"size": [{"numeric": [">", 100]}]}}"#, #"{"detail": {"size": 12}}"#)
        #expect(size.description == "detail.size: 12 is not > 100")
        let missing = try explain(#"{"detail": {"ip": [{"cidr": "10.0.0.0/8"}]}}"#, #"{"detail": {}}"#)
        #expect(missing.description == "detail.ip is missing")
        let prefix = try explain(#"{"id": [{"prefix": "i-"}, {"suffix": "-x"}]}"#, #"{"id": "vol-1"}"#)
        #expect(prefix.description == #"id: "vol-1" matches none of: prefix "i-", suffix "-x""#)
        let values = try explain(#"{"tags": ["prod"]}"#, #"{"tags": ["dev", "test"]}"#)
        #expect(values.description == #"tags: no value of "dev", "test" is "prod""#)
        let absent = try explain(#"{"error": [{"exists": false}]}"#, #"{"error": "boom"}"#)
        #expect(absent.description == #"error: "boom" is present, but the pattern requires it to be absent"#)
    }

    @Test func listsEveryFailingField() throws {
        let explanation = try explain(#"{"source": ["shop"], "detail": {"n": [{"numeric": [">=", 1, "<", 5]}]}}"#, #"{"source": "bank", "detail": {"n": 7}}"#)
        #expect(explanation.reasons == [#"detail.n: 7 is not >= 1 and < 5"#, #"source: "bank" is not "shop""#])
    }

    @Test func namesFieldsThatMatchOnlyInDifferentArrayElements() throws {
        let explanation = try explain(
            #"{"detail": {"items": {"a": [1], "b": [2]}}}"#, #"{"detail": {"items": [{"a": 1, "b": 9}, {"a": 9, "b": 2}]}}"#)
        #expect(explanation.description == "the fields detail.items.a and detail.items.b match only in different elements of detail.items")
    }

    @Test func explainsEachOrAlternative() throws {
        let pattern = #"{"source": ["shop"], "$or": [{"detail": {"a": [1]}}, {"detail": {"b": [{"prefix": "x"}]}}]}"#
        let neither = try explain(pattern, #"{"source": "shop", "detail": {"b": "y"}}"#)
        #expect(neither.description == #"$or: no alternative matched (1: detail.a is missing; 2: detail.b: "y" does not start with "x")"#)
        let sharedFailure = try explain(pattern, #"{"source": "bank", "detail": {"a": 1}}"#)
        #expect(sharedFailure.description == #"source: "bank" is not "shop""#)
        let second = try explain(pattern, #"{"source": "shop", "detail": {"b": "xy"}}"#)
        #expect(second.matched)
        #expect(second.description == #"$or: alternative 2 of 2 matched (detail.b starts with "x")"#)
    }

    @Test func aMatchSaysSo() throws {
        let explanation = try explain(#"{"source": ["shop"]}"#, #"{"source": "shop"}"#)
        #expect(explanation.matched && explanation.reasons == ["every field matches"])
    }

    @Test func anInvalidPatternSaysWhereThePartRefusedIs() {
        let text = "{\"detail\": {\n  \"state\": [\"a\", {\"anything-but\": {\"prefix\": 1}}]}}"
        do {
            _ = try EventPattern(text)
            Issue.record("accepted")
        } catch {
            #expect(error.reason == "prefix/suffix match pattern must be a string")
            #expect(error.position(in: text) == "line 2, column 18 (detail.state[1])")
        }
        do {
            _ = try EventPattern(#"{"a": [1], "a": [{"b": 2}]}"#)
        } catch {
            #expect(error.position(in: #"{"a": [1], "a": [{"b": 2}]}"#) == "line 1, column 18 (a[0])")
        }
    }

    /// On every recorded case, the explanation's own search agrees with the
    /// matcher and has something to say.
    @Test(arguments: ConformanceTests.patternCases)
    func explanationAgreesWithTheMatcher(_ record: SharedFolder.Record) throws {
        guard let pattern = try? EventPattern(try #require(record[string: "pattern"])),
              let event = record[string: "event"], let expected = record[bool: "expect"] else { return }
        let explanation = try pattern.explain(Array(event.utf8))
        #expect(explanation.matched == expected, "\(record)")
        #expect(!explanation.reasons.isEmpty && explanation.reasons != ["matched"], "\(record)")
    }
}
