public import ArgumentParser
import Foundation
public import Logging
import ServiceLifecycle
import Switchyard
import SwitchyardPostgres
import SwitchyardServer
import SwitchyardSQLite
import SwitchyardTargets
import AsyncHTTPClient

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

    @Option(help: ArgumentHelp(
        "A PostgreSQL database to keep everything in, shared by every node given the same one.",
        discussion: "postgresql://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=disable|prefer|require]; also read from SWITCHYARD_STORE. Without it, the embedded SQLite store under --data-dir.",
        valueName: "url"))
    var store: String?

    @Option(help: ArgumentHelp(
        "The 32-byte key that seals connections' secrets.",
        discussion: "Created with owner-only permissions when missing. Defaults to secrets.key under --data-dir; nodes that share a PostgreSQL store must share it.",
        valueName: "file"))
    var secretsKeyFile: String?

    @Option(help: "Seconds a node holds the deliveries it claimed before another node may take them over.")
    var deliveryLease = 60

    @Option(help: ArgumentHelp(
        "Require every request to be signed with one of these keys.",
        discussion: "An AWS shared-credentials file: a profile per key pair, with aws_access_key_id, aws_secret_access_key, optionally aws_session_token, and aws_account_id, the account the pair acts in. Read again on SIGHUP. Without it, the server takes any request.",
        valueName: "file"))
    var credentials: String?

    @Option(help: "The account requests act in when the server takes any request and the access key is not a 12-digit account ID.")
    var account = "000000000000"

    @Option(help: "The Region of requests that carry no SigV4 credential scope.")
    var region = "us-east-1"

    @Option(help: ArgumentHelp(
        "Let an account act as a SaaS partner under a name (repeatable).",
        discussion: "ACCOUNT=NAME lets the 12-digit ACCOUNT create partner event sources named aws.partner/NAME/… for customer accounts and put events on them, as partners registered with AWS do.",
        valueName: "account=name"))
    var partner: [String] = []

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    /// `--partner` as the control plane takes it: the partner names of each account.
    var partners: [String: Set<String>] {
        get throws {
            var partners: [String: Set<String>] = [:]
            for value in partner {
                let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[0].count == 12, parts[0].allSatisfy(\.isNumber),
                      !parts[1].isEmpty, parts[1].allSatisfy({ $0.isLetter || $0.isNumber || ".-_".contains($0) }) else {
                    throw ValidationError("--partner takes ACCOUNT=NAME: a 12-digit account and a partner name such as example.com.")
                }
                partners[parts[0], default: []].insert(parts[1])
            }
            return partners
        }
    }

    func validate() throws {
        guard account.count == 12, account.allSatisfy(\.isNumber) else {
            throw ValidationError("--account must be 12 digits.")
        }
        _ = try partners
        guard deliveryLease > 0 else { throw ValidationError("--delivery-lease must be a positive number of seconds.") }
        if let url = storeURL {
            do {
                _ = try PostgresLocation(url: url)
            } catch {
                throw ValidationError("--store: \(error)")
            }
        }
    }

    /// The flag, else the environment; nil for the embedded store.
    var storeURL: String? {
        store ?? ProcessInfo.processInfo.environment["SWITCHYARD_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "switchyard")
        let store: any Store
        let storeName: String
        if let url = storeURL {
            let postgres = try await PostgresStore.open(try PostgresLocation(url: url), logger: logger)
            store = postgres
            storeName = postgres.location.description
        } else {
            store = try SQLiteStore(directory: URL(fileURLWithPath: dataDir))
            storeName = dataDir
        }
        var deliveries = DeliveryWorker.Configuration()
        deliveries.lease = TimeInterval(deliveryLease)
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let secrets = try SecretBox.key(
            in: URL(fileURLWithPath: secretsKeyFile ?? URL(fileURLWithPath: dataDir).appendingPathComponent("secrets.key").path))
        var controlPlaneConfiguration = ControlPlane.Configuration()
        controlPlaneConfiguration.partners = try partners
        let keys = try credentials.map { try KeyRing(file: URL(fileURLWithPath: $0)) }
        let backend = Backend(
            store: store, logger: logger, deliveries: deliveries,
            invokers: [
                .awsService: AWSServiceTargets(http: HTTPClient.shared),
                .apiDestination: ApiDestinationTargets(http: HTTPClient.shared, store: store, secrets: secrets),
                .apiGateway: ApiGatewayTargets(http: HTTPClient.shared),
            ],
            secrets: secrets, trailLogFolder: URL(fileURLWithPath: dataDir).appendingPathComponent("buckets"),
            organizations: keys ?? NoOrganizations() as any Organizations, controlPlaneConfiguration: controlPlaneConfiguration)
        try await backend.load()

        var serverConfiguration = APIServer.Configuration()
        serverConfiguration.host = host
        serverConfiguration.port = port
        serverConfiguration.account = account
        serverConfiguration.defaultRegion = region
        var services = backend.services
        if let keys {
            serverConfiguration.authentication = .verified(keys)
            services.append(CredentialsReloader(keys: keys, logger: logger))
        }
        let server = APIServer(backend: backend, configuration: serverConfiguration)

        var configuration = ServiceGroupConfiguration(
            services: (services + [server.makeApplication(logger: logger)]).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Shutdown ends in bounded time whatever is in flight: requests get five
        // seconds to finish, then are cancelled; what was acknowledged is committed already.
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        configuration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: configuration)
        logger.info("Switchyard listening", metadata: [
            "address": "http://\(host):\(port)", "store": "\(storeName)",
            "authentication": "\(credentials == nil ? "open" : "signed requests only")",
        ])
        try await group.run()
        if let postgres = store as? PostgresStore { await postgres.close() }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
