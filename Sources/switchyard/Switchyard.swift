import ArgumentParser

@main
struct Switchyard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "A self-hostable Amazon EventBridge.",
        subcommands: [Serve.self, TestPattern.self, FireRule.self, ReplayCommand.self, BacktestCommand.self, ImportCloudTrail.self,
            PutServiceEventsCommand.self, SetHealthCheck.self]
    )
}
