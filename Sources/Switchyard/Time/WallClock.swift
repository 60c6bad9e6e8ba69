public import Foundation

/// Where the domain reads the time and waits for it: `SystemClock` when serving,
/// a clock the tests move by hand otherwise. Waits go through the clock too, so
/// retries, visibility timeouts, long polls and sweeps come due on cue in tests
/// instead of after real seconds.
public protocol WallClock: Sendable {
    /// The current time, for timestamps and due times.
    var now: Date { get }

    /// Suspends for `duration` of this clock's time. Throws when the task is
    /// cancelled first.
    func sleep(for duration: Duration) async throws
}

/// The system's time and `Task.sleep`.
public struct SystemClock: WallClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
