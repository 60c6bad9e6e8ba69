import Foundation
import Testing

/// Every input of the libFuzzer seed corpora, replayed through its harness by an
/// ordinary build of `switchyard-fuzz`: an input once found to crash stays fixed.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    @Test(arguments: ["patterns", "events", "jsonpath", "transformer", "schedules"])
    func seedCorpusReplaysCleanly(_ harness: String) throws {
        let process = Process()
        process.executableURL = Command.executable.deletingLastPathComponent().appendingPathComponent("switchyard-fuzz")
        process.arguments = [harness, Self.corpus.appendingPathComponent(harness).path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("inputs replayed through \(harness)"))
    }
}
