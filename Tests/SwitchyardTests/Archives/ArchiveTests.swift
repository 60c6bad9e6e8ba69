import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

/// Archives fed by their managed rules, and replays of them, on a test clock.
final class ArchiveTests: Sendable {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let clock = TestClock()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)")
    let backend: Backend
    let queue: Queue
    var busArn: String { ResourceName.eventBus("default", caller) }
    var archiveArn: String { Archive.arn("shop", caller) }

    init() async throws {
        backend = Backend(store: try SQLiteStore(directory: directory), logger: Logger(label: "test"), clock: clock)
        queue = try await backend.queues.createQueue(named: "q", attributes: [:], caller: caller)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func rule(_ name: String, pattern: String = #"{"source":["shop"]}"#) async throws {
        _ = try await backend.controlPlane.putRule(name, onBus: nil, .init(eventPattern: pattern), tags: [], caller: caller)
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Arn":"\#(queue.arn)","Input":"\"\#(name)\""}"#))
        #expect(try await backend.controlPlane.putTargets([target], rule: name, onBus: nil, caller: caller).isEmpty)
    }

    func archive(pattern: String? = #"{"source":["shop"]}"#, retentionDays: Int? = nil) async throws {
        _ = try await backend.controlPlane.createArchive(
            "shop", eventSourceArn: busArn, .init(eventPattern: pattern, retentionDays: retentionDays), caller: caller)
    }

    func put(_ n: Int, source: String = "shop") async throws {
        let results = try await backend.dataPlane.putEvents(
            [PutEventsEntry(source: source, detailType: "order", detail: #"{"n":\#(n)}"#)], caller: caller)
        guard case .accepted = results.first else { throw Failure("not accepted: \(results)") }
    }

    func eventCount() async throws -> Int {
        try await backend.controlPlane.describeArchive("shop", caller: caller).eventCount
    }

    /// The queue's messages, each the name of the rule that sent it.
    func received() async throws -> [String] {
        var bodies: [String] = []
        while true {
            let batch = try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
            if batch.isEmpty { return bodies }
            bodies += batch.map(\.body)
        }
    }

    func replay(
        _ name: String = "again", from start: TimeInterval, to end: TimeInterval, filter: [String] = []
    ) async throws -> Replay {
        try await backend.controlPlane.startReplay(
            name,
            .init(
                archiveArn: archiveArn, eventStartTime: Date(timeIntervalSince1970: start),
                eventEndTime: Date(timeIntervalSince1970: end), destinationArn: busArn, filterArns: filter),
            caller: caller)
    }

    func replayToTheEnd(_ replayer: Replayer? = nil) async throws {
        while try await (replayer ?? backend.replayer).replayNextBatch() {}
    }

    @Test func anArchiveIsFedByARuleEventBridgeManages() async throws {
        try await archive()
        let rule = try await backend.controlPlane.describeRule("Events-Archive-shop", onBus: nil, caller: caller)
        #expect(rule.managedBy == "prod.vhs.events.aws.internal")
        #expect(rule.eventPattern == #"{"source":["shop"],"replay-name":[{"exists":false}]}"#)
        let targets = try await backend.controlPlane.listTargets(rule: rule.name, onBus: nil, nextToken: nil, limit: nil, caller: caller)
        #expect(targets.items.map(\.arn) == ["arn:aws:events:eu-west-1:::"])
        await #expect(throws: ServiceError.self) {
            try await backend.controlPlane.deleteRule(rule.name, onBus: nil, force: false, caller: caller)
        }
    }

    @Test func anArchiveKeepsTheEventsItsPatternMatchesWhetherOrNotARuleDoes() async throws {
        try await archive()
        try await put(1)
        try await put(2, source: "other")
        try await put(3)
        #expect(try await eventCount() == 2)
        let described = try await backend.controlPlane.describeArchive("shop", caller: caller)
        #expect(described.sizeBytes > 0)
    }

    @Test func anArchiveWithoutAPatternKeepsEveryEvent() async throws {
        try await archive(pattern: nil)
        try await put(1)
        try await put(2, source: "other")
        #expect(try await eventCount() == 2)
        #expect(try await backend.controlPlane.describeRule("Events-Archive-shop", onBus: nil, caller: caller).eventPattern
            == #"{"replay-name":[{"exists":false}]}"#)
    }

    @Test func aReplaySendsTheWindowsEventsInOrderWithItsNameAndArchivesNothingAgain() async throws {
        try await archive()
        try await rule("orders")
        let start = clock.now.timeIntervalSince1970
        for n in 1...4 {
            try await put(n)
            clock.advance(by: 10)
        }
        _ = try await received()
        let replay = try await replay(from: start + 5, to: start + 25)
        #expect(replay.state == .starting)
        try await replayToTheEnd()
        let messages = try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        #expect(messages.map(\.body) == [#""orders""#, #""orders""#])
        let described = try await backend.controlPlane.describeReplay("again", caller: caller)
        #expect(described.state == .completed)
        #expect(described.eventLastReplayedTime == Date(timeIntervalSince1970: start + 20))
        #expect(try await eventCount() == 4, "replayed events are not archived again")
    }

    @Test func replayedEventsCarryTheReplayNameAndGoOnlyToTheRulesItNames() async throws {
        try await archive()
        try await rule("first")
        try await rule("second")
        let start = clock.now.timeIntervalSince1970
        try await put(1)
        _ = try await received()
        let firstArn = ResourceName.rule("first", onBus: "default", caller)
        _ = try await replay(from: start - 1, to: start + 1, filter: [firstArn])
        try await replayToTheEnd()
        #expect(try await received() == [#""first""#])

        _ = try await backend.controlPlane.putRule(
            "whole", onBus: nil, .init(eventPattern: #"{"replay-name":["whole-event"]}"#), tags: [], caller: caller)
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Arn":"\#(queue.arn)"}"#))
        _ = try await backend.controlPlane.putTargets([target], rule: "whole", onBus: nil, caller: caller)
        _ = try await replay("whole-event", from: start - 1, to: start + 1)
        try await replayToTheEnd()
        let bodies = try await received()
        let whole = try #require(bodies.first { $0.hasPrefix("{") })
        guard case .object(let members) = try JSONParser.parse(whole) else { throw Failure("not an object: \(whole)") }
        #expect(members.map(\.key) == ["version", "id", "detail-type", "source", "account", "time", "region", "replay-name", "resources", "detail"])
        #expect(members[7].value == .string("whole-event"))
        #expect(bodies.count == 3)
    }

    @Test func aReplayGoesOnAfterARestartWithoutReplayingTwice() async throws {
        try await archive()
        try await rule("orders")
        let start = clock.now.timeIntervalSince1970
        for n in 1...5 { try await put(n) }
        _ = try await received()
        _ = try await replay(from: start - 1, to: start + 1)
        var configuration = Replayer.Configuration()
        configuration.batchSize = 2
        let first = Replayer(dataPlane: backend.dataPlane, configuration: configuration, logger: Logger(label: "test"))
        #expect(try await first.replayNextBatch())
        #expect(try await backend.controlPlane.describeReplay("again", caller: caller).state == .running)

        let restarted = Backend(store: try SQLiteStore(directory: directory), logger: Logger(label: "test"), clock: clock)
        try await restarted.load()
        let second = Replayer(dataPlane: restarted.dataPlane, configuration: configuration, logger: Logger(label: "test"))
        try await replayToTheEnd(second)
        #expect(try await received().count == 5)
        #expect(try await restarted.controlPlane.describeReplay("again", caller: caller).state == .completed)
    }

    @Test func aCancelledReplayStopsBeforeItsNextBatch() async throws {
        try await archive()
        try await rule("orders")
        let start = clock.now.timeIntervalSince1970
        try await put(1)
        _ = try await received()
        _ = try await replay(from: start - 1, to: start + 1)
        #expect(try await backend.controlPlane.cancelReplay("again", caller: caller).state == .cancelling)
        try await replayToTheEnd()
        let replay = try await backend.controlPlane.describeReplay("again", caller: caller)
        #expect(replay.state == .cancelled)
        #expect(replay.replayEndTime != nil)
        #expect(try await received() == [])
        let error = await #expect(throws: ServiceError.self) { try await backend.controlPlane.cancelReplay("again", caller: caller) }
        #expect(error?.code == "IllegalStatusException")
        #expect(error?.message == "Replay again is not in a valid state for this operation.")
    }

    @Test func aReplayOfADeletedArchiveFails() async throws {
        try await archive()
        _ = try await replay(from: 0, to: 10)
        try await backend.controlPlane.deleteArchive("shop", caller: caller)
        try await replayToTheEnd()
        let replay = try await backend.controlPlane.describeReplay("again", caller: caller)
        #expect(replay.state == .failed)
        #expect(replay.stateReason == "Archive shop does not exist.")
        await #expect(throws: ServiceError.self) {
            try await backend.controlPlane.describeRule("Events-Archive-shop", onBus: nil, caller: caller)
        }
    }

    @Test func eventsPastTheirRetentionArePurgedAndZeroKeepsThemForever() async throws {
        try await archive(retentionDays: 1)
        _ = try await backend.controlPlane.createArchive(
            "forever", eventSourceArn: busArn, .init(eventPattern: #"{"source":["shop"]}"#), caller: caller)
        try await put(1)
        clock.advance(by: 86_400 + 1)
        try await put(2)
        try await backend.retention.sweep()
        #expect(try await eventCount() == 1)
        #expect(try await backend.controlPlane.describeArchive("forever", caller: caller).eventCount == 2)
    }

    @Test func updatingAnArchivesPatternChangesItsRule() async throws {
        try await archive()
        let updated = try await backend.controlPlane.updateArchive(
            "shop", .init(eventPattern: #"{"source":["other"]}"#), caller: caller)
        #expect(updated.eventPattern == #"{"source":["other"]}"#)
        try await put(1)
        try await put(2, source: "other")
        #expect(try await eventCount() == 1)
    }

    @Test func replaysAreCheckedAsAWSChecksThem() async throws {
        try await archive()
        func refusal(_ start: () async throws -> Replay) async -> ServiceError? {
            await #expect(throws: ServiceError.self) { _ = try await start() }
        }
        let moment = clock.now.timeIntervalSince1970
        let backwards = await refusal { try await replay(from: moment, to: moment) }
        #expect(backwards?.message == "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.")
        _ = try await backend.controlPlane.createEventBus(name: "other", eventSourceName: nil, settings: .init(), tags: [], caller: caller)
        let crossBus = await refusal {
            try await backend.controlPlane.startReplay(
                "x", .init(archiveArn: archiveArn, eventStartTime: .distantPast, eventEndTime: .now,
                           destinationArn: ResourceName.eventBus("other", caller)), caller: caller)
        }
        #expect(crossBus?.message == "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.")
        let notABus = await refusal {
            try await backend.controlPlane.startReplay(
                "x", .init(archiveArn: archiveArn, eventStartTime: .distantPast, eventEndTime: .now, destinationArn: archiveArn),
                caller: caller)
        }
        #expect(notABus?.message == "Parameter Destination.Arn is not valid. Reason: Must contain an event bus ARN.")
        for index in 0..<10 { _ = try await replay("r\(index)", from: 0, to: 10) }
        let eleventh = await refusal { try await replay("r10", from: 0, to: 10) }
        #expect(eleventh?.code == "LimitExceededException")
        let again = await refusal { try await replay("r0", from: 0, to: 10) }
        #expect(again?.message == "Replay r0 already exists.")
    }
}
