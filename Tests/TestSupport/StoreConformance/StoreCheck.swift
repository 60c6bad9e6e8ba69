public import Switchyard
public import Testing

/// One behaviour every store must have, run against a fresh, empty store. Each
/// backend's tests run every check of `StoreConformance` unchanged.
public struct StoreCheck: Sendable, CustomTestStringConvertible {
    public let name: String
    public let run: @Sendable (any Store) async throws -> Void

    init(_ name: String, _ run: @escaping @Sendable (any Store) async throws -> Void) {
        self.name = name
        self.run = run
    }

    public var testDescription: String { name }
}

/// The checks, one list per area of the store.
public enum StoreConformance {}

/// Values the checks share.
enum Fixture {
    static let caller = Caller(account: "111111111111", region: "eu-west-1")
    static let other = Caller(account: "222222222222", region: "eu-west-1")
    /// AWS accepts a NUL in free text; a store must give it back whole.
    static let textWithNUL = "before\u{0}after é"
}

/// Thrown to make a write roll back.
struct Refused: Error {}
