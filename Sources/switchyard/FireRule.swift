import ArgumentParser

/// `switchyard fire-rule`: fires a scheduled rule of a running server now (the
/// `Switchyard.FireRule` extension operation).
struct FireRule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fire-rule",
        abstract: "Fire a scheduled rule now, as its schedule would at this minute (a Switchyard extension).",
        discussion: """
            The rule's targets receive the "Scheduled Event" its schedule sends, with this \
            minute as its time; the schedule's own firings go on unchanged. The rule must be \
            an enabled rule with a ScheduleExpression on the default bus. Prints the response,
            {"EventId": "..."}, or AWS-style error text (exit status 1).
            """
    )

    @Argument(help: "The rule's name.")
    var name: String

    @OptionGroup var server: ServerOptions

    func run() async throws {
        print(try await server.call("FireRule", ["Name": name]))
    }
}
