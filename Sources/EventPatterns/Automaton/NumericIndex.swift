/// Numeric ranges of one field, indexed so that finding the ranges holding a
/// number costs a binary search plus one walk up a segment tree, however many
/// ranges there are. The number line is cut at every range bound into
/// elementary slots (each bound itself, and the open gaps between bounds); each
/// range covers a run of slots and is stored in the tree nodes covering that run.
struct NumericIndex: ~Copyable, Sendable {
    /// Every finite range bound, sorted.
    private let bounds: FrozenArray<Double>
    private let leafCount: Int
    /// The conditions stored in each tree node.
    private let nodes: IntegerLists

    var isEmpty: Bool { nodes.count == 0 }

    init(_ ranges: [(range: NumericRange, condition: Int32)]) {
        var all = Set<Double>()
        for (range, _) in ranges {
            if range.lower.isFinite { all.insert(range.lower) }
            if range.upper.isFinite { all.insert(range.upper) }
        }
        let bounds = all.sorted()
        self.bounds = FrozenArray(bounds)
        guard !ranges.isEmpty else {
            leafCount = 1
            nodes = IntegerLists([])
            return
        }
        let slots = bounds.count * 2 + 1
        var leafCount = 1
        while leafCount < slots { leafCount *= 2 }
        self.leafCount = leafCount
        nodes = IntegerLists(bounds.withUnsafeBufferPointer { Self.treeNodes(ranges, bounds: $0, leafCount: leafCount) })
    }

    /// The conditions of each tree node: a range covering slots `first...last`
    /// is stored in the fewest nodes that together cover exactly that run.
    private static func treeNodes(
        _ ranges: [(range: NumericRange, condition: Int32)], bounds: UnsafeBufferPointer<Double>, leafCount: Int
    ) -> [[Int32]] {
        var nodes = [[Int32]](repeating: [], count: leafCount * 2)
        for (range, condition) in ranges {
            let first = range.lower.isFinite ? slot(of: range.lower, in: bounds) + (range.lowerInclusive ? 0 : 1) : 0
            let last = range.upper.isFinite ? slot(of: range.upper, in: bounds) - (range.upperInclusive ? 0 : 1) : bounds.count * 2
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
        return nodes
    }

    /// Every finite range bound, sorted.
    var boundaries: [Double] { bounds.withUnsafeBufferPointer(Array.init) }

    /// Slot 2i+1 is `bounds[i]`; slot 2i is the gap below it.
    @inline(__always)
    private static func slot(of number: Double, in bounds: UnsafeBufferPointer<Double>) -> Int {
        let low = bounds.lowerBound(of: number)
        return low < bounds.count && bounds[low] == number ? 2 * low + 1 : 2 * low
    }

    @inline(__always)
    func forEachRange(containing number: Double, _ body: (Int32) -> Void) {
        guard !isEmpty, !number.isNaN else { return }
        var node = bounds.withUnsafeBufferPointer { Self.slot(of: number, in: $0) } + leafCount
        while node >= 1 {
            nodes.forEach(inList: node, body)
            node >>= 1
        }
    }
}
