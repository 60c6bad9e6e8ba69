public import AsyncHTTPClient
public import Foundation

/// A `switchyard serve` child process on a free loopback port with a data folder of
/// its own: a crash shows as the process ending, not as the caller dying with it.
public final class ServerProcess: @unchecked Sendable {
    public let port: Int
    public let dataDirectory: URL
    private let process = Process()

    public var endpoint: String { "http://127.0.0.1:\(port)/" }
    public var isRunning: Bool { process.isRunning }
    public var terminationStatus: Int32 { process.terminationStatus }

    /// Starts `binary serve` and waits until `/health` answers.
    public init(binary: URL, arguments: [String] = [], client: HTTPClient) async throws {
        port = try Self.freePort()
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-fuzz-\(UUID().uuidString)")
        process.executableURL = binary
        process.arguments = ["serve", "--port", String(port), "--data-dir", dataDirectory.path, "--log-level", "critical"] + arguments
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, process.isRunning {
            if await Self.isHealthy(port: port, client: client) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw ServerError.notHealthy
    }

    enum ServerError: Error {
        case notHealthy
    }

    /// Sends SIGTERM and waits for the process to end; returns how long that took,
    /// or nil if it had to be killed after `limit`.
    public func stop(within limit: Duration = .seconds(10)) async -> Duration? {
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        guard process.isRunning else { return .zero }
        let started = ContinuousClock.now
        process.terminate()
        while process.isRunning, ContinuousClock.now - started < limit {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard process.isRunning else { return ContinuousClock.now - started }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }

    private static func isHealthy(port: Int, client: HTTPClient) async -> Bool {
        let response = try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/health"), timeout: .seconds(1))
        return response?.status == .ok
    }

    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard bound else { throw ServerError.notHealthy }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
