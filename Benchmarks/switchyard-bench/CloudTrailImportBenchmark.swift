import CompressNIO
import EventPatterns
import Foundation
import NIOCore
import Switchyard

/// `import-cloudtrail --dry-run` speed: CloudTrail records read from gzipped log
/// files, turned into the events EventBridge delivers, and matched against ten
/// rules, a file per core at a time as the command does. The records are in the
/// form of AWS's documentation examples, about 700 bytes each, in files of 10,000.
enum CloudTrailImportBenchmark {
    static func run(records count: Int, runs: Int) async throws {
        let files = try (0..<(count + 9_999) / 10_000).map { file in
            let records = (file * 10_000..<min(count, (file + 1) * 10_000)).map(record)
            var buffer = ByteBuffer(string: #"{"Records":["# + records.joined(separator: ",") + "]}")
            return Array(try buffer.compress(with: .gzip()).readableBytesView)
        }
        let machine = PatternMachine()
        for (index, service) in ["s3", "ec2", "iam", "sts", "kms"].enumerated() {
            machine.set("\(service)-writes", to: try EventPattern(#"{"source":["aws.\#(service)"],"detail":{"readOnly":[false]}}"#))
            machine.set("\(service)-\(index)", to: try EventPattern(
                #"{"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["\#(service).amazonaws.com"],"eventName":[{"prefix":"Create"}]}}"#))
        }
        var rates: [Int] = []
        var matched = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            matched = try await withThrowingTaskGroup(of: Int.self) { group in
                var next = 0
                func start() {
                    guard next < files.count else { return }
                    let file = files[next]
                    next += 1
                    group.addTask {
                        try CloudTrailHistory.events(inFileBytes: file, account: nil).events
                            .reduce(0) { $0 + (try machine.matches($1.bytes).count) }
                    }
                }
                for _ in 0..<ProcessInfo.processInfo.activeProcessorCount { start() }
                var total = 0
                while let matches = try await group.next() {
                    total += matches
                    start()
                }
                return total
            }
            let elapsed = ContinuousClock.now - start
            rates.append(Int(Double(count) / (Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))))
        }
        printJSON(["records": count, "files": files.count, "matches": matched, "recordsPerSecond": rates])
    }

    static let services = ["s3", "ec2", "iam", "sts", "kms", "lambda", "dynamodb"]
    static let verbs = ["Create", "Describe", "Put", "Delete", "Get", "List", "Update"]

    static func record(_ index: Int) -> String {
        let service = services[index % services.count]
        let verb = verbs[index % verbs.count]
        let readOnly = ["Describe", "Get", "List"].contains(verb)
        return #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDACKCEVSQ6C2EXAMPLE","arn":"arn:aws:iam::111122223333:user/Mary_Major","accountId":"111122223333","accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"Mary_Major"},"eventTime":"2024-01-15T10:05:12Z","eventSource":"\#(service).amazonaws.com","eventName":"\#(verb)Thing\#(index % 13)","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.0","userAgent":"aws-cli/2.13.5 Python/3.11.4 Linux/6.2 exe/x86_64.ubuntu.22","requestParameters":{"name":"thing-\#(index)","tags":[{"key":"team","value":"blue"}]},"responseElements":null,"requestID":"47B8E8D3-97DC-E7A6-\#(index)","eventID":"\#(UUID().uuidString.lowercased())","readOnly":\#(readOnly),"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}"#
    }
}
