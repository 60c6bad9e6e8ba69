import EventPatterns
import Foundation

// Matching benchmarks on the shared citylots data. Not a test: it reports figures.
//   swift run -c release switchyard-bench patterns [--set NAME] [--runs N]
//   swift run -c release switchyard-bench scale [--events N]

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let sharedFolder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SWITCHYARD_SHARED"] ?? "../shared")
let dataFolder = sharedFolder.appendingPathComponent("data")
guard FileManager.default.fileExists(atPath: dataFolder.path) else {
    FileHandle.standardError.write(Data("The shared data folder is missing: set SWITCHYARD_SHARED (looked in \(dataFolder.path))\n".utf8))
    exit(2)
}

switch arguments.first {
case "patterns":
    try PatternSetBenchmark.run(set: option("--set"), runs: Int(option("--runs") ?? "5") ?? 5)
case "scale":
    try ScaleBenchmark.run(eventLimit: Int(option("--events") ?? "50000") ?? 50_000)
default:
    print("usage: switchyard-bench patterns [--set NAME] [--runs N] | scale [--events N]")
    exit(2)
}
