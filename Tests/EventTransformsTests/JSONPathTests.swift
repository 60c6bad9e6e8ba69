import EventPatterns
@testable import EventTransforms
import Testing

struct JSONPathTests {
    let event = try! JSONParser.parse(#"{"detail":{"items":[{"id":1},{"id":2}],"a.b":"dotted","name":"x"}}"#)

    @Test(arguments: [
        ("$", #"{"detail":{"items":[{"id":1},{"id":2}],"a.b":"dotted","name":"x"}}"#),
        ("$.detail.name", #""x""#),
        ("$.detail.items[1].id", "2"),
        ("$['detail']['a.b']", #""dotted""#),
        ("$.detail.items[*].id", "[1,2]"),
        ("$.detail.items.*.id", "[1,2]"),
    ])
    func selectsWhatThePathNames(_ path: String, _ expected: String) throws {
        #expect(try JSONPath(path).evaluate(in: event)?.jsonText == expected)
    }

    @Test(arguments: ["$.detail.missing", "$.detail.items[5]", "$.detail.name.deeper", "$.detail.items[*].missing"])
    func selectsNothingWhereTheEventHasNothing(_ path: String) throws {
        #expect(try JSONPath(path).evaluate(in: event) == nil)
    }

    @Test(arguments: ["detail", "$.", "$..x", "$[", "$[abc]", "$x", ""])
    func refusesWhatIsNotAPath(_ path: String) {
        #expect(throws: InvalidJSONPath.self) { try JSONPath(path) }
    }
}

struct InputTransformerTests {
    let event = MatchedEvent(
        text: #"{"version":"0","id":"1","detail-type":"t","source":"s","account":"1","time":"T","region":"r","resources":[],"detail":{"n":5,"s":"a\"b","o":{"k":[1,"v"]},"z":null}}"#,
        ruleArn: "arn", ruleName: "rule", ingestionTime: "T")

    func render(_ template: String) throws -> String {
        try InputTransformer(
            inputPathsMap: ["n": "$.detail.n", "s": "$.detail.s", "o": "$.detail.o", "z": "$.detail.z", "gone": "$.detail.gone"],
            inputTemplate: template
        ).render(event)
    }

    @Test func plainTextWritesValuesWithoutQuotes() throws {
        #expect(try render("<n> <s> <o> <z> [<gone>] <rule> <aws.events.rule-name>") == #"5 a"b {k:[1,v]} null [] <rule> rule"#)
    }

    @Test func jsonTemplateQuotesStringsOutsideQuotesAndEscapesThemInside() throws {
        #expect(try render(#"{"a": <s>, "b": "x<s>y", "c": <n>, "d": <o>, "e": <gone>, "f": "<gone>"}"#)
            == #"{"a": "a\"b", "b": "xa\"by", "c": 5, "d": {"k":[1,"v"]}, "e": null, "f": ""}"#)
    }

    @Test func jsonTemplateThatEndsAsInvalidJSONDeliversNothing() {
        #expect(throws: TransformFailure.templateResultNotJSON) { try render(#"{"d": "<o>"}"#) }
    }
}
