/// A hash table from byte strings to small integers that is probed with bytes
/// straight from the event buffer, so a lookup allocates nothing. Keys live in
/// one contiguous array; open addressing with linear probing. A table of a few
/// short keys (most of an event's field names) is searched by comparing words.
struct ByteStringTable: Sendable {
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int32] = []
    private var keyLengths: [Int32] = []
    private var keyHashes: [UInt64] = []
    private(set) var values: [Int32] = []
    /// Slot → entry index + 1 (0 marks an empty slot).
    private var slots: [Int32] = Array(repeating: 0, count: 8)
    /// Whether the table holds at most `smallCapacity` keys of at most eight
    /// bytes, each also kept in `packedKeys` (see `packed(_:from:)`).
    private var isSmall = true
    private var packedKeys: [UInt64] = []
    private static let smallCapacity = 8

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The value for `key`, inserting `make()` when the key is new.
    mutating func value(for key: [UInt8], orInsert make: () -> Int32) -> Int32 {
        if let found = key.withUnsafeBufferPointer({ lookup($0) }) { return found }
        let value = make()
        insert(key, value: value)
        return value
    }

    private mutating func insert(_ key: [UInt8], value: Int32) {
        if (values.count + 1) * 4 > slots.count * 3 { grow() }
        let hash = key.withUnsafeBufferPointer { ByteStringTable.hash($0) }
        keyStarts.append(Int32(keyBytes.count))
        keyLengths.append(Int32(key.count))
        keyHashes.append(hash)
        keyBytes.append(contentsOf: key)
        values.append(value)
        place(entry: values.count - 1, hash: hash)
        isSmall = isSmall && key.count <= 8 && values.count <= Self.smallCapacity
        packedKeys = isSmall ? packedKeys + [key.withUnsafeBufferPointer { Self.packed($0, from: 0) }] : []
    }

    private mutating func place(entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for entry in keyHashes.indices { place(entry: entry, hash: keyHashes[entry]) }
    }

    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        if isSmall {
            guard key.count <= 8 else { return nil }
            let packed = Self.packed(key, from: 0)
            for entry in packedKeys.indices where packedKeys[entry] == packed && Int(keyLengths[entry]) == key.count {
                return values[entry]
            }
            return nil
        }
        let hash = ByteStringTable.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let occupant = Int(slots[slot])
                if occupant == 0 { return nil }
                let entry = occupant - 1
                if keyHashes[entry] == hash, Int(keyLengths[entry]) == key.count, equalsKey(entry, key) {
                    return values[entry]
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func equalsKey(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count > 0 else { return true }
        return keyBytes.withUnsafeBufferPointer { stored in
            memcmpBytes(stored.baseAddress! + Int(keyStarts[entry]), key.baseAddress!, key.count)
        }
    }

    /// A fast 64-bit hash: eight bytes per multiply-mix step.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        if index < count {
            hash = (hash ^ packed(bytes, from: index)) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash >> 29
        hash = hash &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }
}

extension ByteStringTable {
    /// The last one to eight bytes of `bytes` from `index`, read as at most two
    /// overlapping loads: the same bytes of the same length always give the same word.
    @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> UInt64 {
        let remaining = bytes.count - index
        guard remaining > 0, let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        if remaining >= 4 {
            return UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self)) << 32
        }
        if remaining >= 2 {
            return UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt16.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: bytes.count - 2, as: UInt16.self)) << 16
        }
        return UInt64(base[index])
    }
}

@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
        if UnsafeRawPointer(a).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            != UnsafeRawPointer(b).loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
        index += 8
    }
    while index < count {
        if a[index] != b[index] { return false }
        index += 1
    }
    return true
}
