import CJSONBlocks
import TestSupport
import Testing

@Suite struct JSONBlocksTests {
    /// The vector kernel this machine compiles must mark the same bytes as the portable loop.
    @Test func vectorClassificationAgreesWithThePortableLoop() {
        var generator = SplitMix(seed: 7)
        let alphabet = Array(#"{}[]"\,:xyY_ 09"#.utf8) + [0x00, 0x1F, 0x5B | 0x80, 0x7B | 0x80, 0x7F, 0xFF]
        for _ in 0..<10_000 {
            let block = (0..<64).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let vector = block.withUnsafeBufferPointer { json_classify_block($0.baseAddress!) }
            let portable = block.withUnsafeBufferPointer { json_classify_block_portable($0.baseAddress!) }
            #expect(vector.quotes == portable.quotes)
            #expect(vector.backslashes == portable.backslashes)
            #expect(vector.opening == portable.opening)
            #expect(vector.closing == portable.closing)
        }
    }
}
