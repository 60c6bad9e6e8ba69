import ArgumentParser
import EventPatterns
import Foundation

/// `switchyard put-service-events`: whole events as AWS services send them (EC2
/// state changes, S3 `Object Created`, …) onto a running server's buses, through
/// the `Switchyard.PutServiceEvents` extension: PutEvents refuses `aws.*` sources,
/// as on AWS.
struct PutServiceEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put-service-events",
        abstract: "Put events as AWS services send them onto the server's buses (a Switchyard extension).",
        discussion: """
            FILE holds whole events — a JSON array, one event, or one event per line — such as \
            AWS's documentation shows them. Each goes onto the default bus (or --bus) of the \
            server's account in the event's Region, keeping its source, detail-type, detail, \
            time, account and resources. Prints each event's id or error, and exits 1 when \
            any failed.
            """
    )

    @Argument(help: "A file of events ('-' for standard input).")
    var file: String

    @Option(help: "The bus to put them on, by name or ARN (defaults to the default bus).")
    var bus: String?

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        let events = try Self.events(in: String(decoding: data, as: UTF8.self))
        var failed = 0
        for start in stride(from: 0, to: events.count, by: 100) {
            var input: [String: Any] = ["Events": Array(events[start..<min(start + 100, events.count)])]
            if let bus { input["EventBusName"] = bus }
            let answer = try JSONParser.parse(try await server.call("PutServiceEvents", input))
            for entry in answer["Entries"]?.arrayValue ?? [] {
                if let id = entry["EventId"]?.stringValue {
                    print(id)
                } else {
                    failed += 1
                    print("\(entry["ErrorCode"]?.stringValue ?? "Error"): \(entry["ErrorMessage"]?.stringValue ?? "")")
                }
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }

    /// The events of a file's text, each as JSON text.
    static func events(in text: String) throws -> [String] {
        if let document = try? JSONParser.parse(text) {
            return (document.arrayValue ?? [document]).map(\.jsonText)
        }
        return try text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.map { line in
            do {
                return try JSONParser.parse(String(line)).jsonText
            } catch {
                throw ValidationError("Not an event, an array of events or one event per line: \(error)")
            }
        }
    }
}
