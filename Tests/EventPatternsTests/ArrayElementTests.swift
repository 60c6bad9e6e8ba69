import EventPatterns
import Testing

/// Fields matched under one array must come from one element of it; finding that
/// element's fields must not cost the square of the array's length.
@Suite struct ArrayElementTests {
    static let pattern = #"{"detail":{"items":{"a":["x"],"b":["y"]}}}"#

    static func event(_ elements: [(String, String)], extra: String = "") -> String {
        let items = elements.map { #"{"a":"\#($0.0)","b":"\#($0.1)"}"# }.joined(separator: ",")
        return #"{"detail":{"items":[\#(items)]\#(extra)}}"#
    }

    @Test func fieldsOfOneElementAmongManyMatchAndFieldsOfDifferentElementsDoNot() throws {
        let crossed = Array(repeating: ("x", "z"), count: 40) + Array(repeating: ("z", "y"), count: 40)
        #expect(try !matches(Self.pattern, Self.event(crossed)))
        for position in [0, 17, 79] {
            var elements = crossed
            elements[position] = ("x", "y")
            #expect(try matches(Self.pattern, Self.event(elements)), "element \(position)")
        }
    }

    @Test func elementsOfNestedArraysAreTold() throws {
        let pattern = #"{"detail":{"items":{"sub":{"a":["x"],"b":["y"]}}}}"#
        func element(_ pairs: [(String, String)]) -> String {
            #"{"sub":[\#(pairs.map { #"{"a":"\#($0.0)","b":"\#($0.1)"}"# }.joined(separator: ","))]}"#
        }
        let many = Array(repeating: ("x", "z"), count: 12) + Array(repeating: ("z", "y"), count: 12)
        let apart = #"{"detail":{"items":[\#(element(many)),\#(element(many))]}}"#
        #expect(try !matches(pattern, apart))
        let together = #"{"detail":{"items":[\#(element(many)),\#(element(many + [("x", "y")]))]}}"#
        #expect(try matches(pattern, together))
    }

    /// A repeated key can put a path both inside and outside the held array: the
    /// value outside shares no array, so it goes with any element.
    @Test func valueOutsideTheArrayGoesWithAnyElement() throws {
        let elements = Array(repeating: ("x", "z"), count: 20)
        let items = elements.map { #"{"a":"\#($0.0)","b":"\#($0.1)"}"# }.joined(separator: ",")
        let event = #"{"detail":{"items":[\#(items)],"items":{"b":"y"}}}"#
        #expect(try matches(Self.pattern, event))
    }

    @Test(.timeLimit(.minutes(1)))
    func longArrayIsMatchedInOnePass() throws {
        let count = 100_000
        let elements = Array(repeating: ("x", "z"), count: count) + Array(repeating: ("z", "y"), count: count)
        #expect(try !matches(Self.pattern, Self.event(elements)))
    }
}
