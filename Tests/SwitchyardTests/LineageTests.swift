import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

struct LineageTests {
    let rule = "arn:aws:events:eu-west-1:111111111111:rule/echo"

    @Test func aLineageCountsEachRulesGenerationsAndReadsBackItsText() {
        let lineage = Lineage.none.caused(by: rule).caused(by: rule).caused(by: "arn:aws:events:eu-west-1:111111111111:rule/other")
        #expect(lineage.generations[rule] == 2)
        #expect(Lineage(text: lineage.text) == lineage)
        #expect(Lineage.none.text == nil)
        #expect(Lineage(text: "nonsense,\(rule)=x,=3,\(rule)=-1").generations.isEmpty)
        #expect(Lineage(text: "\(rule)=999").generations[rule] == Lineage.limit)
    }

    @Test func aRuleStopsAtItsFifthGeneration() async throws {
        let caller = Caller(account: "111111111111", region: "eu-west-1")
        let backend = Backend(store: try SQLiteStore.temporary(), logger: Logger(label: "test"), clock: TestClock())
        let queue = try await backend.queues.createQueue(named: "q", attributes: [:], caller: caller)
        _ = try await backend.controlPlane.putRule(
            "echo", onBus: nil, .init(eventPattern: #"{"source":["shop"]}"#), tags: [], caller: caller)
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Arn":"\#(queue.arn)"}"#))
        #expect(try await backend.controlPlane.putTargets([target], rule: "echo", onBus: nil, caller: caller).isEmpty)
        var lineage = Lineage.none
        for _ in 0..<Lineage.limit { lineage = lineage.caused(by: rule) }
        let entry = PutEventsEntry(source: "shop", detailType: "order", detail: "{}")
        _ = try await backend.dataPlane.putEvents([entry], caller: caller, lineage: lineage)
        #expect(try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).isEmpty)
        _ = try await backend.dataPlane.putEvents([entry], caller: caller, lineage: Lineage(text: "\(rule)=\(Lineage.limit - 1)"))
        #expect(try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).count == 1)
    }
}
