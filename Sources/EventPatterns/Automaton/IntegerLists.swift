/// Lists of small integers kept end to end in one buffer, so that reading one
/// during a match retains nothing.
struct IntegerLists: Sendable {
    private var values: [Int32] = []
    /// The end of each list in `values`; a list starts where the one before ends.
    private var ends: [Int32] = []

    init(_ lists: [[Int32]]) {
        for list in lists {
            values.append(contentsOf: list)
            ends.append(Int32(values.count))
        }
    }

    var count: Int { ends.count }

    @inline(__always)
    func forEach(inList list: Int, _ body: (Int32) -> Void) {
        let start = list == 0 ? 0 : Int(ends[list - 1])
        for index in start..<Int(ends[list]) { body(values[index]) }
    }
}
