import ArgumentParser

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the EventBridge-compatible API (not yet available in this build).")

    func run() throws {
        print("""
            switchyard serve is not available yet: the AWS-compatible API server is the next milestone.
            Planned usage: switchyard serve [--host 127.0.0.1] [--port 4010] [--data-dir ./.switchyard]
            Until then, try patterns with: switchyard test-pattern --pattern '{"source":["demo"]}' --event '{"source":"demo"}'
            """)
        throw ExitCode(64)
    }
}
