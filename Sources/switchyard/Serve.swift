public import ArgumentParser
import Foundation
public import Logging
import ServiceLifecycle
import Switchyard
import SwitchyardServer
import SwitchyardSQLite

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the EventBridge-compatible API.",
        discussion: "Point the AWS CLI or an SDK at it: aws --endpoint-url http://127.0.0.1:4010 events list-event-buses")

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 4010

    @Option(help: "Where the embedded store keeps its data.")
    var dataDir = "./.switchyard"

    @Option(help: "The account ID that owns every resource.")
    var account = "000000000000"

    @Option(help: "The Region of requests that carry no SigV4 credential scope.")
    var region = "us-east-1"

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard account.count == 12, account.allSatisfy(\.isNumber) else {
            throw ValidationError("--account must be 12 digits.")
        }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "switchyard")
        let store = try SQLiteStore(directory: URL(fileURLWithPath: dataDir))
        let backend = Backend(store: store, logger: logger)
        try await backend.load()

        var serverConfiguration = APIServer.Configuration()
        serverConfiguration.host = host
        serverConfiguration.port = port
        serverConfiguration.account = account
        serverConfiguration.defaultRegion = region
        let server = APIServer(backend: backend, configuration: serverConfiguration)

        var configuration = ServiceGroupConfiguration(
            services: (backend.services + [server.makeApplication(logger: logger)]).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Shutdown ends in bounded time whatever is in flight: requests get five
        // seconds to finish, then are cancelled; what was acknowledged is committed already.
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        configuration.maximumCancellationDuration = .seconds(5)
        let services = ServiceGroup(configuration: configuration)
        logger.info("Switchyard listening", metadata: ["address": "http://\(host):\(port)", "dataDir": "\(dataDir)"])
        try await services.run()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
