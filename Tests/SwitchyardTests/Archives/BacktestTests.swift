import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

/// Patterns and rules run over an archive, delivering nothing.
struct BacktestTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let clock = TestClock()
    let backend: Backend
    let queue: Queue

    init() async throws {
        backend = Backend(store: try SQLiteStore.temporary(), logger: Logger(label: "test"), clock: clock)
        queue = try await backend.queues.createQueue(named: "q", attributes: [:], caller: caller)
        _ = try await backend.controlPlane.createArchive(
            "all", eventSourceArn: ResourceName.eventBus("default", caller), .init(), caller: caller)
        _ = try await backend.controlPlane.putRule(
            "paid", onBus: nil, .init(eventPattern: #"{"detail":{"state":["paid"]}}"#), tags: [], caller: caller)
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Arn":"\#(queue.arn)"}"#))
        _ = try await backend.controlPlane.putTargets([target], rule: "paid", onBus: nil, caller: caller)
    }

    /// Puts orders in `states`, ten seconds apart; returns their event ids.
    func put(_ states: [String]) async throws -> [String] {
        var ids: [String] = []
        for (n, state) in states.enumerated() {
            let results = try await backend.dataPlane.putEvents(
                [PutEventsEntry(source: "shop", detailType: "order", detail: #"{"n":\#(n),"state":"\#(state)","total":\#(n * 50)}"#)],
                caller: caller)
            guard case .accepted(let id) = results.first else { throw Failure("not accepted: \(results)") }
            ids.append(id)
            clock.advance(by: 10)
        }
        return ids
    }

    @Test func countsWhatEachPatternMatchesWithASampleAndDeliversNothing() async throws {
        let start = clock.now
        _ = try await put(["paid", "open", "paid", "paid", "shipped"])
        _ = try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: 60, waitTime: 0)
        let outcome = try await backend.controlPlane.backtest(
            .init(archiveName: "all", eventPattern: #"{"detail":{"total":[{"numeric":[">=",100]}]}}"#, ruleNames: ["paid"], sampleSize: 2),
            caller: caller)
        #expect(outcome.eventsScanned == 5)
        #expect(outcome.matches.map(\.name) == ["EventPattern", "paid"])
        #expect(outcome.matches.map(\.matchedCount) == [3, 3])
        #expect(outcome.matches[1].samples.count == 2)
        #expect(try JSONParser.parse(outcome.matches[1].samples[0])["detail"]?["n"]?.intValue == 0)

        let window = try await backend.controlPlane.backtest(
            .init(archiveName: "all", ruleNames: ["paid"], window: start.addingTimeInterval(15)...start.addingTimeInterval(35)),
            caller: caller)
        #expect(window.eventsScanned == 2)
        #expect(window.matches[0].matchedCount == 2)
        let messages = try await backend.queues.store.read { try await $0.queues.messageCounts(in: queue, at: clock.now) }
        #expect(messages.visible == 0, "a back-test delivers nothing")
    }

    @Test func explainsWhyAChosenEventMatchesOrNot() async throws {
        let ids = try await put(["open", "paid"])
        let outcome = try await backend.controlPlane.backtest(
            .init(archiveName: "all", ruleNames: ["paid"], explainEventIds: [ids[0], "not-archived"]), caller: caller)
        #expect(outcome.explanations == [
            .init(eventId: ids[0], name: "paid", matched: false, reasons: [#"detail.state: "open" is not "paid""#]),
        ])
    }

    @Test func refusesWhatCannotRun() async throws {
        func refusal(_ request: Backtest.Request) async -> ServiceError? {
            await #expect(throws: ServiceError.self) { _ = try await backend.controlPlane.backtest(request, caller: caller) }
        }
        #expect(await refusal(.init(archiveName: "all"))?.code == "ValidationException")
        #expect(await refusal(.init(archiveName: "none", ruleNames: ["paid"]))?.message == "Archive none does not exist.")
        #expect(await refusal(.init(archiveName: "all", ruleNames: ["nope"]))?.code == "ResourceNotFoundException")
        #expect(await refusal(.init(archiveName: "all", eventPattern: #"{"source":"shop"}"#))?.code == "InvalidEventPatternException")
        _ = try await backend.controlPlane.putRule(
            "timer", onBus: nil, .init(scheduleExpression: "rate(1 hour)"), tags: [], caller: caller)
        #expect(await refusal(.init(archiveName: "all", ruleNames: ["timer"]))?.code == "ValidationException")
    }
}
