import AsyncHTTPClient
import EventPatterns
import Foundation
import Hummingbird
import Logging
import NIOCore
import Switchyard
import Synchronization
import SwitchyardPostgres
import SwitchyardServer
import SwitchyardSQLite

/// PutEvents over HTTP on loopback, 10 entries a call, one rule matching every
/// event, one queue target. The server runs as `switchyard serve` runs it: on the
/// embedded SQLite store, or with `--store postgresql://…` as `--nodes` nodes on
/// that database, each with its own connections, the calls spread over them.
/// Reports accepted events per second at full load, delivered events per second
/// (accepted events over the time until every one is a receivable message), and,
/// at 1,000 events per second, the time from calling PutEvents to receiving the
/// message with a long-polling ReceiveMessage.
enum EventFlowBenchmark {
    static let port = 4599
    static let queueArn = "arn:aws:sqs:us-east-1:000000000000:bench"
    static let queueUrl = "http://127.0.0.1:\(port)/000000000000/bench"

    static func run(seconds: Int, store url: String?, nodes: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        var stores: [any Store] = []
        if let url {
            for _ in 0..<nodes { stores.append(try await PostgresStore.open(try PostgresLocation(url: url), logger: logger)) }
        } else {
            guard nodes == 1 else { throw BenchmarkFailure(description: "the embedded store serves one node; give --store for more") }
            stores.append(try SQLiteStore(directory: directory))
        }
        var tasks: [Task<Void, any Error>] = []
        for (index, store) in stores.enumerated() {
            let backend = Backend(store: store, logger: logger)
            try await backend.load()
            var configuration = APIServer.Configuration()
            configuration.port = port + index
            let application = APIServer(backend: backend, configuration: configuration).makeApplication(logger: logger)
            tasks.append(Task { try await application.runService() })
            for service in backend.services { tasks.append(Task { try await service.run() }) }
        }
        defer { for task in tasks { task.cancel() } }

        // As the SDKs call it: keep-alive connections, no response decompression.
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.decompression = .disabled
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 40
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let client = FlowClient(http: http, endpoints: (0..<stores.count).map { "http://127.0.0.1:\(port + $0)/" })
        try await waitUntilHealthy(client)
        _ = try await call(client, "AmazonSQS.CreateQueue", #"{"QueueName":"bench"}"#)
        _ = try await call(client, "AmazonSQS.PurgeQueue", #"{"QueueUrl":"\#(queueUrl)"}"#)
        _ = try await call(client, "AWSEvents.PutRule", #"{"Name":"all","EventPattern":"{\"source\":[\"bench\"]}"}"#)
        _ = try await call(client, "AWSEvents.PutTargets", #"{"Rule":"all","Targets":[{"Id":"q","Arn":"\#(queueArn)"}]}"#)
        // Every node follows the rule within its follower's second.
        try await Task.sleep(for: .seconds(1.5))

        // The steady rate first: right after the full load, the database is still
        // recovering from its burst (see the README's figures for both orders).
        let latency = try await latencyAtFixedRate(client, eventsPerSecond: 1_000, seconds: seconds)
        let throughput = try await fullLoad(client, seconds: seconds)
        let line: [String: Any] = [
            "store": url.map { (try? PostgresLocation(url: $0).description) ?? $0 } ?? "sqlite", "nodes": stores.count,
            "acceptedEventsPerSecond": throughput.accepted, "deliveredEventsPerSecond": throughput.delivered,
            "latencyAt1000PerSecond": ["p50Milliseconds": latency.p50, "p99Milliseconds": latency.p99, "maxMilliseconds": latency.max],
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: .sortedKeys), as: UTF8.self))
        try await http.shutdown()
        for store in stores { if let postgres = store as? PostgresStore { await postgres.close() } }
    }

    static func fullLoad(_ client: FlowClient, seconds: Int) async throws -> (accepted: Int, delivered: Int) {
        let start = ContinuousClock.now
        let end = start + .seconds(seconds)
        let accepted = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < end {
                        count += try await putEvents(client, detail: #"{\"n\":1}"#)
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        // Delivered means receivable: every accepted event is a message in the queue.
        while try await receivableCount(client) < accepted {
            try await Task.sleep(for: .milliseconds(10))
        }
        let elapsed = ContinuousClock.now - start
        let deliveredSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        _ = try await call(client, "AmazonSQS.PurgeQueue", #"{"QueueUrl":"\#(queueUrl)"}"#)
        return (accepted / seconds, Int(Double(accepted) / deliveredSeconds))
    }

    static func receivableCount(_ client: FlowClient) async throws -> Int {
        let answer = try await call(
            client, "AmazonSQS.GetQueueAttributes",
            #"{"QueueUrl":"\#(queueUrl)","AttributeNames":["ApproximateNumberOfMessages"]}"#)
        return Int(answer["Attributes"]?["ApproximateNumberOfMessages"]?.stringValue ?? "") ?? 0
    }

    static func latencyAtFixedRate(_ client: FlowClient, eventsPerSecond: Int, seconds: Int) async throws -> (p50: Double, p99: Double, max: Double) {
        let origin = ContinuousClock.now
        let calls = eventsPerSecond / 10 * seconds
        let interval = Duration.seconds(1) / (eventsPerSecond / 10)
        async let latencies = receiveLatencies(client, expecting: calls * 10, origin: origin)
        for index in 0..<calls {
            let due = origin + interval * index
            try await Task.sleep(until: due, clock: .continuous)
            let sent = (ContinuousClock.now - origin) / .microseconds(1)
            Task { _ = try await putEvents(client, detail: #"{\"sentMicroseconds\":\#(Int(sent))}"#) }
        }
        let sorted = try await latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return (percentile(0.5), percentile(0.99), sorted.last ?? 0)
    }

    /// Receives until `expecting` messages came, noting for each how long after its
    /// PutEvents call it was received.
    static func receiveLatencies(_ client: FlowClient, expecting: Int, origin: ContinuousClock.Instant) async throws -> [Double] {
        try await withThrowingTaskGroup(of: [Double].self) { group in
            let remaining = Counter(expecting)
            for _ in 0..<4 {
                group.addTask {
                    var latencies: [Double] = []
                    while remaining.value > 0 {
                        let bodies = try await receiveAndDelete(client)
                        let now = Double((ContinuousClock.now - origin) / .microseconds(1))
                        for body in bodies {
                            let sent = try JSONParser.parse(body)["detail"]?["sentMicroseconds"]
                            if case .number(let number)? = sent { latencies.append((now - number.value) / 1_000) }
                        }
                        remaining.subtract(bodies.count)
                    }
                    return latencies
                }
            }
            return try await group.reduce([], +)
        }
    }

    static func putEvents(_ client: FlowClient, detail: String) async throws -> Int {
        let entry = #"{"Source":"bench","DetailType":"measured","Detail":"\#(detail)"}"#
        let answer = try await call(client, "AWSEvents.PutEvents", #"{"Entries":[\#(Array(repeating: entry, count: 10).joined(separator: ","))]}"#)
        return 10 - (answer["FailedEntryCount"]?.intValue ?? 10)
    }

    static func receiveAndDelete(_ client: FlowClient) async throws -> [String] {
        let answer = try await call(client, "AmazonSQS.ReceiveMessage", #"{"QueueUrl":"\#(queueUrl)","MaxNumberOfMessages":10,"WaitTimeSeconds":1}"#)
        let messages = answer["Messages"]?.arrayValue ?? []
        guard !messages.isEmpty else { return [] }
        let entries = messages.enumerated().map { #"{"Id":"\#($0.offset)","ReceiptHandle":"\#($0.element["ReceiptHandle"]?.stringValue ?? "")"}"# }
        _ = try await call(client, "AmazonSQS.DeleteMessageBatch", #"{"QueueUrl":"\#(queueUrl)","Entries":[\#(entries.joined(separator: ","))]}"#)
        return messages.compactMap { $0["Body"]?.stringValue }
    }

    static func call(_ client: FlowClient, _ target: String, _ body: String) async throws -> JSONValue {
        var request = HTTPClientRequest(url: client.nextEndpoint())
        request.method = .POST
        request.headers.add(name: "X-Amz-Target", value: target)
        request.headers.add(name: "Content-Type", value: target.hasPrefix("AmazonSQS") ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let answer = try JSONParser.parse(bytes: Array(bytes.readableBytesView))
        guard response.status == .ok else { throw BenchmarkFailure(description: "\(target): \(answer.jsonText)") }
        return answer
    }

    static func waitUntilHealthy(_ client: FlowClient) async throws {
        for endpoint in client.endpoints {
            var healthy = false
            for _ in 0..<100 where !healthy {
                let response = try? await client.http.execute(HTTPClientRequest(url: endpoint + "health"), timeout: .seconds(1))
                healthy = response?.status == .ok
                if !healthy { try await Task.sleep(for: .milliseconds(50)) }
            }
            guard healthy else { throw BenchmarkFailure(description: "the server at \(endpoint) did not start") }
        }
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
}

/// The HTTP client and the nodes it spreads its calls over, in turn.
struct FlowClient: Sendable {
    let http: HTTPClient
    let endpoints: [String]
    private let turn = Turn()

    init(http: HTTPClient, endpoints: [String]) {
        self.http = http
        self.endpoints = endpoints
    }

    func nextEndpoint() -> String { endpoints[turn.next() % endpoints.count] }
}

final class Turn: Sendable {
    private let count = Atomic<Int>(0)
    func next() -> Int { count.add(1, ordering: .relaxed).oldValue }
}

/// A count shared by the receiving tasks.
final class Counter: Sendable {
    private let count: Mutex<Int>
    init(_ value: Int) { count = Mutex(value) }
    var value: Int { count.withLock { $0 } }
    func subtract(_ amount: Int) { count.withLock { $0 -= amount } }
}
