import ArgumentParser

/// `switchyard set-health-check`: marks a Route 53 health check healthy or not on a
/// running server (the `Switchyard.SetHealthCheckStatus` extension operation), so
/// that global endpoints fail over and back.
struct SetHealthCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-health-check",
        abstract: "Mark a health check healthy or unhealthy, for global endpoints (a Switchyard extension).",
        discussion: """
            Route 53 is not here: a global endpoint's primary Region is healthy until its \
            health check is set unhealthy with this command, and PutEvents through the \
            endpoint goes to the secondary Region while it is. A health check is named by \
            its ARN (arn:aws:route53:::healthcheck/ID) or by its ID.
            """
    )

    @Argument(help: "The health check's ARN or ID.")
    var healthCheck: String

    @Argument(help: "healthy or unhealthy.")
    var status: Status

    enum Status: String, ExpressibleByArgument {
        case healthy, unhealthy
    }

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let arn = healthCheck.hasPrefix("arn:") ? healthCheck : "arn:aws:route53:::healthcheck/\(healthCheck)"
        print(try await server.call("SetHealthCheckStatus", ["HealthCheck": arn, "Status": status.rawValue.uppercased()]))
    }
}
