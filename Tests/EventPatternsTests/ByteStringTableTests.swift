@testable import EventPatterns
import Testing

@Suite struct ByteStringTableTests {
    func lookup(_ table: ByteStringTable, _ key: String) -> Int32? {
        Array(key.utf8).withUnsafeBufferPointer { table.lookup($0) }
    }

    @Test(arguments: [3, 8, 9, 40])
    func findsEveryKeyAndNoOther(count: Int) {
        // Lengths 0 to 20 around the eight-byte word: packed and hashed keys alike.
        let keys = (0..<count).map { index in String(repeating: "k", count: index % 21) + (index < 21 ? "" : "\(index)") }
        var table = ByteStringTable()
        for (index, key) in keys.enumerated() { _ = table.value(for: Array(key.utf8)) { Int32(index) } }
        for (index, key) in keys.enumerated() { #expect(lookup(table, key) == Int32(index), "\(key)") }
        for absent in ["x", "kx", "kkkkkkkx", "kkkkkkkkx", "xkkkkkkkkkkkkkkkkkkkkkkkkkk"] { #expect(lookup(table, absent) == nil) }
    }
}
