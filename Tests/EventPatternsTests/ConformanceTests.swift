import EventPatterns
import Testing
import TestSupport

/// The cases recorded from AWS (and from the reference matcher) in
/// `shared/conformance`: every one must agree.
@Suite struct ConformanceTests {
    static let patternCases = SharedFolder.jsonLines("conformance/patterns.jsonl")
    static let validityCases = SharedFolder.jsonLines("conformance/other.jsonl")
        .filter { $0[string: "kind"] == "pattern-validity" }

    @Test(arguments: patternCases)
    func patternCaseAgreesWithAWS(_ record: SharedFolder.Record) throws {
        let pattern = try #require(record[string: "pattern"])
        let event = try #require(record[string: "event"])
        // Cases recorded through AWS's TestEventPattern carry its envelope rule;
        // the reference matcher's cases match bare JSON documents.
        let requireEnvelope = record[string: "source"] != "event-ruler"
        let outcome = Result { () throws(PatternTest.Failure) in
            try PatternTest.evaluate(pattern: pattern, event: event, requireEnvelope: requireEnvelope)
        }
        if let expected = record[bool: "expect"] {
            #expect(try outcome.get() == expected, "\(record)")
        } else {
            let error = try #require(record[string: "error"])
            #expect(throws: PatternTest.Failure.self, "\(record)") { try outcome.get() }
            if case .failure(let failure) = outcome {
                #expect(failure.description == error, "\(record)")
            }
        }
    }

    /// An event checked on arrival is read only as far as the patterns need:
    /// that must never change an answer.
    @Test(arguments: patternCases)
    func checkedEventsMatchAsWhenReadWhole(_ record: SharedFolder.Record) throws {
        let event = Array(try #require(record[string: "event"]).utf8)
        guard let pattern = try? EventPattern(try #require(record[string: "pattern"])),
              let checked = try? JSONParser.parse(bytes: event), case .object = checked, checked.hasPlainKeys else { return }
        let machine = PatternMachine()
        machine.set("p", to: pattern)
        #expect(try machine.matches(event, validation: .alreadyChecked) == machine.matches(event), "\(record)")
    }

    @Test(arguments: validityCases)
    func patternValidityAgrees(_ record: SharedFolder.Record) throws {
        let pattern = try #require(record[object: "request"]?["EventPattern"] as? String)
        let valid = (try? EventPattern(pattern)) != nil
        #expect(valid == (record[string: "expect"] == "valid"), "\(record): \(pattern)")
    }
}
