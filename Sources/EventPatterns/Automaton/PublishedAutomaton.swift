import Synchronization

/// A machine's current automaton, as its matchers read it. Matchers hold this
/// rather than the machine: the machine keeps idle matchers for reuse, and a
/// matcher holding the machine would keep both alive for ever.
final class PublishedAutomaton: Sendable {
    /// The snapshot readers use; held only to copy a reference.
    private let current: Mutex<Automaton>
    /// Counts the snapshots published, so that a matcher can tell without a lock
    /// that its own is still current.
    let version = Atomic<UInt64>(0)

    init(_ automaton: Automaton) {
        current = Mutex(automaton)
    }

    var automaton: Automaton { current.withLock { $0 } }

    func publish(_ automaton: Automaton) {
        current.withLock { $0 = automaton }
        version.add(1, ordering: .releasing)
    }
}
