public import AsyncHTTPClient
import EventPatterns
import Foundation
import NIOCore
import NIOHTTP1

/// Sends generated requests to a running server, several at a time, and checks
/// every answer: never a 5xx, an error always in AWS's JSON shape, and no answer
/// slower than the limit (a long poll is allowed its wait).
public struct FuzzCampaign: Sendable {
    public struct Configuration: Sendable {
        public var endpoint: String
        public var seed: UInt64 = 1
        /// Stops after this many requests…
        public var requests: Int?
        /// …or after this long, whichever comes first.
        public var duration: Duration?
        public var concurrency = 4
        public var slowAnswer: Duration = .seconds(1)
        /// Operations most requests go to (`RequestGenerator.implemented` by default).
        public var focus = RequestGenerator.implemented

        public init(endpoint: String) {
            self.endpoint = endpoint
        }
    }

    public struct Failure: Sendable, CustomStringConvertible {
        public var request: FuzzRequest
        public var reason: String

        public var description: String {
            "\(reason)\n  X-Amz-Target: \(request.target) (\(request.kind.rawValue))\n  body: \(request.excerpt)"
        }
    }

    public struct Report: Sendable {
        public var requests = 0
        public var statuses: [Int: Int] = [:]
        public var byKind: [FuzzRequest.Kind: Int] = [:]
        public var failures: [Failure] = []
        public var failureCount = 0
        /// The slowest answer to anything but a long poll.
        public var slowest: Duration = .zero
        public var slowestRequest: FuzzRequest?

        mutating func merge(_ other: Report) {
            requests += other.requests
            statuses.merge(other.statuses, uniquingKeysWith: +)
            byKind.merge(other.byKind, uniquingKeysWith: +)
            failures += other.failures.prefix(max(0, 20 - failures.count))
            failureCount += other.failureCount
            if other.slowest > slowest {
                slowest = other.slowest
                slowestRequest = other.slowestRequest
            }
        }

        public var serverErrors: Int { statuses.filter { $0.key >= 500 }.values.reduce(0, +) }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(client: HTTPClient) async -> Report {
        let deadline = configuration.duration.map { ContinuousClock.now + $0 }
        let share = configuration.requests.map { ($0 + configuration.concurrency - 1) / configuration.concurrency }
        return await withTaskGroup(of: Report.self) { group in
            for worker in 0..<configuration.concurrency {
                let seed = configuration.seed &* 1_000_003 &+ UInt64(worker)
                group.addTask { await self.work(client: client, seed: seed, requests: share, until: deadline) }
            }
            var total = Report()
            for await report in group { total.merge(report) }
            return total
        }
    }

    private func work(client: HTTPClient, seed: UInt64, requests: Int?, until deadline: ContinuousClock.Instant?) async -> Report {
        var generator = RequestGenerator(focus: configuration.focus, seed: seed)
        var report = Report()
        while requests.map({ report.requests < $0 }) ?? true, deadline.map({ ContinuousClock.now < $0 }) ?? true {
            let request = generator.next()
            report.requests += 1
            report.byKind[request.kind, default: 0] += 1
            let started = ContinuousClock.now
            let reason: String?
            do {
                let (status, body) = try await send(request, client: client)
                let elapsed = ContinuousClock.now - started
                if elapsed > report.slowest, !request.isLongPoll {
                    report.slowest = elapsed
                    report.slowestRequest = request
                }
                report.statuses[status, default: 0] += 1
                reason = Self.problem(status: status, body: body, elapsed: elapsed, request: request, limit: configuration.slowAnswer)
            } catch {
                reason = "no answer: \(error)"
            }
            if let reason {
                report.failureCount += 1
                if report.failures.count < 20 { report.failures.append(Failure(request: request, reason: reason)) }
            }
        }
        return report
    }

    private func send(_ request: FuzzRequest, client: HTTPClient) async throws -> (Int, [UInt8]) {
        var http = HTTPClientRequest(url: configuration.endpoint)
        http.method = .POST
        http.headers.add(name: "X-Amz-Target", value: request.target)
        http.headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
        http.body = .bytes(ByteBuffer(bytes: request.body))
        let response = try await client.execute(http, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return (Int(response.status.code), Array(body.readableBytesView))
    }

    /// What is wrong with an answer, if anything.
    static func problem(status: Int, body: [UInt8], elapsed: Duration, request: FuzzRequest, limit: Duration) -> String? {
        if status >= 500 { return "status \(status): \(String(decoding: body.prefix(300), as: UTF8.self))" }
        let allowed = request.isLongPoll ? limit + .seconds(20) : limit
        if elapsed > allowed { return "answered after \(elapsed), over \(allowed)" }
        guard let document = try? JSONParser.parse(bytes: body), case .object = document else {
            return "status \(status) with a body that is not a JSON object: \(String(decoding: body.prefix(300), as: UTF8.self))"
        }
        if status >= 400, document["__type"]?.stringValue == nil || document["message"]?.stringValue == nil {
            return "status \(status) without AWS's error shape: \(String(decoding: body.prefix(300), as: UTF8.self))"
        }
        return nil
    }
}
