/// Reads a CloudTrail log file's records from its bytes without building them:
/// each record's own bytes, and the top-level members its event needs. An import
/// reads hundreds of thousands of records a second this way; a file in any other
/// form (lookup-events output) is read by the JSON parser instead.
struct CloudTrailLogScanner {
    /// One record: its bytes, and its top-level string and boolean members, as the
    /// file writes them (JSON escapes left in).
    struct Record {
        var bytes: ArraySlice<UInt8>
        var members: [String: ArraySlice<UInt8>] = [:]
        var readOnly = false
    }

    /// The members an event is made of.
    static let wanted: Set<String> = ["eventType", "eventSource", "eventTime", "awsRegion", "recipientAccountId"]

    let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The records of `{"Records": [...]}`; nil when the file is not in that form.
    mutating func records() -> [Record]? {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return nil }
        while true {
            guard let key = memberName() else { return nil }
            if bytes[key] == Array("Records".utf8)[...] { return recordArray() }
            guard skipValue() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    private mutating func recordArray() -> [Record]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var records: [Record] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return records }
        while true {
            skipSpace()
            guard let record = record() else { return nil }
            records.append(record)
            skipSpace()
            if take(UInt8(ascii: "]")) { return records }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    private mutating func record() -> Record? {
        let start = position
        guard take(UInt8(ascii: "{")) else { return nil }
        var record = Record(bytes: [])
        skipSpace()
        if !take(UInt8(ascii: "}")) {
            while true {
                guard let key = memberName() else { return nil }
                let name = String(decoding: bytes[key], as: UTF8.self)
                let valueStart = position
                guard skipValue() else { return nil }
                if Self.wanted.contains(name), bytes[valueStart] == UInt8(ascii: "\"") {
                    record.members[name] = bytes[(valueStart + 1)..<(position - 1)]
                } else if name == "readOnly" {
                    record.readOnly = bytes[valueStart] == UInt8(ascii: "t")
                }
                skipSpace()
                if take(UInt8(ascii: "}")) { break }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
        }
        record.bytes = bytes[start..<position]
        return record
    }

    // MARK: Bytes

    /// A member's name and the colon after it; the value starts where this leaves off.
    private mutating func memberName() -> Range<Int>? {
        skipSpace()
        guard let name = string() else { return nil }
        skipSpace()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipSpace()
        return name
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// A string's contents, escapes left in; nil when no string starts here.
    private mutating func string() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 2
            case UInt8(ascii: "\""):
                position += 1
                return start..<(position - 1)
            default: position += 1
            }
        }
        return nil
    }

    /// Steps over one value, nested ones by counting brackets. Whether the value is
    /// valid JSON is for the matcher and the server to say, which read it whole.
    private mutating func skipValue() -> Bool {
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return true
                    }
                default: break
                }
                position += 1
            }
            return false
        default:
            let start = position
            while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[position]),
                  ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                position += 1
            }
            return position > start
        }
    }
}
