/// A byte trie for prefixes (and, fed reversed bytes, for suffixes): each node
/// lists the conditions that end there. Frozen once built, in flat buffers, so
/// that walking it retains nothing.
struct ByteTrie: ~Copyable, Sendable {
    struct Edge: BitwiseCopyable {
        var byte: UInt8
        var node: Int32
    }

    /// The edges out of each node, as lists in one buffer.
    private let edges: FrozenArray<Edge>
    private let edgeEnds: FrozenArray<Int32>
    /// The conditions ending at each node.
    private let endings: IntegerLists

    var isEmpty: Bool { edges.isEmpty && !endings.hasAny(inList: 0) }

    init(_ builder: Builder) {
        edges = FrozenArray(builder.children.joined())
        var ends: [Int32] = []
        var end: Int32 = 0
        for children in builder.children {
            end += Int32(children.count)
            ends.append(end)
        }
        edgeEnds = FrozenArray(ends)
        endings = IntegerLists(builder.endings)
    }

    /// Calls `found` for each condition whose bytes begin the walked sequence.
    @inline(__always)
    func walk<Bytes: Sequence<UInt8>>(_ bytes: Bytes, _ found: (Int32) -> Void) {
        var node = 0
        endings.forEach(inList: 0, found)
        for byte in bytes {
            guard let next = child(of: node, byte: byte) else { return }
            node = next
            endings.forEach(inList: node, found)
        }
    }

    @inline(__always)
    private func child(of node: Int, byte: UInt8) -> Int? {
        let start = node == 0 ? 0 : Int(edgeEnds[node - 1])
        for index in start..<Int(edgeEnds[node]) where edges[index].byte == byte { return Int(edges[index].node) }
        return nil
    }

    /// Collects the conditions while patterns are compiled.
    struct Builder {
        fileprivate var children: [[Edge]] = [[]]
        fileprivate var endings: [[Int32]] = [[]]

        mutating func insert<Bytes: Sequence<UInt8>>(_ bytes: Bytes, condition: Int32) {
            var node = 0
            for byte in bytes {
                if let next = children[node].first(where: { $0.byte == byte }) {
                    node = Int(next.node)
                } else {
                    children.append([])
                    endings.append([])
                    let created = Int32(children.count - 1)
                    children[node].append(Edge(byte: byte, node: created))
                    node = Int(created)
                }
            }
            endings[node].append(condition)
        }
    }
}
