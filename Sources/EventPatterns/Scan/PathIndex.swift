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
        /// Whether two fields of one pattern may sit in the same array here. Only
        /// then does a scan note which element of such an array a field came from.
        var holdsSharedArrays = false
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
        let segments = Self.segments(of: path)
        forEachNode(along: segments) { node, depth in
            node.fieldsBelow |= Self.bit(id)
            if depth == segments.count { node.fieldPath = id }
        }
        return id
    }

    /// Notes that one alternative of a pattern reads all the paths `ids`: where
    /// two of them share leading segments, an array there may hold both, and
    /// matching must then take their values from the same element.
    mutating func noteReadTogether(_ ids: [Int32]) {
        let segmentsByPath = ids.map { Self.segments(of: paths[Int($0)]) }
        for (index, segments) in segmentsByPath.enumerated() {
            let shared = segmentsByPath.indices.lazy.filter { $0 != index }
                .map { Self.commonPrefixLength(segments, segmentsByPath[$0]) }.max() ?? 0
            guard shared > 0 else { continue }
            forEachNode(along: Array(segments.prefix(shared))) { node, _ in node.holdsSharedArrays = true }
        }
    }

    private static func segments(of path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    private static func commonPrefixLength(_ first: [String], _ second: [String]) -> Int {
        zip(first, second).prefix { $0 == $1 }.count
    }

    /// Calls `body` with every node that a prefix of `segments` leads to, however
    /// the event groups the segments into keys, with the number of segments
    /// consumed; creates the nodes that do not exist yet.
    private mutating func forEachNode(along segments: [String], _ body: (inout Node, _ depth: Int) -> Void) {
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
                    body(&nodes[Int(node)], index)
                    key = segments[index]
                }
            }
            node = child(of: node, key: key)
            body(&nodes[Int(node)], segments.count)
        }
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

        @inline(__always)
        func holdsSharedArrays(_ node: Int32) -> Bool { nodes[Int(node)].holdsSharedArrays }
    }
}
