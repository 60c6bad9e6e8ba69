import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store lives, from a URL in the form libpq and every
/// PostgreSQL tool accept: `postgresql://USER:PASSWORD@HOST:PORT/DATABASE`, with
/// `?sslmode=disable|prefer|require` (disable when absent).
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    var password: String?
    public var database: String
    public var sslMode: SSLMode

    public enum SSLMode: String, Sendable {
        case disable, prefer, require
    }

    public struct InvalidURL: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(url: String) throws(InvalidURL) {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              ["postgresql", "postgres"].contains(scheme.lowercased()) else {
            throw InvalidURL(description: "A store URL looks like postgresql://USER:PASSWORD@HOST:PORT/DATABASE.")
        }
        guard let host = components.host, !host.isEmpty else {
            throw InvalidURL(description: "The store URL names no host.")
        }
        guard let username = components.user, !username.isEmpty else {
            throw InvalidURL(description: "The store URL names no user.")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw InvalidURL(description: "The store URL names no database; add /DATABASE after the host.")
        }
        var sslMode = SSLMode.disable
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                throw InvalidURL(description: "The store URL's parameters are sslmode=disable, prefer or require.")
            }
            sslMode = mode
        }
        self.host = host
        port = components.port ?? 5432
        self.username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? username
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = components.percentEncodedPath.dropFirst().removingPercentEncoding ?? database
        self.sslMode = sslMode
    }

    /// The URL without its password: what logs and errors may show.
    public var description: String {
        "postgresql://\(username)@\(host):\(port)/\(database)"
    }

    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        // Connections kept open even when idle: opening one costs a request several milliseconds.
        configuration.options.minimumConnections = 4
        configuration.options.maximumConnections = 40
        return configuration
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}
