/// Numeric ranges of one field, indexed so that finding the ranges holding a
/// number costs a binary search plus one walk up a segment tree, however many
/// ranges there are. The number line is cut at every range bound into
/// elementary slots (each bound itself, and the open gaps between bounds); each
/// range covers a run of slots and is stored in the tree nodes covering that run.
struct NumericIndex: Sendable {
    /// Every finite range bound, sorted.
    private(set) var bounds: [Double] = []
    private var leafCount = 1
    /// The conditions stored in each tree node.
    private var nodes = IntegerLists([])

    var isEmpty: Bool { nodes.count == 0 }

    init() {}

    init(_ ranges: [(range: NumericRange, condition: Int32)]) {
        guard !ranges.isEmpty else { return }
        var all = Set<Double>()
        for (range, _) in ranges {
            if range.lower.isFinite { all.insert(range.lower) }
            if range.upper.isFinite { all.insert(range.upper) }
        }
        bounds = all.sorted()
        let slots = bounds.count * 2 + 1
        while leafCount < slots { leafCount *= 2 }
        var nodes = [[Int32]](repeating: [], count: leafCount * 2)
        for (range, condition) in ranges {
            let first = range.lower.isFinite ? slot(of: range.lower) + (range.lowerInclusive ? 0 : 1) : 0
            let last = range.upper.isFinite ? slot(of: range.upper) - (range.upperInclusive ? 0 : 1) : slots - 1
            guard first <= last else { continue }
            var low = first + leafCount
            var high = last + leafCount + 1
            while low < high {
                if low & 1 == 1 { nodes[low].append(condition); low += 1 }
                if high & 1 == 1 { high -= 1; nodes[high].append(condition) }
                low >>= 1
                high >>= 1
            }
        }
        self.nodes = IntegerLists(nodes)
    }

    /// Slot 2i+1 is `bounds[i]`; slot 2i is the gap below it.
    @inline(__always)
    private func slot(of number: Double) -> Int {
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if bounds[middle] < number { low = middle + 1 } else { high = middle }
        }
        return low < bounds.count && bounds[low] == number ? 2 * low + 1 : 2 * low
    }

    @inline(__always)
    func forEachRange(containing number: Double, _ body: (Int32) -> Void) {
        guard !isEmpty, !number.isNaN else { return }
        var node = slot(of: number) + leafCount
        while node >= 1 {
            nodes.forEach(inList: node, body)
            node >>= 1
        }
    }
}
