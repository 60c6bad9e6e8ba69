/// An array that never changes after it is made, owned by exactly one value.
/// Reading it is a load through a pointer: unlike `Array`, it is never retained
/// or checked for uniqueness, which the automaton walk would pay for per state.
struct FrozenArray<Element: BitwiseCopyable>: ~Copyable, @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Element>

    init(_ elements: some Collection<Element>) {
        storage = .allocate(capacity: elements.count)
        _ = storage.initialize(from: elements)
    }

    deinit { storage.deallocate() }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }
    var indices: Range<Int> { 0..<storage.count }

    @inline(__always)
    subscript(index: Int) -> Element { storage[index] }

    @inline(__always)
    func forEach(_ body: (Element) -> Void) {
        for index in 0..<storage.count { body(storage[index]) }
    }

    @inline(__always)
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Element>) -> Result) -> Result {
        body(UnsafeBufferPointer(storage))
    }
}
