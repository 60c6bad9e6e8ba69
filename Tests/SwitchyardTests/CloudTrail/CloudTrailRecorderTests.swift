import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

/// Records of API calls reaching event history, rules and log files, driven by hand.
final class CloudTrailRecorderTests: Sendable {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let clock = TestClock()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)")
    let backend: Backend
    let queue: Queue

    init() async throws {
        backend = Backend(
            store: try SQLiteStore.temporary(), logger: Logger(label: "test"), clock: clock, trailLogFolder: folder)
        queue = try await backend.queues.createQueue(named: "q", attributes: [:], caller: caller)
        _ = try await backend.controlPlane.createTrail("audit", bucket("audit-logs"), tags: [], caller: caller)
        try await backend.controlPlane.startLogging("audit", caller: caller)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func bucket(_ name: String) -> ControlPlane.TrailSettings {
        var settings = ControlPlane.TrailSettings()
        settings.s3BucketName = name
        return settings
    }

    func rule(_ name: String, eventName: String, state: Rule.State = .enabled) async throws {
        let pattern = #"{"source":["aws.events"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventName":["\#(eventName)"]}}"#
        _ = try await backend.controlPlane.putRule(name, onBus: nil, .init(eventPattern: pattern, state: state), tags: [], caller: caller)
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Input":"\"\#(name)\"","Arn":"\#(queue.arn)"}"#))
        #expect(try await backend.controlPlane.putTargets([target], rule: name, onBus: nil, caller: caller).isEmpty)
    }

    func record(_ eventName: String, readOnly: Bool = false, padding: Int = 0, isManagement: Bool = true) -> CloudTrailRecord {
        let text = #"{"eventSource":"events.amazonaws.com","eventName":"\#(eventName)","readOnly":\#(readOnly),"padding":"\#(String(repeating: "x", count: padding))"}"#
        return CloudTrailRecord(
            owner: caller, eventId: UUID().uuidString, eventTime: clock.now, eventSource: "events.amazonaws.com",
            eventName: eventName, readOnly: readOnly, isManagement: isManagement, username: "root", resources: [], text: text)
    }

    /// The rules whose targets the queue heard from.
    func deliveredTo() async throws -> [String] {
        try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
            .map(\.body).sorted()
    }

    @Test func aLoggedCallReachesItsRulesAndEventHistory() async throws {
        try await rule("created", eventName: "CreateEventBus")
        backend.cloudTrail.record(record("CreateEventBus"))
        try await backend.cloudTrail.recordPending()
        #expect(try await deliveredTo() == [#""created""#])
        let found = try await backend.controlPlane.lookupEvents(
            [.init(key: "EventName", value: "CreateEventBus")], startTime: nil, endTime: nil, maxResults: nil, nextToken: nil,
            caller: caller)
        #expect(found.records.map(\.eventName) == ["CreateEventBus"])
    }

    @Test func readOnlyCallsReachOnlyRulesEnabledForAllManagementEvents() async throws {
        try await rule("plain", eventName: "ListRules")
        try await rule("all", eventName: "ListRules", state: .enabledWithAllCloudTrailManagementEvents)
        backend.cloudTrail.record(record("ListRules", readOnly: true))
        try await backend.cloudTrail.recordPending()
        #expect(try await deliveredTo() == [#""all""#])
    }

    @Test func withLoggingStoppedCallsReachHistoryButNoRule() async throws {
        try await rule("created", eventName: "CreateEventBus")
        try await backend.controlPlane.stopLogging("audit", caller: caller)
        backend.cloudTrail.record(record("CreateEventBus"))
        try await backend.cloudTrail.recordPending()
        #expect(try await deliveredTo().isEmpty)
        #expect(try await backend.controlPlane.lookupEvents([], startTime: nil, endTime: nil, maxResults: nil, nextToken: nil, caller: caller)
            .records.count == 1)
    }

    @Test func aRecordOver256KBIsNotDelivered() async throws {
        try await rule("created", eventName: "CreateEventBus")
        backend.cloudTrail.record(record("CreateEventBus", padding: 262_144))
        try await backend.cloudTrail.recordPending()
        #expect(try await deliveredTo().isEmpty)
    }

    @Test func dataEventsNeedATrailThatAsksForThemAndStayOutOfHistory() async throws {
        try await rule("sent", eventName: "PutEvents")
        #expect(!backend.cloudTrail.wantsDataEvents(in: caller))
        _ = try await backend.controlPlane.putEventSelectors(
            "audit", eventSelectors: nil,
            advancedEventSelectors: try JSONParser.parse(#"[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]}]}]"#),
            caller: caller)
        try await backend.cloudTrail.recordPending()
        #expect(backend.cloudTrail.wantsDataEvents(in: caller))
        backend.cloudTrail.record(record("PutEvents", isManagement: false))
        try await backend.cloudTrail.recordPending()
        #expect(try await deliveredTo() == [#""sent""#])
        #expect(try await backend.controlPlane.lookupEvents([], startTime: nil, endTime: nil, maxResults: nil, nextToken: nil, caller: caller)
            .records.isEmpty)
    }

    @Test func logFilesAreCloudTrailsGzippedRecordsInItsLayout() async throws {
        backend.cloudTrail.record(record("CreateEventBus"))
        try await backend.cloudTrail.recordPending()
        await backend.cloudTrail.writeLogFiles()
        let day = folder.appendingPathComponent("audit-logs/AWSLogs/111111111111/CloudTrail/eu-west-1/2023/11/14")
        let files = try FileManager.default.contentsOfDirectory(atPath: day.path)
        #expect(files.count == 1)
        #expect(files.first?.wholeMatch(of: /111111111111_CloudTrail_eu-west-1_20231114T2213Z_[A-Za-z0-9]{16}\.json\.gz/) != nil)
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["gzip", "-dc", day.appendingPathComponent(files[0]).path]
        let output = Pipe()
        unzip.standardOutput = output
        try unzip.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        #expect(try JSONParser.parse(text)["Records"]?.arrayValue?.first?["eventName"]?.stringValue == "CreateEventBus")
        let status = try await backend.controlPlane.trail("audit", caller: caller)
        #expect(status.latestDeliveryTime == clock.now)
    }
}
