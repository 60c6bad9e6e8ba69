/// Where an array element sits: which array of the event (numbered in reading
/// order) and its index there.
struct ArrayPosition: Equatable, Sendable {
    var array: Int32
    var index: Int32
    /// The element's fields, as a range of `ScanOutput.fields` (`ScanOutput.elementSpans`).
    var span: Int32
}

/// The fields read inside one array or one array element: values are read in
/// document order, so they sit together in `ScanOutput.fields`.
struct FieldSpan: Sendable {
    var start: Int32
    var end: Int32

    func contains(_ field: Int32) -> Bool { start <= field && field < end }
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
        /// A number as the field matchers have read it so far.
        var reading: DecimalParser.Reading? = nil
    }

    var fields: [Field] = []
    /// Decoded strings (those that had escapes) live here.
    var strings: [UInt8] = []
    /// The enclosing array positions of each field, by `arraysStart..<arraysEnd`.
    var arrays: [ArrayPosition] = []
    /// The fields of each noted array element (`ArrayPosition.span`) and of each
    /// noted array (by its number). They let a match go straight to the fields of
    /// one element rather than test every field of a path against it.
    var elementSpans: [FieldSpan] = []
    var arraySpans: [FieldSpan] = []
    /// First field per path ID, or -1.
    var firstByPath: [Int32] = []
    /// Paths that have a field, to reset `firstByPath` cheaply.
    var touchedPaths: [Int32] = []
    /// Whether any recorded field sits inside an array. Only arrays that two
    /// fields of one pattern may share count (`PathIndex.Node.holdsSharedArrays`):
    /// which element a field came from matters nowhere else.
    var anyInArray = false
    /// The shared arrays enclosing the value being read, innermost last.
    private var enclosing: [ArrayPosition] = []
    /// Where in `arrays` the current `enclosing` positions were recorded, if they were.
    private var enclosingRecorded: Range<Int32>?
    /// The paths with a field inside such an array (`PathIndex.bit`).
    var pathsInArrays: UInt64 = 0
    /// The value a checked event's scan stopped before, if any: the last one it
    /// needs, read only once the match needs a field inside it.
    private(set) var deferred: DeferredValue?

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
        deferred = nil
        if !enclosing.isEmpty { enclosing.removeAll(keepingCapacity: true) }
        enclosingRecorded = nil
        if anyInArray {
            arrays.removeAll(keepingCapacity: true)
            anyInArray = false
            pathsInArrays = 0
        }
        if !arraySpans.isEmpty {
            elementSpans.removeAll(keepingCapacity: true)
            arraySpans.removeAll(keepingCapacity: true)
        }
    }

    /// Whether reading the deferred value could add fields at `path`.
    @inline(__always)
    func mayDefer(_ path: Int32) -> Bool {
        guard let deferred else { return false }
        return deferred.fieldsBelow & PathIndex.bit(path) != 0
    }

    /// Leaves `value` to be read later. Its fields may sit in arrays: until it is
    /// read, the match must assume they do.
    mutating func deferValue(_ value: DeferredValue) {
        deferred = value
        anyInArray = true
        pathsInArrays |= value.fieldsBelow
    }

    mutating func takeDeferred() -> DeferredValue? {
        defer { deferred = nil }
        return deferred
    }

    /// Enters an array: its elements are numbered from 0 until `leaveArray`.
    /// Arrays are numbered from 0 in the order they are entered.
    @inline(__always)
    mutating func enterArray(_ array: Int32) {
        assert(array == arraySpans.count, "arrays are numbered in the order they are entered")
        let start = Int32(fields.count)
        arraySpans.append(FieldSpan(start: start, end: .max))
        elementSpans.append(FieldSpan(start: start, end: .max))
        enclosing.append(ArrayPosition(array: array, index: 0, span: Int32(elementSpans.count - 1)))
        enclosingRecorded = nil
    }

    @inline(__always)
    mutating func nextElement() {
        let boundary = Int32(fields.count)
        elementSpans[Int(enclosing[enclosing.count - 1].span)].end = boundary
        elementSpans.append(FieldSpan(start: boundary, end: .max))
        enclosing[enclosing.count - 1].index += 1
        enclosing[enclosing.count - 1].span = Int32(elementSpans.count - 1)
        enclosingRecorded = nil
    }

    @inline(__always)
    mutating func leaveArray() {
        let position = enclosing.removeLast()
        let end = Int32(fields.count)
        elementSpans[Int(position.span)].end = end
        arraySpans[Int(position.array)].end = end
        enclosingRecorded = nil
    }

    @inline(__always)
    mutating func record(path: Int32, kind: EventValue.Kind, inStrings: Bool, start: Int, end: Int) {
        var positions: Range<Int32> = 0..<0
        if !enclosing.isEmpty {
            // Fields of one array element share the record of where they are.
            if let recorded = enclosingRecorded {
                positions = recorded
            } else {
                let first = Int32(arrays.count)
                arrays.append(contentsOf: enclosing)
                positions = first..<Int32(arrays.count)
                enclosingRecorded = positions
            }
            anyInArray = true
            pathsInArrays |= PathIndex.bit(path)
        }
        let previous = firstByPath[Int(path)]
        if previous < 0 { touchedPaths.append(path) }
        fields.append(Field(
            kind: kind, inStrings: inStrings, start: Int32(start), end: Int32(end),
            arraysStart: positions.lowerBound, arraysEnd: positions.upperBound, next: previous))
        firstByPath[Int(path)] = Int32(fields.count - 1)
    }
}

/// Where the scan of a checked event stopped: the value of a path node it has
/// not read yet, and what the scanner needs to go on reading from there.
struct DeferredValue {
    var node: Int32
    var position: Int
    var depth: Int
    var nextArray: Int32
    var fieldsBelow: UInt64
}
