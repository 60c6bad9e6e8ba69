/// Lists of small integers kept end to end in one buffer, so that reading one
/// during a match retains nothing.
struct IntegerLists: ~Copyable, Sendable {
    private let values: FrozenArray<Int32>
    /// The end of each list in `values`; a list starts where the one before ends.
    private let ends: FrozenArray<Int32>

    init(_ lists: [[Int32]]) {
        values = FrozenArray(lists.joined())
        var ends: [Int32] = []
        ends.reserveCapacity(lists.count)
        var end: Int32 = 0
        for list in lists {
            end += Int32(list.count)
            ends.append(end)
        }
        self.ends = FrozenArray(ends)
    }

    var count: Int { ends.count }

    func hasAny(inList list: Int) -> Bool {
        list < ends.count && ends[list] != (list == 0 ? 0 : ends[list - 1])
    }

    @inline(__always)
    func forEach(inList list: Int, _ body: (Int32) -> Void) {
        reader.forEach(inList: list, body)
    }

    /// The lists as plain pointers, valid while these lists live. For closures:
    /// one that reads a stored property of a class instead retains the instance.
    var reader: Reader {
        Reader(values: values.withUnsafeBufferPointer { $0 }, ends: ends.withUnsafeBufferPointer { $0 })
    }

    struct Reader {
        let values: UnsafeBufferPointer<Int32>
        let ends: UnsafeBufferPointer<Int32>

        @inline(__always)
        func forEach(inList list: Int, _ body: (Int32) -> Void) {
            let start = list == 0 ? 0 : Int(ends[list - 1])
            for index in start..<Int(ends[list]) { body(values[index]) }
        }
    }
}
