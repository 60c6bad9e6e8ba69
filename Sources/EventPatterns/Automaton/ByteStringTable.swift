/// A hash table from byte strings to small integers that is probed with bytes
/// straight from the event buffer, so a lookup allocates nothing. Keys live in
/// one contiguous array; open addressing with linear probing.
struct ByteStringTable: Sendable {
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int32] = []
    private var keyLengths: [Int32] = []
    private var keyHashes: [UInt64] = []
    private(set) var values: [Int32] = []
    /// Slot → entry index + 1 (0 marks an empty slot).
    private var slots: [Int32] = Array(repeating: 0, count: 8)

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
            // The last one to seven bytes, read as two overlapping loads.
            let remaining = count - index
            let tail: UInt64
            if remaining >= 4 {
                tail = UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                    | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
            } else if remaining >= 2 {
                tail = UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt16.self))
                    | UInt64(raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)) << 16
            } else {
                tail = UInt64(base[index])
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash >> 29
        hash = hash &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
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
