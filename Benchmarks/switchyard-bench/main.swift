import EventPatterns
import Foundation

// Benchmarks. Not tests: they report figures.
//   swift run -c release switchyard-bench patterns [--set NAME] [--runs N]   matching, on the shared citylots data
//   swift run -c release switchyard-bench scale [--events N]                 matching as rules grow
//   swift run -c release switchyard-bench flow [--seconds N] [--store postgresql://… [--nodes N]]
//                                                                            PutEvents over HTTP to a queue target
//   swift run -c release switchyard-bench backtest [--events N] [--runs N] [--store postgresql://…]
//                                                                            archived events scanned per second
//   swift run -c release switchyard-bench import [--records N] [--runs N]     CloudTrail records turned into events and matched
//   swift run -c release switchyard-bench fuzz [--seconds N] [--seed S] [--operations AWSEvents.PutTargets,…]
//                                                                            generated hostile requests against serve

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let sharedFolder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SWITCHYARD_SHARED"] ?? "../shared")
let dataFolder: URL = {
    let folder = sharedFolder.appendingPathComponent("data")
    guard FileManager.default.fileExists(atPath: folder.path) else {
        FileHandle.standardError.write(Data("The shared data folder is missing: set SWITCHYARD_SHARED (looked in \(folder.path))\n".utf8))
        exit(2)
    }
    return folder
}()

switch arguments.first {
case "patterns":
    try PatternSetBenchmark.run(set: option("--set"), runs: Int(option("--runs") ?? "5") ?? 5)
case "scale":
    try ScaleBenchmark.run(eventLimit: Int(option("--events") ?? "50000") ?? 50_000)
case "flow":
    try await EventFlowBenchmark.run(
        seconds: Int(option("--seconds") ?? "10") ?? 10, store: option("--store"), nodes: Int(option("--nodes") ?? "1") ?? 1)
case "backtest":
    try await BacktestBenchmark.run(
        events: Int(option("--events") ?? "1000000") ?? 1_000_000, store: option("--store"),
        runs: Int(option("--runs") ?? "3") ?? 3)
case "import":
    try await CloudTrailImportBenchmark.run(
        records: Int(option("--records") ?? "200000") ?? 200_000, runs: Int(option("--runs") ?? "3") ?? 3)
case "fuzz":
    try await FuzzBenchmark.run(
        seconds: Int(option("--seconds") ?? "60") ?? 60, seed: UInt64(option("--seed") ?? "1") ?? 1,
        concurrency: Int(option("--concurrency") ?? "8") ?? 8,
        focus: option("--operations").map { $0.split(separator: ",").map(String.init) })
default:
    print("usage: switchyard-bench patterns [--set NAME] [--runs N] | scale [--events N] | flow [--seconds N] [--store URL] [--nodes N] | backtest [--events N] [--runs N] [--store URL] | import [--records N] [--runs N] | fuzz [--seconds N] [--seed S]")
    exit(2)
}
