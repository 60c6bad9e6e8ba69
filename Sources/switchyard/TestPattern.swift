import ArgumentParser
import EventPatterns
import Foundation

/// `switchyard test-pattern`: EventBridge's TestEventPattern on the command line.
struct TestPattern: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-pattern",
        abstract: "Test an event pattern against an event, as EventBridge's TestEventPattern does.",
        discussion: """
            Prints true or false (exit status 0 or 1), or AWS's error message (exit status 2).
            Values may be given inline or as @path. With --batch, reads JSON Lines of
            {"pattern": "...", "event": "..."} and writes one line per case:
            {"result": true|false} or {"error": "<AWS message>"}.
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
        do {
            let matched = try PatternTest.evaluate(
                pattern: try Self.resolve(pattern!), event: try Self.resolve(event!), requireEnvelope: requireEnvelope)
            print(matched)
            if !matched { throw ExitCode(1) }
        } catch let failure as PatternTest.Failure {
            print(failure.description)
            throw ExitCode(2)
        }
    }

    private func runBatch(_ path: String) throws {
        let input = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        var output = ""
        for line in String(decoding: input, as: UTF8.self).split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            output += Self.answer(to: String(line), requireEnvelope: requireEnvelope) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// The output line for one batch case.
    static func answer(to line: String, requireEnvelope: Bool) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let pattern = object["pattern"] as? String, let event = object["event"] as? String else {
            return errorLine("Each line must be a JSON object with string members \"pattern\" and \"event\".")
        }
        do {
            let matched = try PatternTest.evaluate(pattern: pattern, event: event, requireEnvelope: requireEnvelope)
            return "{\"result\":\(matched)}"
        } catch {
            return errorLine(error.description)
        }
    }

    private static func errorLine(_ message: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["error": message], options: [.withoutEscapingSlashes])
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
