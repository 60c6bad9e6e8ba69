import Synchronization

/// Many named event patterns, compiled into one automaton. Patterns can be set
/// and removed while other threads keep matching: a change compiles a new
/// automaton off to the side and then swaps it in, so a match never waits for a
/// compilation and always sees one consistent set of patterns.
public final class PatternMachine: Sendable {
    private struct Patterns {
        var names: [String] = []
        var byName: [String: EventPattern] = [:]
    }

    /// Serialises writers; held while compiling.
    private let patterns = Mutex(Patterns())
    let published = PublishedAutomaton(Automaton(patterns: []))
    /// Matchers not in use by a `matches` call.
    private let idleMatchers = Mutex<[IdleMatcher]>([])

    /// A matcher handed between threads through `idleMatchers`: while in the list
    /// nobody uses it, and whoever takes it out is its only user until it returns.
    private struct IdleMatcher: @unchecked Sendable {
        let matcher: EventMatcher
    }

    public init() {}

    /// Adds `pattern` under `name`, replacing any pattern of that name.
    public func set(_ name: String, to pattern: EventPattern) {
        set([(name, pattern)])
    }

    /// Adds or replaces several patterns with one compilation.
    public func set(_ entries: [(name: String, pattern: EventPattern)]) {
        apply(entries.map { ($0.name, $0.pattern) })
    }

    /// Removes the pattern called `name`, if any.
    public func remove(_ name: String) {
        apply([(name, nil)])
    }

    /// Sets (or, where the pattern is nil, removes) patterns in the order given, with
    /// one compilation.
    public func apply(_ changes: [(name: String, pattern: EventPattern?)]) {
        update { patterns in
            for (name, pattern) in changes {
                if let pattern {
                    if patterns.byName.updateValue(pattern, forKey: name) == nil { patterns.names.append(name) }
                } else if patterns.byName.removeValue(forKey: name) != nil {
                    patterns.names.removeAll { $0 == name }
                }
            }
        }
    }

    /// The names of the patterns held, in the order they were first added.
    public var names: [String] { patterns.withLock { $0.names } }

    public func pattern(named name: String) -> EventPattern? { patterns.withLock { $0.byName[name] } }

    /// A matcher with its own scratch space, for one thread's use.
    public func makeMatcher() -> EventMatcher { EventMatcher(published) }

    /// The names of the patterns `event` matches, safe to call from any thread.
    /// Matchers are kept between calls, so their buffers are reused.
    public func matches(
        _ event: some Collection<UInt8>, validation: EventValidation = .full
    ) throws(EventSyntaxError) -> [String] {
        let matcher = idleMatchers.withLock { $0.popLast()?.matcher } ?? makeMatcher()
        defer { idleMatchers.withLock { $0.append(IdleMatcher(matcher: matcher)) } }
        return try matcher.matches(event, validation: validation)
    }

    private func update(_ change: (inout Patterns) -> Void) {
        patterns.withLock { patterns in
            change(&patterns)
            let entries = patterns.names.map { (name: $0, pattern: patterns.byName[$0]!) }
            let compiled = Automaton(patterns: entries)
            published.publish(compiled)
        }
    }
}
