/// The field paths some pattern reads, as a tree the scanner walks one JSON key
/// at a time. An event may spell the path `a.b.c` as nested keys or as keys
/// containing dots (`{"a.b": {"c": …}}`), so every way of grouping a path's
/// segments into keys leads to the same node.
struct PathIndex: Sendable {
    struct Node: Sendable {
        /// Child node by the JSON key that leads to it.
        var children = ByteStringTable()
        /// The field read at this node, or -1.
        var fieldPath: Int32 = -1
        /// Children whose key has no dot: those an event without dotted keys can name.
        var namedMembers = 0
        /// The fields read at or below this node (`PathIndex.bit`).
        var fieldsBelow: UInt64 = 0
    }

    private(set) var nodes: [Node] = [Node()]
    /// Path ID → dotted path.
    private(set) var paths: [String] = []
    private var idsByPath: [String: Int32] = [:]

    static let root: Int32 = 0
    /// Paths deeper than this are indexed only as nested keys (2^(n-1) groupings would explode).
    private static let maximumGroupedSegments = 12

    /// The ID of `path`, adding it when new.
    mutating func add(_ path: String) -> Int32 {
        if let existing = idsByPath[path] { return existing }
        let id = Int32(paths.count)
        paths.append(path)
        idsByPath[path] = id
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let groupings = segments.count <= Self.maximumGroupedSegments ? 1 << (segments.count - 1) : 1
        for grouping in 0..<groupings {
            // Bit i of `grouping` set: segments i and i+1 share one key.
            var node = Self.root
            var key = segments[0]
            for index in segments.indices.dropFirst() {
                if grouping & (1 << (index - 1)) != 0 {
                    key += "." + segments[index]
                } else {
                    node = child(of: node, key: key)
                    nodes[Int(node)].fieldsBelow |= Self.bit(id)
                    key = segments[index]
                }
            }
            node = child(of: node, key: key)
            nodes[Int(node)].fieldsBelow |= Self.bit(id)
            nodes[Int(node)].fieldPath = id
        }
        return id
    }

    /// A path's bit in the masks of paths (`fieldsBelow`, `ScanOutput.pathsInArrays`,
    /// `Automaton.pathsBelow`). Paths 64 apart share a bit, which only costs a shortcut.
    @inline(__always)
    static func bit(_ path: Int32) -> UInt64 { 1 << UInt64(path & 63) }

    private mutating func child(of node: Int32, key: String) -> Int32 {
        let count = Int32(nodes.count)
        let child = nodes[Int(node)].children.value(for: Array(key.utf8)) { count }
        if child == count {
            nodes.append(Node())
            if !key.contains(".") { nodes[Int(node)].namedMembers += 1 }
        }
        return child
    }

    /// Calls `body` with a reader over the tree's storage, which a scan uses
    /// without retaining anything.
    func withReader<Result, Failure: Error>(
        _ body: (Reader) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let result: Swift.Result<Result, Failure> = nodes.withUnsafeBufferPointer { nodes in
            Swift.Result { () throws(Failure) in try body(Reader(nodes: nodes)) }
        }
        return try result.get()
    }

    struct Reader {
        let nodes: UnsafeBufferPointer<Node>

        @inline(__always)
        func child(of node: Int32, key: UnsafeBufferPointer<UInt8>) -> Int32? {
            nodes[Int(node)].children.lookup(key)
        }

        @inline(__always)
        func hasChildren(_ node: Int32) -> Bool { !nodes[Int(node)].children.isEmpty }

        @inline(__always)
        func fieldPath(_ node: Int32) -> Int32 { nodes[Int(node)].fieldPath }

        @inline(__always)
        func namedMemberCount(_ node: Int32) -> Int { nodes[Int(node)].namedMembers }

        @inline(__always)
        func fieldsBelow(_ node: Int32) -> UInt64 { nodes[Int(node)].fieldsBelow }
    }
}
