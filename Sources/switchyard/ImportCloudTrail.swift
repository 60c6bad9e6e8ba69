import ArgumentParser
import EventPatterns
import Foundation
import Switchyard

/// `switchyard import-cloudtrail`: real CloudTrail history through a running
/// server's rules, as the events EventBridge would have delivered — put on the
/// buses, or with `--dry-run` matched here against the server's rules and counted.
struct ImportCloudTrail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-cloudtrail",
        abstract: "Turn CloudTrail records into the events EventBridge delivers, and put or match them (a Switchyard extension).",
        discussion: """
            PATH is a CloudTrail log file (.json or .json.gz, {"Records": […]}), a folder of them \
            (walked as `aws s3 sync` leaves a trail's bucket), or `aws cloudtrail lookup-events` \
            output. Each record becomes the event EventBridge delivers for it ("AWS API Call via \
            CloudTrail" and the other CloudTrail detail-types); records EventBridge does not \
            deliver (Insights) and events over 256 KB are skipped and counted.

            Without --dry-run the events go onto the default bus (or --bus) of the server's \
            account in each event's Region, through Switchyard.PutServiceEvents, and rules fire \
            as they would have. With --dry-run nothing is put: the rules of that bus are fetched \
            from the server and matched here, and the summary says how many events each rule \
            would have matched (read-only calls only for rules in state \
            ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, as EventBridge does).
            """
    )

    @Argument(help: "CloudTrail log files, folders of them, or lookup-events output.")
    var paths: [String]

    @Option(help: "The bus to put events on, or whose rules to match (by name; defaults to the default bus).")
    var bus: String?

    @Flag(help: "Match against the server's rules and count, putting nothing.")
    var dryRun = false

    @Option(help: "The account the events say they are for (defaults to each record's recipient account).")
    var account: String?

    @OptionGroup var server: ServerOptions

    func validate() throws {
        if let account, account.count != 12 || !account.allSatisfy(\.isNumber) {
            throw ValidationError("--account must be a 12-digit account id.")
        }
    }

    func run() async throws {
        let files = try CloudTrailHistory.files(paths)
        let sizes = files.map { (try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        let destination: any HistoryDestination = dryRun
            ? RuleMatching(server: server, busName: bus ?? "default")
            : ServicePut(server: server, busName: bus)
        var tally = ImportTally()
        var meter = ImportMeter(totalBytes: sizes.reduce(0, +))
        let account = account
        // A file per core at a time: reading, scanning and matching use every core.
        try await withThrowingTaskGroup(of: (Int, Result<([HistoricalEvent.Skipped], Int), any Error>).self) { group in
            var next = 0
            func start() {
                guard next < files.count else { return }
                let index = next
                next += 1
                group.addTask {
                    do {
                        let (events, skipped) = try CloudTrailHistory.events(in: files[index], account: account)
                        try await destination.take(events)
                        return (index, .success((skipped, events.count)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<ProcessInfo.processInfo.activeProcessorCount { start() }
            while let (index, outcome) = try await group.next() {
                switch outcome {
                case .success(let (skipped, events)):
                    tally.events += events
                    tally.records += events + skipped.count
                    skipped.forEach { tally.skip($0) }
                case .failure(let error as SwitchyardClient.Failure):
                    throw error
                case .failure(let error):
                    tally.unreadable.append("\(files[index].path): \(error)")
                }
                meter.advance(bytes: sizes[index], records: tally.records)
                start()
            }
        }
        meter.finish()
        try await destination.finish(tally)
    }
}

/// Where imported events go: onto the server, or through its rules here.
protocol HistoryDestination: Sendable {
    func take(_ events: [HistoricalEvent]) async throws
    /// Prints the summary.
    func finish(_ tally: ImportTally) async throws
}

/// What an import read and skipped.
struct ImportTally {
    var records = 0
    var events = 0
    var notDelivered = 0
    var incomplete = 0
    var overSizeLimit = 0
    var unreadable: [String] = []

    mutating func skip(_ reason: HistoricalEvent.Skipped) {
        switch reason {
        case .notDelivered: notDelivered += 1
        case .incomplete: incomplete += 1
        case .overSizeLimit: overSizeLimit += 1
        }
    }

    /// The summary's first rows.
    var rows: [(String, Int)] {
        [
            ("records read", records), ("events", events), ("skipped: not delivered by EventBridge", notDelivered),
            ("skipped: over 256 KB", overSizeLimit), ("skipped: not a complete record", incomplete),
            ("files unreadable", unreadable.count),
        ]
    }

    /// A two-column table, numbers aligned right.
    static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        let numbers = rows.map(\.1.count).max() ?? 0
        return rows.map { label, value in
            label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: numbers - value.count) + value
        }.joined(separator: "\n")
    }

    func print(adding extra: [(String, String)]) {
        let table = Self.table(rows.map { ($0.0, String($0.1)) } + extra)
        Swift.print(table)
        for problem in unreadable { Swift.print("unreadable: \(problem)") }
    }
}

/// A progress line over the bytes of the files: records so far, their rate, and
/// the time left.
struct ImportMeter {
    let totalBytes: Int
    let start = Date()
    var bytes = 0
    var last = ""

    init(totalBytes: Int) {
        self.totalBytes = totalBytes
    }

    mutating func advance(bytes more: Int, records: Int) {
        bytes += more
        let elapsed = Date().timeIntervalSince(start)
        var parts = [ProgressBar.draw(done: bytes, of: totalBytes), "\(records) records"]
        if elapsed > 0.5 {
            parts.append("\(Int((Double(records) / elapsed).rounded()))/s")
            if bytes < totalBytes { parts.append("\(Int((elapsed * Double(totalBytes - bytes) / Double(max(bytes, 1))).rounded(.up)))s left") }
        }
        let line = parts.joined(separator: "  ")
        // Off a terminal, a line every tenth of the way is enough.
        if ProgressBar.isTerminal || line.prefix(ProgressBar.width + 2) != last.prefix(ProgressBar.width + 2) {
            ProgressBar.show(line, replacing: last)
        }
        last = line
    }

    func finish() {
        if ProgressBar.isTerminal, !last.isEmpty { ProgressBar.write("\n") }
    }
}

/// Puts the events on the server, a hundred to a request, four requests at a time.
struct ServicePut: HistoryDestination {
    let server: ServerOptions
    let busName: String?
    let counts = Counts()

    actor Counts {
        var put = 0
        var failures: [String: Int] = [:]

        func add(_ answer: JSONValue) {
            for entry in answer["Entries"]?.arrayValue ?? [] {
                if entry["EventId"] != nil {
                    put += 1
                } else {
                    failures["\(entry["ErrorCode"]?.stringValue ?? ""): \(entry["ErrorMessage"]?.stringValue ?? "")", default: 0] += 1
                }
            }
        }
    }

    func take(_ events: [HistoricalEvent]) async throws {
        // By Region: each request is signed for the Region of its events.
        let byRegion = Dictionary(grouping: events, by: \.region)
        var batches: [(region: String, texts: [String])] = []
        for (region, events) in byRegion {
            for start in stride(from: 0, to: events.count, by: 100) {
                batches.append((region, events[start..<min(start + 100, events.count)].map(\.text)))
            }
        }
        for group in stride(from: 0, to: batches.count, by: 4) {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for (region, texts) in batches[group..<min(group + 4, batches.count)] {
                    tasks.addTask {
                        var input: [String: Any] = ["Events": texts]
                        if let busName { input["EventBusName"] = busName }
                        let answer = try await server.call("PutServiceEvents", input, region: region)
                        await counts.add(try JSONParser.parse(answer))
                    }
                }
                try await tasks.waitForAll()
            }
        }
    }

    func finish(_ tally: ImportTally) async throws {
        let (put, failures) = (await counts.put, await counts.failures)
        tally.print(adding: [("events put", String(put))] + failures.sorted { $0.key < $1.key }.map { ("failed: \($0.key)", String($0.value)) })
        if !failures.isEmpty || !tally.unreadable.isEmpty { throw ExitCode.failure }
    }
}

/// Matches the events here against the rules of the server's bus in each Region,
/// as EventBridge would: fetched once per Region, with their states.
actor RuleMatching: HistoryDestination {
    let server: ServerOptions
    let busName: String
    private var rulesByRegion: [String: RegionRules] = [:]
    private var matched: [String: [String: Int]] = [:]

    struct RegionRules: Sendable {
        var machine = PatternMachine()
        var states: [String: String] = [:]
    }

    init(server: ServerOptions, busName: String) {
        self.server = server
        self.busName = busName
    }

    nonisolated func take(_ events: [HistoricalEvent]) async throws {
        var counts: [String: [String: Int]] = [:]
        for (region, events) in Dictionary(grouping: events, by: \.region) {
            let rules = try await rules(in: region)
            for event in events {
                for name in try rules.machine.matches(event.bytes) {
                    // Read-only calls reach only the rules that ask for them.
                    if event.readOnly, rules.states[name] != "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" { continue }
                    counts[region, default: [:]][name, default: 0] += 1
                }
            }
        }
        await add(counts)
    }

    private func add(_ counts: [String: [String: Int]]) {
        for (region, byRule) in counts {
            matched[region, default: [:]].merge(byRule, uniquingKeysWith: +)
        }
    }

    func rules(in region: String) async throws -> RegionRules {
        if let rules = rulesByRegion[region] { return rules }
        var rules = RegionRules()
        var nextToken: String?
        repeat {
            var input: [String: Any] = ["EventBusName": busName]
            if let nextToken { input["NextToken"] = nextToken }
            let page = try JSONParser.parse(try await server.call("ListRules", input, region: region, prefix: "AWSEvents"))
            for rule in page["Rules"]?.arrayValue ?? [] {
                guard let name = rule["Name"]?.stringValue, let state = rule["State"]?.stringValue, state != "DISABLED",
                      let text = rule["EventPattern"]?.stringValue, let pattern = try? EventPattern(text) else { continue }
                rules.machine.set(name, to: pattern)
                rules.states[name] = state
            }
            nextToken = page["NextToken"]?.stringValue
        } while nextToken != nil
        rulesByRegion[region] = rules
        return rules
    }

    func finish(_ tally: ImportTally) async throws {
        var rows: [(String, String)] = []
        for (region, rules) in rulesByRegion.sorted(by: { $0.key < $1.key }) {
            for name in rules.states.keys.sorted() {
                rows.append(("rule \(name) (\(region), \(rules.states[name]!))", String(matched[region]?[name] ?? 0)))
            }
        }
        tally.print(adding: rows)
        if !tally.unreadable.isEmpty { throw ExitCode.failure }
    }
}
