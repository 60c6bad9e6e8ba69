/// Case folding for `equals-ignore-case` and the ignore-case forms of `prefix`,
/// `suffix` and `anything-but`. ASCII is folded byte by byte; anything else goes
/// through Unicode lower-casing, as Java's `toLowerCase` does for EventBridge.
enum CaseFolding {
    static func fold(_ text: String) -> [UInt8] {
        Array(text.lowercased().utf8)
    }

    /// Folds `bytes` into `output` (cleared first), allocating nothing for ASCII input.
    @inline(__always)
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            output.append(contentsOf: String(decoding: bytes, as: UTF8.self).lowercased().utf8)
            return
        }
        output.append(contentsOf: bytes)
        output.withUnsafeMutableBufferPointer { folded in
            for index in folded.indices where folded[index] &- UInt8(ascii: "A") < 26 { folded[index] |= 0x20 }
        }
    }
}
