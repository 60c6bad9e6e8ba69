import ArgumentParser
import EventPatterns
import Foundation

/// `switchyard test-pattern`: EventBridge's TestEventPattern on the command line.
struct TestPattern: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-pattern",
        abstract: "Test an event pattern against an event, as EventBridge's TestEventPattern does.",
        discussion: """
            Prints true or false (exit status 0 or 1), or AWS's error message (exit status 2). \
            Values may be given inline or as @path. With --batch, reads JSON Lines of
            {"pattern": "...", "event": "..."} and writes one line per case:
            {"result": true|false} or {"error": "<AWS message>"}.
            With --explain (a Switchyard extension), each answer also says why: the fields \
            and conditions an event fails, the $or alternative it matched, or where in the \
            pattern the refused part is; in --batch mode as an "explanation" member.
            """
    )

    @Option(help: "The event pattern (JSON, or @path).")
    var pattern: String?

    @Option(help: "The event (JSON, or @path).")
    var event: String?

    @Option(help: "A JSON Lines file of {\"pattern\", \"event\"} cases (- for standard input).")
    var batch: String?

    @Flag(help: "Refuse events without EventBridge's envelope fields (id, account, source, time, region, detail-type), as the TestEventPattern API does.")
    var requireEnvelope = false

    @Flag(help: "Also say why: which field and condition failed, which $or alternative matched, or where the pattern is invalid.")
    var explain = false

    func validate() throws {
        if batch == nil, pattern == nil || event == nil {
            throw ValidationError("Give --pattern and --event, or --batch.")
        }
    }

    func run() throws {
        if let batch {
            try runBatch(batch)
            return
        }
        let pattern = try Self.resolve(pattern!)
        let answer = Self.answer(
            pattern: pattern, event: try Self.resolve(event!), requireEnvelope: requireEnvelope, explaining: explain)
        switch answer {
        case .success(let explanation):
            print(explanation.matched)
            if explain { explanation.reasons.forEach { print($0) } }
            if !explanation.matched { throw ExitCode(1) }
        case .failure(let failure):
            print(failure.description)
            if explain, let position = failure.position(inPattern: pattern) { print("at " + position) }
            throw ExitCode(2)
        }
    }

    /// The result with its explanation, computed only when it is asked for.
    private static func answer(
        pattern: String, event: String, requireEnvelope: Bool, explaining: Bool
    ) -> Result<PatternExplanation, PatternTest.Failure> {
        Result { () throws(PatternTest.Failure) in
            guard explaining else {
                let matched = try PatternTest.evaluate(pattern: pattern, event: event, requireEnvelope: requireEnvelope)
                return PatternExplanation(matched: matched, reasons: [])
            }
            return try PatternTest.explain(pattern: pattern, event: event, requireEnvelope: requireEnvelope)
        }
    }

    private func runBatch(_ path: String) throws {
        let input = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        var output = ""
        for line in String(decoding: input, as: UTF8.self).split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            output += Self.answer(to: String(line), requireEnvelope: requireEnvelope, explaining: explain) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// The output line for one batch case.
    static func answer(to line: String, requireEnvelope: Bool, explaining: Bool) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let pattern = object["pattern"] as? String, let event = object["event"] as? String else {
            return jsonLine(["error": "Each line must be a JSON object with string members \"pattern\" and \"event\"."])
        }
        switch answer(pattern: pattern, event: event, requireEnvelope: requireEnvelope, explaining: explaining) {
        case .success(let explanation):
            return jsonLine(["result": explanation.matched, "explanation": explaining ? explanation.description : nil])
        case .failure(let failure):
            let position = explaining ? failure.position(inPattern: pattern).map { "at " + $0 } : nil
            return jsonLine(["error": failure.description, "explanation": position])
        }
    }

    /// The members that have a value, as one line of JSON.
    private static func jsonLine(_ members: [String: Any?]) -> String {
        let object = members.compactMapValues { $0 }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Inline text, or the contents of the file named after `@`.
    static func resolve(_ argument: String) throws -> String {
        guard argument.hasPrefix("@") else { return argument }
        let path = String(argument.dropFirst())
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
