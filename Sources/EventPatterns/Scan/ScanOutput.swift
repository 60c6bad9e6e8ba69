/// Where an array element sits: which array of the event (numbered in reading
/// order) and its index there.
struct ArrayPosition: Equatable, Sendable {
    var array: Int32
    var index: Int32
}

/// The leaf values one scan found, grouped by path. Its buffers are reused from
/// one event to the next so that matching allocates nothing in the steady state.
struct ScanOutput {
    struct Field {
        var kind: EventValue.Kind
        var inStrings: Bool
        var start: Int32
        var end: Int32
        var arraysStart: Int32
        var arraysEnd: Int32
        /// The next field with the same path, or -1.
        var next: Int32
    }

    var fields: [Field] = []
    /// Decoded strings (those that had escapes) live here.
    var strings: [UInt8] = []
    /// The enclosing array positions of each field, by `arraysStart..<arraysEnd`.
    var arrays: [ArrayPosition] = []
    /// First field per path ID, or -1.
    var firstByPath: [Int32] = []
    /// Paths that have a field, to reset `firstByPath` cheaply.
    var touchedPaths: [Int32] = []
    /// Whether any recorded field sits inside an array.
    var anyInArray = false
    /// The paths with a field inside an array, as bits `1 << (path % 64)`.
    var pathsInArrays: UInt64 = 0

    init() {}

    init(pathCount: Int) {
        firstByPath = Array(repeating: -1, count: pathCount)
    }

    mutating func reset() {
        // Most events have no escaped strings and no fields in arrays.
        if !fields.isEmpty {
            for path in touchedPaths { firstByPath[Int(path)] = -1 }
            touchedPaths.removeAll(keepingCapacity: true)
            fields.removeAll(keepingCapacity: true)
        }
        if !strings.isEmpty { strings.removeAll(keepingCapacity: true) }
        if anyInArray {
            arrays.removeAll(keepingCapacity: true)
            anyInArray = false
            pathsInArrays = 0
        }
    }

    @inline(__always)
    mutating func record(
        path: Int32, kind: EventValue.Kind, inStrings: Bool, start: Int, end: Int, arrays enclosing: [ArrayPosition]
    ) {
        let arraysStart = Int32(arrays.count)
        if !enclosing.isEmpty {
            arrays.append(contentsOf: enclosing)
            anyInArray = true
            pathsInArrays |= 1 << UInt64(path & 63)
        }
        let previous = firstByPath[Int(path)]
        if previous < 0 { touchedPaths.append(path) }
        fields.append(Field(
            kind: kind, inStrings: inStrings, start: Int32(start), end: Int32(end),
            arraysStart: arraysStart, arraysEnd: Int32(arrays.count), next: previous))
        firstByPath[Int(path)] = Int32(fields.count - 1)
    }
}
