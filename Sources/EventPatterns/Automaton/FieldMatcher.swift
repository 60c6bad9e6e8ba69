/// Everything one automaton state asks of one field: all the conditions that
/// any pattern passing through the state puts on the field, indexed by kind so
/// that a value is tested against each index once. A condition (a slot) leads to
/// one or more next states.
final class FieldMatcher: Sendable {
    let exactStrings: ByteStringTable
    /// Numbers the engine keeps as text, matched digit for digit (`ExactValue.numberText`).
    let exactNumberTexts: ByteStringTable
    /// Slot per literal (`true`, `false`, `null`), or -1.
    let literals: FrozenArray<Int32>
    let prefixes: ByteTrie
    let foldedPrefixes: ByteTrie
    let suffixes: ByteTrie
    let foldedSuffixes: ByteTrie
    let foldedEquals: ByteStringTable
    let numeric: NumericIndex
    /// Conditions tested one by one: wildcards, and CIDR blocks and IP addresses.
    let wildcards: [(condition: Wildcard, slot: Int32)]
    let cidrs: [(condition: CIDR, slot: Int32)]
    let anythingButs: AnythingButIndex
    /// Whether any of the three above holds a condition; they see folded strings.
    let hasScanned: Bool
    /// Slots met by any present value (`exists: true`).
    let anyValue: FrozenArray<Int32>
    /// What is reached when the event has no value at the field (`exists: false`),
    /// as in `outcomes`.
    let absent: FrozenArray<Int32>
    /// Slot → what meeting it reaches: a next state (≥ 0) with fields still to
    /// match, or a pattern it completes (`~pattern`, < 0).
    let outcomes: IntegerLists
    let needsFolding: Bool
    /// Every number this field's conditions compare with, sorted: a value far
    /// from all of them needs no exact rounding (`EventValue.readNumber`).
    let numberBoundaries: FrozenArray<Double>

    init(conditions: [ValueMatcher], outcomes: [[Int32]], absent: [Int32]) {
        self.outcomes = IntegerLists(outcomes)
        self.absent = FrozenArray(absent)
        var exactStrings = ByteStringTable()
        var exactNumberTexts = ByteStringTable()
        var literals: [Int32] = [-1, -1, -1]
        var prefixes = ByteTrie.Builder()
        var foldedPrefixes = ByteTrie.Builder()
        var suffixes = ByteTrie.Builder()
        var foldedSuffixes = ByteTrie.Builder()
        var foldedEquals = ByteStringTable()
        var wildcards: [(condition: Wildcard, slot: Int32)] = []
        var anythingButs: [(condition: AnythingBut, slot: Int32)] = []
        var cidrs: [(condition: CIDR, slot: Int32)] = []
        var anyValue: [Int32] = []
        var needsFolding = false
        var ranges: [(range: NumericRange, condition: Int32)] = []
        for (index, condition) in conditions.enumerated() {
            let slot = Int32(index)
            switch condition {
            case .exact(.string(let bytes)): _ = exactStrings.value(for: bytes) { slot }
            case .exact(.numberText(let text)): _ = exactNumberTexts.value(for: text) { slot }
            case .exact(.number(let number)):
                // An exact number is the range holding only itself.
                ranges.append((NumericRange(lower: number, lowerInclusive: true, upper: number, upperInclusive: true), slot))
            case .exact(.literal(let literal)): literals[Int(literal.rawValue)] = slot
            case .prefix(let prefix):
                if prefix.ignoringCase { foldedPrefixes.insert(prefix.bytes, condition: slot) } else { prefixes.insert(prefix.bytes, condition: slot) }
                needsFolding = needsFolding || prefix.ignoringCase
            case .suffix(let suffix):
                // Suffixes live in tries of reversed bytes, walked from the value's end.
                if suffix.ignoringCase { foldedSuffixes.insert(suffix.bytes.reversed(), condition: slot) } else { suffixes.insert(suffix.bytes.reversed(), condition: slot) }
                needsFolding = needsFolding || suffix.ignoringCase
            case .equalsIgnoreCase(let equals):
                _ = foldedEquals.value(for: equals.folded) { slot }
                needsFolding = true
            case .numeric(let range):
                ranges.append((range, slot))
            case .exists(true): anyValue.append(slot)
            case .exists(false): break
            case .wildcard(let wildcard): wildcards.append((wildcard, slot))
            case .anythingBut(let anythingBut): anythingButs.append((anythingBut, slot))
            case .cidr(let cidr): cidrs.append((cidr, slot))
            }
        }
        let numeric = NumericIndex(ranges)
        let anythingButIndex = AnythingButIndex(anythingButs)
        self.numberBoundaries = FrozenArray(Set(numeric.boundaries + anythingButIndex.numbers).sorted())
        self.needsFolding = needsFolding || anythingButIndex.needsFolding
        self.numeric = numeric
        self.exactStrings = exactStrings
        self.exactNumberTexts = exactNumberTexts
        self.literals = FrozenArray(literals)
        self.prefixes = ByteTrie(prefixes)
        self.foldedPrefixes = ByteTrie(foldedPrefixes)
        self.suffixes = ByteTrie(suffixes)
        self.foldedSuffixes = ByteTrie(foldedSuffixes)
        self.foldedEquals = foldedEquals
        self.wildcards = wildcards
        self.anythingButs = anythingButIndex
        self.cidrs = cidrs
        self.hasScanned = !(wildcards.isEmpty && anythingButs.isEmpty && cidrs.isEmpty)
        self.anyValue = FrozenArray(anyValue)
    }

    /// Calls `body` with every slot the value meets.
    @inline(__always)
    func forEachSlot(_ value: inout EventValue, folding scratch: inout [UInt8], _ body: (Int32) -> Void) {
        anyValue.forEach(body)
        switch value.kind {
        case .string:
            if !exactStrings.isEmpty, let slot = exactStrings.lookup(value.bytes) { body(slot) }
            if !prefixes.isEmpty { prefixes.walk(value.bytes, body) }
            if !suffixes.isEmpty { suffixes.walk(value.bytes.reversed(), body) }
            if needsFolding {
                CaseFolding.fold(value.bytes, into: &scratch)
                scratch.withUnsafeBufferPointer { folded in
                    if !foldedEquals.isEmpty, let slot = foldedEquals.lookup(folded) { body(slot) }
                    if !foldedPrefixes.isEmpty { foldedPrefixes.walk(folded, body) }
                    if !foldedSuffixes.isEmpty { foldedSuffixes.walk(folded.reversed(), body) }
                }
            }
        case .number:
            if !exactNumberTexts.isEmpty, let slot = exactNumberTexts.lookup(value.bytes) { body(slot) }
            // Without boundaries no condition here compares numbers, and the
            // number is not read at all.
            if !numberBoundaries.isEmpty {
                numberBoundaries.withUnsafeBufferPointer { value.readNumber(comparingWith: $0) }
                numeric.forEachRange(containing: value.number, body)
            }
        case .true, .false, .null:
            let slot = literals[Int(value.kind.rawValue) - Int(EventValue.Kind.true.rawValue)]
            if slot >= 0 { body(slot) }
        }
        if hasScanned {
            if needsFolding, value.kind == .string {
                scratch.withUnsafeBufferPointer { folded in
                    value.folded = folded
                    forEachScannedSlot(matching: value, body)
                    value.folded = nil
                }
            } else {
                forEachScannedSlot(matching: value, body)
            }
        }
    }
}

extension FieldMatcher {
    /// Calls `body` with the outcome of every slot the value meets.
    @inline(__always)
    func forEachOutcome(of value: inout EventValue, folding scratch: inout [UInt8], _ body: (Int32) -> Void) {
        let outcomes = outcomes.reader
        forEachSlot(&value, folding: &scratch) { outcomes.forEach(inList: Int($0), body) }
    }

    /// Every state this matcher can lead to.
    func forEachNextState(_ body: (Int32) -> Void) {
        for slot in 0..<outcomes.count { outcomes.forEach(inList: slot) { if $0 >= 0 { body($0) } } }
        absent.forEach { if $0 >= 0 { body($0) } }
    }

    /// The conditions no index serves, tested one by one.
    @inline(__always)
    private func forEachScannedSlot(matching value: EventValue, _ body: (Int32) -> Void) {
        Self.forEachSlot(of: wildcards, matching: value, body)
        if !anythingButs.isEmpty { anythingButs.forEachSlot(matching: value, body) }
        if !cidrs.isEmpty, value.kind == .string { forEachAddressSlot(matching: value, body) }
    }

    /// The value is read as an address once, whatever the number of blocks; out
    /// of line, as few fields hold blocks.
    @inline(never)
    private func forEachAddressSlot(matching value: EventValue, _ body: (Int32) -> Void) {
        guard let address = IPAddress.hexDigits(of: value.bytes) else { return }
        for (block, slot) in cidrs where block.contains(address) { body(slot) }
    }

    /// Tests each condition in place, by its concrete type: copying one out of an
    /// enum would retain its payload.
    @inline(__always)
    private static func forEachSlot<Condition: ScannedCondition>(
        of conditions: [(condition: Condition, slot: Int32)], matching value: EventValue, _ body: (Int32) -> Void
    ) {
        conditions.withUnsafeBufferPointer { conditions in
            for index in conditions.indices where conditions[index].condition.matches(value) { body(conditions[index].slot) }
        }
    }
}

/// A condition that no index serves, tested value by value.
protocol ScannedCondition {
    func matches(_ value: EventValue) -> Bool
}

extension Wildcard: ScannedCondition {}

extension ValueMatcher {
    /// The reference semantics of each condition, used for the conditions an
    /// index cannot serve better.
    func matches(_ value: EventValue) -> Bool {
        switch self {
        case .exact(let exact): return exact.matches(value)
        case .prefix(let prefix): return prefix.matches(value)
        case .suffix(let suffix): return suffix.matches(value)
        case .equalsIgnoreCase(let equals): return equals.matches(value)
        case .wildcard(let wildcard): return wildcard.matches(value)
        case .anythingBut(let anythingBut): return anythingBut.matches(value)
        case .numeric(let range): return range.matches(value)
        case .exists(let present): return present
        case .cidr(let cidr): return cidr.matches(value)
        }
    }
}
