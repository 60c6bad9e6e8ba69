import CompressNIO
public import Foundation
import NIOCore
import Synchronization

/// Writes trails' log files as CloudTrail writes them to a bucket, under
/// `<folder>/<bucket>/`: `[<prefix>/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
/// <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 characters>.json.gz`, each a
/// gzipped `{"Records": […]}` of one Region's calls. Records wait in memory and
/// are written every `interval`, as CloudTrail gathers calls into a file every few
/// minutes; whatever waits is written when the server stops.
public final class TrailLogFiles: Sendable {
    public let folder: URL
    private let pending = Mutex<[Key: [String]]>([:])

    struct Key: Hashable {
        var trail: Trail.Destination
        var account: String
        var region: String
    }

    public init(folder: URL) {
        self.folder = folder
    }

    func append(_ record: CloudTrailRecord, for trail: Trail) {
        let key = Key(trail: trail.destination, account: record.owner.account, region: record.owner.region)
        pending.withLock { $0[key, default: []].append(record.text) }
    }

    /// Writes a file for each trail and Region with records waiting; returns the
    /// trails that got one.
    @discardableResult
    func flush(at moment: Date) throws -> Set<String> {
        let batches = pending.withLock { pending in
            defer { pending = [:] }
            return pending
        }
        var delivered: Set<String> = []
        for (key, records) in batches {
            let path = Self.path(key, at: moment)
            let file = folder.appendingPathComponent(key.trail.bucket).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            var text = ByteBuffer(string: #"{"Records":["# + records.joined(separator: ",") + "]}")
            let zipped = try text.compress(with: .gzip())
            try Data(zipped.readableBytesView).write(to: file, options: .atomic)
            delivered.insert(key.trail.arn)
        }
        return delivered
    }

    /// Where CloudTrail puts a log file in its bucket.
    static func path(_ key: Key, at moment: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let day = "\(parts.year ?? 0)/\(two(parts.month))/\(two(parts.day))"
        let stamp = "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))Z"
        let characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let unique = String((0..<16).map { _ in characters.randomElement()! })
        let name = "\(key.account)_CloudTrail_\(key.region)_\(stamp)_\(unique).json.gz"
        let prefix = key.trail.prefix.map { "\($0)/" } ?? ""
        return "\(prefix)AWSLogs/\(key.account)/CloudTrail/\(key.region)/\(day)/\(name)"
    }
}

extension Trail {
    /// Where a trail's files go.
    struct Destination: Hashable {
        var arn: String
        var bucket: String
        var prefix: String?
    }

    var destination: Destination { Destination(arn: arn, bucket: s3BucketName, prefix: s3KeyPrefix) }
}
