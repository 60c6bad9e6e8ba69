import EventPatterns
import Foundation

/// Events of one gzipped JSON Lines file, held in one buffer so that the
/// benchmark measures matching, not memory traffic.
struct EventFile {
    let bytes: [UInt8]
    let lines: [Range<Int>]
    /// Whether every event passes the check the router makes on arrival, which
    /// lets a match stop early (`EventValidation.alreadyChecked`).
    let allHavePlainKeys: Bool

    init(_ url: URL, limit: Int = .max) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        bytes = [UInt8](data)
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if index > start { lines.append(start..<index) }
            start = index + 1
            if lines.count == limit { break }
        }
        if start < bytes.count, lines.count < limit { lines.append(start..<bytes.count) }
        self.lines = lines
        let bytes = bytes
        allHavePlainKeys = lines.allSatisfy { line in
            (try? JSONParser.parse(bytes: Array(bytes[line])))?.hasPlainKeys == true
        }
    }
}

/// Resident memory of this process, from /proc.
func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = statm.split(separator: " ")
    return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func printJSON(_ object: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
