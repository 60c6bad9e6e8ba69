import Foundation
import Logging
import Switchyard
import SwitchyardPostgres
import SwitchyardSQLite

/// Back-testing speed: archived events scanned per second by a pattern run over an
/// archive, on the embedded store (or `--store postgresql://…`). The events are
/// EventBridge envelopes of orders, about 330 bytes each; the rule is a simple one
/// (one field, one value), matching a third of them.
enum BacktestBenchmark {
    static func run(events count: Int, store url: String?, runs: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logger = Logger(label: "bench")
        let store: any Store = if let url {
            try await PostgresStore.open(try PostgresLocation(url: url), logger: logger)
        } else {
            try SQLiteStore(directory: directory)
        }
        let backend = Backend(store: store, logger: logger)
        let caller = Caller(account: "000000000000", region: "us-east-1")
        _ = try await backend.controlPlane.createArchive(
            "orders", eventSourceArn: ResourceName.eventBus("default", caller), .init(), caller: caller)
        let archiveArn = Archive.arn("orders", caller)
        let states = ["paid", "open", "shipped"]
        let fillSeconds = try await seconds {
            for start in stride(from: 0, to: count, by: 10_000) {
                let page = (start..<min(count, start + 10_000)).map { index in
                    let text = #"{"version":"0","id":"\#(UUID().uuidString.lowercased())","detail-type":"order changed","source":"shop","account":"000000000000","time":"2026-11-30T12:00:00Z","region":"us-east-1","resources":[],"detail":{"orderId":\#(index),"state":"\#(states[index % 3])","total":\#(index % 500).5,"customer":{"id":"c-\#(index % 9_973)","tier":"gold"},"lines":[{"sku":"a-\#(index % 97)","quantity":2}]}}"#
                    return ArchivedEvent(archiveArn: archiveArn, eventId: "\(index)", receivedTime: Date(), text: text)
                }
                try await store.write { try await $0.archives.append(page) }
            }
        }
        let request = Backtest.Request(archiveName: "orders", eventPattern: #"{"detail":{"state":["paid"]}}"#)
        var rates: [Int] = []
        var matched = 0
        for _ in 0..<runs {
            var outcome: Backtest.Outcome?
            let elapsed = try await seconds { outcome = try await backend.controlPlane.backtest(request, caller: caller) }
            matched = outcome?.matches.first?.matchedCount ?? 0
            rates.append(Int(Double(outcome?.eventsScanned ?? 0) / elapsed))
        }
        printJSON([
            "store": url.map { (try? PostgresLocation(url: $0).description) ?? $0 } ?? "sqlite", "events": count,
            "matched": matched, "fillSeconds": (fillSeconds * 10).rounded() / 10, "eventsPerSecond": rates,
        ])
        if let postgres = store as? PostgresStore { await postgres.close() }
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
