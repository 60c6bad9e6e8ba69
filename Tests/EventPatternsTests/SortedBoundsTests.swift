@testable import EventPatterns
import TestSupport
import Testing

@Suite struct SortedBoundsTests {
    @Test func lowerBoundIsTheFirstElementNotBelow() {
        var generator = SplitMix(seed: 7)
        for count in 0..<40 {
            let sorted = (0..<count).map { _ in Double(generator.next() % 50) }.sorted()
            sorted.withUnsafeBufferPointer { bounds in
                for value in stride(from: -1.0, through: 51, by: 0.5) {
                    #expect(bounds.lowerBound(of: value) == (sorted.firstIndex { $0 >= value } ?? count), "\(sorted) \(value)")
                }
            }
        }
    }
}
