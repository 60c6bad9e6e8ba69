import CompressNIO
public import EventPatterns
public import Foundation
import NIOCore

/// CloudTrail records as users have them: log files (`.json`, `.json.gz`, a
/// `{"Records": […]}` each) in folders as `aws s3 sync` leaves a trail's bucket,
/// and `aws cloudtrail lookup-events` output (`{"Events": [{"CloudTrailEvent": …}]}`).
public enum CloudTrailHistory {
    /// The files under `paths`, folders walked recursively, in path order.
    public static func files(_ paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            guard isFolder.boolValue else {
                files.append(URL(fileURLWithPath: path))
                continue
            }
            let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey])
            while let file = walker?.nextObject() as? URL {
                let name = file.lastPathComponent
                if name.hasSuffix(".json") || name.hasSuffix(".json.gz") { files.append(file) }
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The events of the records a file holds, and why the others were skipped.
    public static func events(in file: URL, account: String?) throws -> (events: [HistoricalEvent], skipped: [HistoricalEvent.Skipped]) {
        try events(inFileBytes: Array(try Data(contentsOf: file)), account: account)
    }

    /// The events of the records in a file's bytes, gzipped or not.
    public static func events(
        inFileBytes fileBytes: [UInt8], account: String?
    ) throws -> (events: [HistoricalEvent], skipped: [HistoricalEvent.Skipped]) {
        var bytes = fileBytes
        // Gzip by its magic number, whatever the file's name says.
        if bytes.starts(with: [0x1F, 0x8B]) {
            var buffer = ByteBuffer(bytes: bytes)
            bytes = Array(try buffer.decompress(with: .gzip()).readableBytesView)
        }
        var events: [HistoricalEvent] = []
        var skipped: [HistoricalEvent.Skipped] = []
        func add(_ make: () throws(HistoricalEvent.Skipped) -> HistoricalEvent) {
            do {
                events.append(try make())
            } catch {
                skipped.append(error)
            }
        }
        var scanner = CloudTrailLogScanner(bytes)
        if let scanned = scanner.records() {
            events.reserveCapacity(scanned.count)
            for record in scanned { add { () throws(HistoricalEvent.Skipped) in try HistoricalEvent(scanned: record, account: account) } }
        } else {
            for record in try records(in: JSONParser.parse(bytes: bytes)) {
                add { () throws(HistoricalEvent.Skipped) in try HistoricalEvent(record: record, account: account) }
            }
        }
        return (events, skipped)
    }

    /// The records of a document in any other form: lookup-events output, a list of
    /// records, or one record.
    public static func records(in document: JSONValue) throws -> [JSONValue] {
        if let records = document["Records"]?.arrayValue { return records }
        if let events = document["Events"]?.arrayValue {
            return try events.compactMap { try $0["CloudTrailEvent"]?.stringValue.map { try JSONParser.parse($0) } }
        }
        if let records = document.arrayValue { return records }
        return document["eventVersion"] != nil ? [document] : []
    }
}

/// The event EventBridge delivers for a CloudTrail record: `source` from its
/// `eventSource`, `detail-type` from its `eventType`, `time` its `eventTime`,
/// `region` its `awsRegion`, `account` the account that received it, no resources,
/// the record as `detail`.
public struct HistoricalEvent: Sendable {
    public enum Skipped: Error {
        /// A kind of record EventBridge does not deliver (Insights, network activity).
        case notDelivered
        /// A record without the members an event needs.
        case incomplete
        case overSizeLimit
    }

    public var bytes: [UInt8]
    public var region: String
    public var readOnly: Bool

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// AWS's limit on an event's size.
    static let maximumSize = 262_144

    /// `account`, when given, replaces the record's own.
    public init(record: JSONValue, account: String?) throws(Skipped) {
        guard let eventType = record["eventType"]?.stringValue, let eventSource = record["eventSource"]?.stringValue,
              let time = record["eventTime"]?.stringValue, let region = record["awsRegion"]?.stringValue,
              let recordAccount = record["recipientAccountId"]?.stringValue ?? record["userIdentity"]?["accountId"]?.stringValue else {
            throw .incomplete
        }
        try self.init(
            eventType: eventType, eventSource: eventSource, time: time, region: region, account: account ?? recordAccount,
            readOnly: record["readOnly"]?.boolValue ?? false, detail: Array(record.jsonText.utf8)[...])
    }

    /// A record as the scanner found it; one whose members it cannot take as they
    /// are (escaped, or missing) is read whole.
    init(scanned record: CloudTrailLogScanner.Record, account: String?) throws(Skipped) {
        func member(_ name: String) -> String? {
            guard let bytes = record.members[name], !bytes.contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let eventType = member("eventType"), let eventSource = member("eventSource"), let time = member("eventTime"),
              let region = member("awsRegion"), let recordAccount = member("recipientAccountId") else {
            guard let parsed = try? JSONParser.parse(bytes: Array(record.bytes)) else { throw .incomplete }
            try self.init(record: parsed, account: account)
            return
        }
        try self.init(
            eventType: eventType, eventSource: eventSource, time: time, region: region, account: account ?? recordAccount,
            readOnly: record.readOnly, detail: record.bytes)
    }

    private init(
        eventType: String, eventSource: String, time: String, region: String, account: String, readOnly: Bool,
        detail: ArraySlice<UInt8>
    ) throws(Skipped) {
        guard let detailType = CloudTrailEvents.detailType(forEventType: eventType) else { throw .notDelivered }
        let envelope = JSONValue.structure([
            "version": JSONValue("0"),
            "id": JSONValue(UUID().uuidString.lowercased()),
            "detail-type": JSONValue(detailType),
            "source": JSONValue(CloudTrailEvents.source(forEventSource: eventSource)),
            "account": JSONValue(account),
            "time": JSONValue(time),
            "region": JSONValue(region),
            "resources": .array([]),
        ]).jsonText
        var bytes = Array(envelope.utf8.dropLast())
        bytes.reserveCapacity(bytes.count + detail.count + 12)
        bytes += #","detail":"#.utf8
        bytes += detail
        bytes.append(UInt8(ascii: "}"))
        guard bytes.count <= Self.maximumSize else { throw .overSizeLimit }
        self.bytes = bytes
        self.region = region
        self.readOnly = readOnly
    }
}
