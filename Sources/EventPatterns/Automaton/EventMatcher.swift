/// Matches events against a machine's patterns. It owns the scratch buffers a
/// match needs and reuses them, so one matcher serves one thread (it is not
/// `Sendable`); make one per task with `PatternMachine.makeMatcher()`.
public final class EventMatcher {
    private let published: PublishedAutomaton
    private var state: MatchState
    /// The published version when `state` was made.
    private var version: UInt64

    init(_ published: PublishedAutomaton) {
        self.published = published
        self.version = published.version.load(ordering: .acquiring)
        self.state = MatchState(published.automaton)
    }

    /// The names of the patterns `event` matches, in the order they were added.
    public func matches(
        _ event: some Collection<UInt8>, validation: EventValidation = .full
    ) throws(EventSyntaxError) -> [String] {
        let indices = try matchingIndices(event, validation: validation)
        let names = state.automaton.patternNames
        return indices.map { names[Int($0)] }
    }

    /// The positions (in the machine's pattern list at the time of matching) of
    /// the patterns `event` matches. The fast path for counting and benchmarks.
    /// The result is handed out without a copy: a caller that lets go of it before
    /// the next match leaves the buffer to be reused.
    public func matchingIndices(
        _ event: UnsafeBufferPointer<UInt8>, validation: EventValidation = .full
    ) throws(EventSyntaxError) -> [Int32] {
        refresh()
        try state.match(event, validation: validation)
        return state.matched
    }

    public func matchingIndices(
        _ event: some Collection<UInt8>, validation: EventValidation = .full
    ) throws(EventSyntaxError) -> [Int32] {
        let found: Result<[Int32], EventSyntaxError>? = event.withContiguousStorageIfAvailable { bytes in
            Result { () throws(EventSyntaxError) in try matchingIndices(bytes, validation: validation) }
        }
        if let found { return try found.get() }
        return try Array(event).withUnsafeBufferPointer { bytes throws(EventSyntaxError) in
            try matchingIndices(bytes, validation: validation)
        }
    }

    private func refresh() {
        let latest = published.version.load(ordering: .acquiring)
        guard latest != version else { return }
        version = latest
        state = MatchState(published.automaton)
    }
}

/// The scratch space of one matcher for one compiled snapshot. A value type, so
/// that the recursive walk below works on it without runtime exclusivity checks.
private struct MatchState {
    let automaton: Automaton
    private var output: ScanOutput
    private var folding: [UInt8] = []
    private var generation: UInt32 = 0
    private var matchedStamps: [UInt32]
    private var visitedStamps: [UInt32]
    private(set) var matched: [Int32] = []
    /// Array positions the fields matched so far were found at (see `isConsistent`).
    private var arrayContext: [ArrayPosition] = []
    /// Next states waiting to be visited, shared by all recursion levels.
    private var pending: [Int32] = []
    /// By path: its fields' indices in reading order, made when a match needs to
    /// find the fields of one array element among many (`candidates`), and the
    /// generation and field count they were made for.
    private var fieldsByPath: [[Int32]]
    private var fieldsByPathMade: [(generation: UInt32, fieldCount: Int)]

    init(_ automaton: Automaton) {
        self.automaton = automaton
        self.output = ScanOutput(pathCount: automaton.paths.paths.count)
        self.matchedStamps = Array(repeating: 0, count: automaton.patternNames.count)
        self.visitedStamps = Array(repeating: 0, count: automaton.states.count)
        self.fieldsByPath = Array(repeating: [], count: automaton.paths.paths.count)
        self.fieldsByPathMade = Array(repeating: (0, 0), count: automaton.paths.paths.count)
    }

    mutating func match(_ event: UnsafeBufferPointer<UInt8>, validation: EventValidation) throws(EventSyntaxError) {
        if !matched.isEmpty { matched.removeAll(keepingCapacity: true) }
        generation &+= 1
        if generation == 0 {
            for index in matchedStamps.indices { matchedStamps[index] = 0 }
            for index in visitedStamps.indices { visitedStamps[index] = 0 }
            for index in fieldsByPathMade.indices { fieldsByPathMade[index] = (0, 0) }
            generation = 1
        }
        try automaton.paths.withReader { paths throws(EventSyntaxError) in
            // The scanner works on this state's buffers, swapped in and out rather
            // than copied so that they stay uniquely referenced and are reused. It
            // lives through the walk, which may have it read a deferred value.
            var scanner = EventScanner(input: event, paths: paths, validation: validation)
            swap(&scanner.output, &output)
            defer { swap(&scanner.output, &output) }
            try scanner.scan()
            try visit(Automaton.start, scanner: &scanner)
        }
        if matched.count > 1 { putMatchedInOrder() }
    }

    /// Sorts the matched patterns; when they are many of the machine's, reading
    /// them off the stamps in order is cheaper.
    private mutating func putMatchedInOrder() {
        guard matched.count * 8 >= matchedStamps.count else { return matched.sort() }
        matched.removeAll(keepingCapacity: true)
        for pattern in matchedStamps.indices where matchedStamps[pattern] == generation { matched.append(Int32(pattern)) }
    }

    /// Visits `state`: follows each field the event satisfies. Below a
    /// `contextFree` state no field sits in an array, so the element positions
    /// matched so far cannot matter and a state is visited once however it is
    /// reached.
    private mutating func visit(
        _ state: Int32, scanner: inout EventScanner, contextFree: Bool = false
    ) throws(EventSyntaxError) {
        if contextFree || arrayContext.isEmpty {
            if visitedStamps[Int(state)] == generation { return }
            visitedStamps[Int(state)] = generation
        }
        for transitionIndex in automaton.states[Int(state)].transitions {
            let transition = automaton.transitions[Int(transitionIndex)]
            while scanner.output.mayDefer(transition.path) { try scanner.resume() }
            // The automaton holds its matchers for the whole match, so they are
            // lent without a retain (an `unowned(unsafe)` reference is retained
            // when passed on).
            let matcher = Unmanaged.passUnretained(automaton.fieldMatchers[Int(transition.matcher)])
            // When no field after this one sits in an array, the element a value
            // came from cannot matter to the states it leads to.
            let targetsContextFree = contextFree
                || automaton.pathsAfter[Int(transitionIndex)] & scanner.output.pathsInArrays == 0
            // The path's fields are linked latest first; those below `lowest` cannot be consistent.
            var fieldIndex = scanner.output.firstByPath[Int(transition.path)]
            var lowest: Int32 = 0
            if !contextFree, !arrayContext.isEmpty { (fieldIndex, lowest) = candidates(transition.path, in: scanner.output) }
            let start = pending.count
            // `exists: false` holds when no value usable here exists: inside an
            // array of objects, values of other elements do not count.
            var present = false
            while fieldIndex >= lowest {
                let field = scanner.output.fields[Int(fieldIndex)]
                guard contextFree || isConsistent(field, in: scanner.output) else {
                    fieldIndex = field.next
                    continue
                }
                present = true
                let before = pending.count
                matcher._withUnsafeGuaranteedRef { reachOutcomes(of: Int(fieldIndex), matcher: $0, scanner: &scanner) }
                fieldIndex = field.next
                if targetsContextFree || field.arraysStart == field.arraysEnd || before == pending.count { continue }
                // Targets reached through an array element are visited now, with
                // that element's position in force.
                for index in field.arraysStart..<field.arraysEnd { arrayContext.append(scanner.output.arrays[Int(index)]) }
                let end = pending.count
                for index in before..<end {
                    try visit(pending[index], scanner: &scanner, contextFree: isContextFree(pending[index], scanner.output))
                }
                pending.removeLast(end - before)
                for _ in field.arraysStart..<field.arraysEnd { arrayContext.removeLast() }
            }
            if !present { matcher._withUnsafeGuaranteedRef { $0.absent.forEach { reach($0) } } }
            let end = pending.count
            for index in start..<end {
                let next = pending[index]
                try visit(next, scanner: &scanner, contextFree: contextFree || isContextFree(next, scanner.output))
            }
            pending.removeLast(end - start)
        }
    }

    @inline(__always)
    private func isContextFree(_ state: Int32, _ output: ScanOutput) -> Bool {
        automaton.pathsBelow[Int(state)] & output.pathsInArrays == 0
    }

    @inline(__always)
    private mutating func reachOutcomes(of fieldIndex: Int, matcher: FieldMatcher, scanner: inout EventScanner) {
        let field = scanner.output.fields[fieldIndex]
        let range = Int(field.start)..<Int(field.end)
        // Moved out while `reach` works on the rest of the state.
        var scratch: [UInt8] = []
        swap(&scratch, &folding)
        defer { swap(&scratch, &folding) }
        if field.inStrings {
            scanner.output.strings.withUnsafeBufferPointer { strings in
                var value = EventValue(kind: field.kind, bytes: UnsafeBufferPointer(rebasing: strings[range]))
                matcher.forEachOutcome(of: &value, folding: &scratch) { reach($0) }
            }
        } else {
            var value = EventValue(kind: field.kind, bytes: UnsafeBufferPointer(rebasing: scanner.input[range]), reading: field.reading)
            matcher.forEachOutcome(of: &value, folding: &scratch) { reach($0) }
            // Whichever state reads this number next reads it no more.
            if value.reading != field.reading { scanner.output.fields[fieldIndex].reading = value.reading }
        }
    }

    /// Takes in an outcome of a field (`FieldMatcher.outcomes`): a completed
    /// pattern is matched at once, a state waits to be visited.
    @inline(__always)
    private mutating func reach(_ outcome: Int32) {
        if outcome >= 0 {
            pending.append(outcome)
        } else if matchedStamps[Int(~outcome)] != generation {
            matchedStamps[Int(~outcome)] = generation
            matched.append(~outcome)
        }
    }

    /// Where to walk the fields of `path` that may be consistent with the element
    /// positions in force: the latest such field, and the lowest index worth
    /// reaching. With many fields under an array whose element is held, that is the
    /// stretch inside the element: testing each field instead would make a pattern
    /// of two fields under one array cost the square of the array's length.
    @inline(never)
    private mutating func candidates(_ path: Int32, in output: ScanOutput) -> (first: Int32, lowest: Int32) {
        let first = output.firstByPath[Int(path)]
        guard first >= 0 else { return (first, 0) }
        // A few fields are tested faster than they are indexed.
        var field = first
        for _ in 0..<8 {
            field = output.fields[Int(field)].next
            if field < 0 { return (first, 0) }
        }
        if fieldsByPathMade[Int(path)] != (generation, output.fields.count) {
            fieldsByPath[Int(path)].removeAll(keepingCapacity: true)
            var index = first
            while index >= 0 {
                fieldsByPath[Int(path)].append(index)
                index = output.fields[Int(index)].next
            }
            fieldsByPath[Int(path)].reverse()
            fieldsByPathMade[Int(path)] = (generation, output.fields.count)
        }
        let fields = fieldsByPath[Int(path)]
        var span = FieldSpan(start: 0, end: .max)
        for held in arrayContext {
            // Only an array that holds every field of the path narrows it down.
            let array = output.arraySpans[Int(held.array)]
            guard array.contains(fields[0]), array.contains(fields[fields.count - 1]) else { continue }
            let element = output.elementSpans[Int(held.span)]
            span = FieldSpan(start: max(span.start, element.start), end: min(span.end, element.end))
        }
        // Links run down the path's fields, so the walk starts at the last one in the span.
        let upper = fields.partitionPoint { $0 >= span.end }
        return (upper > 0 ? fields[upper - 1] : -1, span.start)
    }

    /// Fields matched inside arrays of objects must come from the same element:
    /// a field is usable only if every array it shares with the fields matched so
    /// far holds it at the same index.
    @inline(__always)
    private func isConsistent(_ field: ScanOutput.Field, in output: ScanOutput) -> Bool {
        guard !arrayContext.isEmpty, field.arraysStart != field.arraysEnd else { return true }
        for index in Int(field.arraysStart)..<Int(field.arraysEnd) {
            let position = output.arrays[index]
            for held in arrayContext where held.array == position.array && held.index != position.index {
                return false
            }
        }
        return true
    }
}

extension Array where Element == Int32 {
    /// The index of the first element that satisfies `predicate`, which holds for
    /// a suffix of the array.
    func partitionPoint(_ predicate: (Int32) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
