import AsyncHTTPClient
import EventPatterns
import Foundation
import Hummingbird
import Logging
import NIOCore
import Switchyard
import Synchronization
import SwitchyardServer
import SwitchyardSQLite

/// PutEvents over HTTP on loopback, 10 entries a call, one rule matching every
/// event, one queue target, with the server on the embedded SQLite store as
/// `switchyard serve` runs it. Reports accepted events per second at full load,
/// delivered events per second (accepted events over the time until every one is
/// a receivable message), and, at 1,000 events per second, the time from calling
/// PutEvents to receiving the message with a long-polling ReceiveMessage.
enum EventFlowBenchmark {
    static let port = 4599
    static let endpoint = "http://127.0.0.1:\(port)/"
    static let queueArn = "arn:aws:sqs:us-east-1:000000000000:bench"
    static let queueUrl = "http://127.0.0.1:\(port)/000000000000/bench"

    static func run(seconds: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let backend = Backend(store: try SQLiteStore(directory: directory), logger: logger)
        try await backend.load()
        var configuration = APIServer.Configuration()
        configuration.port = port
        let application = APIServer(backend: backend, configuration: configuration).makeApplication(logger: logger)
        let server = Task { try await application.runService() }
        let worker = Task { try await backend.deliveryWorker.run() }
        defer {
            server.cancel()
            worker.cancel()
        }

        // As the SDKs call it: keep-alive connections, no response decompression.
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.decompression = .disabled
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 40
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        try await waitUntilHealthy(client)
        _ = try await call(client, "AmazonSQS.CreateQueue", #"{"QueueName":"bench"}"#)
        _ = try await call(client, "AWSEvents.PutRule", #"{"Name":"all","EventPattern":"{\"source\":[\"bench\"]}"}"#)
        _ = try await call(client, "AWSEvents.PutTargets", #"{"Rule":"all","Targets":[{"Id":"q","Arn":"\#(queueArn)"}]}"#)

        let throughput = try await fullLoad(client, seconds: seconds)
        let latency = try await latencyAtFixedRate(client, eventsPerSecond: 1_000, seconds: seconds)
        let line: [String: Any] = [
            "acceptedEventsPerSecond": throughput.accepted, "deliveredEventsPerSecond": throughput.delivered,
            "latencyAt1000PerSecond": ["p50Milliseconds": latency.p50, "p99Milliseconds": latency.p99, "maxMilliseconds": latency.max],
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: .sortedKeys), as: UTF8.self))
        try await client.shutdown()
    }

    static func fullLoad(_ client: HTTPClient, seconds: Int) async throws -> (accepted: Int, delivered: Int) {
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

    static func receivableCount(_ client: HTTPClient) async throws -> Int {
        let answer = try await call(
            client, "AmazonSQS.GetQueueAttributes",
            #"{"QueueUrl":"\#(queueUrl)","AttributeNames":["ApproximateNumberOfMessages"]}"#)
        return Int(answer["Attributes"]?["ApproximateNumberOfMessages"]?.stringValue ?? "") ?? 0
    }

    static func latencyAtFixedRate(_ client: HTTPClient, eventsPerSecond: Int, seconds: Int) async throws -> (p50: Double, p99: Double, max: Double) {
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
    static func receiveLatencies(_ client: HTTPClient, expecting: Int, origin: ContinuousClock.Instant) async throws -> [Double] {
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

    static func putEvents(_ client: HTTPClient, detail: String) async throws -> Int {
        let entry = #"{"Source":"bench","DetailType":"measured","Detail":"\#(detail)"}"#
        let answer = try await call(client, "AWSEvents.PutEvents", #"{"Entries":[\#(Array(repeating: entry, count: 10).joined(separator: ","))]}"#)
        return 10 - (answer["FailedEntryCount"]?.intValue ?? 10)
    }

    static func receiveAndDelete(_ client: HTTPClient) async throws -> [String] {
        let answer = try await call(client, "AmazonSQS.ReceiveMessage", #"{"QueueUrl":"\#(queueUrl)","MaxNumberOfMessages":10,"WaitTimeSeconds":1}"#)
        let messages = answer["Messages"]?.arrayValue ?? []
        guard !messages.isEmpty else { return [] }
        let entries = messages.enumerated().map { #"{"Id":"\#($0.offset)","ReceiptHandle":"\#($0.element["ReceiptHandle"]?.stringValue ?? "")"}"# }
        _ = try await call(client, "AmazonSQS.DeleteMessageBatch", #"{"QueueUrl":"\#(queueUrl)","Entries":[\#(entries.joined(separator: ","))]}"#)
        return messages.compactMap { $0["Body"]?.stringValue }
    }

    static func call(_ client: HTTPClient, _ target: String, _ body: String) async throws -> JSONValue {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "X-Amz-Target", value: target)
        request.headers.add(name: "Content-Type", value: target.hasPrefix("AmazonSQS") ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let answer = try JSONParser.parse(bytes: Array(bytes.readableBytesView))
        guard response.status == .ok else { throw BenchmarkFailure(description: "\(target): \(answer.jsonText)") }
        return answer
    }

    static func waitUntilHealthy(_ client: HTTPClient) async throws {
        for _ in 0..<100 {
            if let response = try? await client.execute(HTTPClientRequest(url: endpoint + "health"), timeout: .seconds(1)),
               response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchmarkFailure(description: "the server did not start")
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
}

/// A count shared by the receiving tasks.
final class Counter: Sendable {
    private let count: Mutex<Int>
    init(_ value: Int) { count = Mutex(value) }
    var value: Int { count.withLock { $0 } }
    func subtract(_ amount: Int) { count.withLock { $0 -= amount } }
}
