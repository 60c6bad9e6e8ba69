import ArgumentParser
import Foundation

/// `switchyard replay`: Switchyard's own commands for replays.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Follow replays of a running server (Switchyard extensions).",
        subcommands: [ReplayWatch.self]
    )
}

/// `switchyard replay watch`: a replay's progress as a bar, from the
/// `Switchyard.DescribeReplayProgress` extension operation.
struct ReplayWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show a replay's progress until it ends: events replayed of its window's, rate and time left.",
        discussion: """
            Redraws one line on a terminal, prints a line per change otherwise. Exits 0 when the \
            replay completes, 1 when it is cancelled or fails (with AWS's state reason).
            """
    )

    @Argument(help: "The replay's name.")
    var name: String

    @OptionGroup var server: ServerOptions

    @Option(help: "Seconds between looks.")
    var interval = 0.5

    func run() async throws {
        var meter = ReplayMeter()
        var lastLine = ""
        while true {
            let text = try await server.call("DescribeReplayProgress", ["ReplayName": name])
            let answer = (try JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            let state = answer["State"] as? String ?? "?"
            let line = meter.line(
                replayed: answer["EventsReplayed"] as? Int ?? 0, total: answer["EventsInWindow"] as? Int ?? 0, state: state,
                at: Date())
            ProgressBar.show(line, replacing: lastLine)
            lastLine = line
            if ["COMPLETED", "CANCELLED", "FAILED"].contains(state) {
                if ProgressBar.isTerminal { ProgressBar.write("\n") }
                if let reason = answer["StateReason"] as? String { ProgressBar.write(reason + "\n") }
                if state != "COMPLETED" { throw ExitCode.failure }
                return
            }
            try await Task.sleep(for: .seconds(interval))
        }
    }
}

/// Turns successive looks at a replay into a progress line, with the rate over
/// the looks so far.
struct ReplayMeter {
    private var first: (replayed: Int, time: Date)?

    mutating func line(replayed: Int, total: Int, state: String, at time: Date) -> String {
        let start = first ?? (replayed, time)
        first = start
        var parts = [
            ProgressBar.draw(done: total == 0 && state == "COMPLETED" ? 1 : replayed, of: total == 0 ? 1 : total),
            "\(replayed)/\(total) events",
        ]
        let elapsed = time.timeIntervalSince(start.time)
        if elapsed > 0, replayed > start.replayed {
            let rate = Double(replayed - start.replayed) / elapsed
            parts.append("\(Int(rate.rounded()))/s")
            if state == "RUNNING" { parts.append("\(Int((Double(total - replayed) / rate).rounded(.up)))s left") }
        }
        parts.append(state)
        return parts.joined(separator: "  ")
    }
}
