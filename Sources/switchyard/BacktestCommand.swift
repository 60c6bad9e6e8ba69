import ArgumentParser
import Foundation

/// `switchyard backtest`: a pattern, or rules, run over an archive of a running
/// server without delivering anything (the `Switchyard.Backtest` extension).
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run a pattern or rules over an archive's events, delivering nothing (a Switchyard extension).",
        discussion: """
            Prints how many events of the window each pattern matches, with a sample of them, \
            and for the events given with --explain why each pattern matches or does not:
            {"EventsScanned": …, "Results": [{"Name", "MatchedCount", "Samples"}],
             "Explanations": [{"EventId", "Name", "Matched", "Reasons"}]}. \
            Times are ISO 8601 (2026-11-30T08:00:00Z) or seconds since 1970.
            """
    )

    @Argument(help: "The archive's name.")
    var archive: String

    @Option(help: "An event pattern to run (JSON, or @path).")
    var pattern: String?

    @Option(name: .customLong("rule"), help: "A rule of the archive's bus to run (repeatable).")
    var rules: [String] = []

    @Option(help: "The start of the window (events received from then on).")
    var startTime: String?

    @Option(help: "The end of the window.")
    var endTime: String?

    @Option(help: "How many matching events to show per pattern (0 to 100).")
    var sampleSize = 5

    @Option(name: .customLong("explain"), help: "An archived event's id, to say why each pattern matches it or not (repeatable).")
    var explainEventIds: [String] = []

    @OptionGroup var server: ServerOptions

    func validate() throws {
        if pattern == nil, rules.isEmpty { throw ValidationError("Give --pattern, --rule, or both.") }
        for time in [startTime, endTime].compactMap({ $0 }) where Self.seconds(time) == nil {
            throw ValidationError("\(time) is not a time: give ISO 8601 (2026-11-30T08:00:00Z) or seconds since 1970.")
        }
    }

    func run() async throws {
        var input: [String: Any] = ["ArchiveName": archive, "SampleSize": sampleSize]
        if let pattern { input["EventPattern"] = try TestPattern.resolve(pattern) }
        if !rules.isEmpty { input["RuleNames"] = rules }
        if let startTime { input["StartTime"] = Self.seconds(startTime) }
        if let endTime { input["EndTime"] = Self.seconds(endTime) }
        if !explainEventIds.isEmpty { input["ExplainEventIds"] = explainEventIds }
        let answer = try await server.call("Backtest", input)
        let document = try JSONSerialization.jsonObject(with: Data(answer.utf8))
        print(String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
    }

    static func seconds(_ text: String) -> Double? {
        if let seconds = Double(text) { return seconds }
        return ISO8601DateFormatter().date(from: text)?.timeIntervalSince1970
    }
}
