/// The anything-but conditions one field matcher holds. Each is met by every
/// value but those it excludes, so they are indexed by what they exclude: a
/// value costs one lookup per kind of exclusion, and every condition that did
/// not exclude it is met, however many conditions there are.
///
/// A condition excluding strings (values, prefixes, suffixes, values ignoring
/// case, wildcards) is met by any value that is not a string, and one excluding
/// numbers by any value that is not a number (`AnythingBut.matches`): so a
/// string is looked up only among excluded strings, a number among numbers.
struct AnythingButIndex: ~Copyable, Sendable {
    /// The slot of each condition, by condition number.
    private let slots: FrozenArray<Int32>
    /// Conditions by excluded value, as lists in `excluders`.
    private let excludedStrings: ByteStringTable
    private let excludedFoldedStrings: ByteStringTable
    private let excluders: IntegerLists
    /// Conditions by excluded prefix, and by excluded suffix reversed.
    private let excludedPrefixes: ByteTrie
    private let excludedSuffixes: ByteTrie
    /// Conditions by excluded number (one-point ranges).
    private let excludedNumbers: NumericIndex
    private let excludedWildcards: [(wildcard: Wildcard, condition: Int32)]
    /// Every number some condition excludes, so the field reads numbers exactly near them.
    let numbers: [Double]
    let needsFolding: Bool

    var isEmpty: Bool { slots.isEmpty }

    init(_ conditions: [(condition: AnythingBut, slot: Int32)]) {
        var strings: [[UInt8]: [Int32]] = [:]
        var foldedStrings: [[UInt8]: [Int32]] = [:]
        var prefixes = ByteTrie.Builder()
        var suffixes = ByteTrie.Builder()
        var numberRanges: [(range: NumericRange, condition: Int32)] = []
        var wildcards: [(wildcard: Wildcard, condition: Int32)] = []
        for (index, entry) in conditions.enumerated() {
            let condition = Int32(index)
            switch entry.condition.exclusion {
            case .strings(let values): for value in values { strings[value, default: []].append(condition) }
            case .equalsIgnoreCase(let values): for value in values { foldedStrings[value, default: []].append(condition) }
            case .prefixes(let values): for value in values { prefixes.insert(value, condition: condition) }
            case .suffixes(let values): for value in values { suffixes.insert(value.reversed(), condition: condition) }
            case .wildcards(let values): for value in values { wildcards.append((value, condition)) }
            case .numbers(let values):
                for value in values {
                    numberRanges.append((NumericRange(lower: value, lowerInclusive: true, upper: value, upperInclusive: true), condition))
                }
            }
        }
        var lists: [[Int32]] = []
        func table(_ byValue: [[UInt8]: [Int32]]) -> ByteStringTable {
            var table = ByteStringTable()
            for (value, conditions) in byValue {
                _ = table.value(for: value) { Int32(lists.count) }
                lists.append(conditions)
            }
            return table
        }
        excludedStrings = table(strings)
        excludedFoldedStrings = table(foldedStrings)
        excluders = IntegerLists(lists)
        excludedPrefixes = ByteTrie(prefixes)
        excludedSuffixes = ByteTrie(suffixes)
        excludedNumbers = NumericIndex(numberRanges)
        excludedWildcards = wildcards
        slots = FrozenArray(conditions.map(\.slot))
        numbers = numberRanges.map(\.range.lower)
        needsFolding = !foldedStrings.isEmpty
    }

    /// Calls `body` with the slot of every condition `value` meets. A string's
    /// case-folded bytes must be in `value.folded` when `needsFolding`.
    @inline(__always)
    func forEachSlot(matching value: EventValue, _ body: (Int32) -> Void) {
        let words = (slots.count + 63) >> 6
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { excluded in
            excluded.initialize(repeating: 0)
            let exclude = { (condition: Int32) in excluded[Int(condition) >> 6] |= 1 << UInt64(condition & 63) }
            switch value.kind {
            case .string:
                if let list = excludedStrings.lookup(value.bytes) { excluders.forEach(inList: Int(list), exclude) }
                if let folded = value.folded, let list = excludedFoldedStrings.lookup(folded) {
                    excluders.forEach(inList: Int(list), exclude)
                }
                if !excludedPrefixes.isEmpty { excludedPrefixes.walk(value.bytes, exclude) }
                if !excludedSuffixes.isEmpty { excludedSuffixes.walk(value.bytes.reversed(), exclude) }
                // In place: copying a wildcard out would retain its parts.
                excludedWildcards.withUnsafeBufferPointer { wildcards in
                    for index in wildcards.indices where wildcards[index].wildcard.matches(value.bytes) {
                        exclude(wildcards[index].condition)
                    }
                }
            case .number:
                excludedNumbers.forEachRange(containing: value.number, exclude)
            case .true, .false, .null:
                break
            }
            for condition in 0..<slots.count where excluded[condition >> 6] & (1 << UInt64(condition & 63)) == 0 {
                body(slots[condition])
            }
        }
    }
}
