import Foundation
import Testing
import TestSupport

/// Runs the built `switchyard` executable, as a user does.
struct Command {
    static let executable: URL = {
        let folder = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [folder, Bundle.main.bundleURL].map { $0.appendingPathComponent("switchyard") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            fatalError("The switchyard executable was not built next to the tests (\(folder.path))")
        }
        return found
    }()

    static func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let standardInput = Pipe()
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite struct TestPatternCommandTests {
    @Test func printsTheResultWithItsExitStatus() throws {
        let yes = try Command.run(["test-pattern", "--pattern", #"{"source": ["a"]}"#, "--event", #"{"source": "a"}"#])
        #expect(yes.status == 0 && yes.output == "true\n")
        let no = try Command.run(["test-pattern", "--pattern", #"{"source": ["a"]}"#, "--event", #"{"source": "b"}"#])
        #expect(no.status == 1 && no.output == "false\n")
        let invalid = try Command.run(["test-pattern", "--pattern", #"{"source": "a"}"#, "--event", "{}"])
        #expect(invalid.status == 2)
        #expect(invalid.output == "Event pattern is not valid. Reason: \"source\" must be an object or an array\n")
    }

    @Test func readsPatternsAndEventsFromFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pattern = folder.appendingPathComponent("pattern.json")
        let event = folder.appendingPathComponent("event.json")
        try Data(#"{"detail": {"n": [{"numeric": [">", 1]}]}}"#.utf8).write(to: pattern)
        try Data(#"{"detail": {"n": 2}}"#.utf8).write(to: event)
        let result = try Command.run(["test-pattern", "--pattern", "@" + pattern.path, "--event", "@" + event.path])
        #expect(result.status == 0 && result.output == "true\n")
    }

    @Test func batchAnswersEveryConformanceCase() throws {
        let records = SharedFolder.jsonLines("conformance/patterns.jsonl").filter { $0[string: "source"] == "event-ruler" || $0[bool: "expect"] != nil || $0[string: "error_code"] == "InvalidEventPatternException" }
        let input = try records.map { record in
            String(decoding: try JSONSerialization.data(withJSONObject: ["pattern": record[string: "pattern"]!, "event": record[string: "event"]!]), as: UTF8.self)
        }.joined(separator: "\n")
        let result = try Command.run(["test-pattern", "--batch", "-"], input: input)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == records.count)
        for (record, line) in zip(records, lines) {
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if let expected = record[bool: "expect"] {
                #expect(answer["result"] as? Bool == expected, "\(record)")
            } else {
                #expect(answer["error"] as? String == record[string: "error"], "\(record)")
            }
        }
    }

    @Test func explainSaysWhyAfterTheResult() throws {
        let pattern = #"{"detail": {"size": [{"numeric": [">", 100]}]}}"#
        let no = try Command.run(["test-pattern", "--explain", "--pattern", pattern, "--event", #"{"detail": {"size": 12}}"#])
        #expect(no.status == 1 && no.output == "false\ndetail.size: 12 is not > 100\n")
        let invalid = try Command.run(["test-pattern", "--explain", "--pattern", "{\"a\":\n [{\"prefx\": 1}]}", "--event", "{}"])
        #expect(invalid.status == 2)
        #expect(invalid.output == "Event pattern is not valid. Reason: Unrecognized match type prefx\nat line 2, column 3 (a[0])\n")
    }

    @Test func batchExplainsInAnExplanationMember() throws {
        let input = [
            #"{"pattern": "{\"$or\": [{\"a\": [1]}, {\"b\": [2]}]}", "event": "{\"b\": 2}"}"#,
            #"{"pattern": "{\"a\": [1]}", "event": "{\"a\": 2}"}"#,
            #"{"pattern": "{\"a\": [{\"x\": 1}]}", "event": "{}"}"#,
        ].joined(separator: "\n")
        let result = try Command.run(["test-pattern", "--batch", "-", "--explain"], input: input)
        #expect(result.output.split(separator: "\n") == [
            #"{"explanation":"$or: alternative 2 of 2 matched (b is 2)","result":true}"#,
            #"{"explanation":"a: 2 is not 1","result":false}"#,
            #"{"error":"Event pattern is not valid. Reason: Unrecognized match type x","explanation":"at line 1, column 8 (a[0])"}"#,
        ])
    }
}
