import Foundation
internal import CCanonymICU

/// A read-only hash table from byte strings to 32-bit values, laid out flat so that it can be
/// used in place inside a compiled lexicon (interned trie keys, entity ids, guard word lists).
///
/// Layout (little-endian): `slotCount u32, entryCount u32, byteCount u64, filterWords u32,
/// tagBits u32`, then a Bloom filter of `filterWords` `u64` words (16 bits per entry, three bits
/// set per key in one word), then `slotCount` slots (`u32`: entry index + 1, 0 when empty;
/// linear probing, at most 2/3 full; with `tagBits` 8, the top byte holds the top byte of the
/// key's hash, so a probe passes over another key's slot without reading its bytes; a table of
/// 2²⁴ entries or more has `tagBits` 0 and whole-word indexes), then `entryCount` end offsets
/// (`u32`: entry i's bytes are `ends[i-1] ..< ends[i]` of the pool), then `entryCount` values
/// (`u32`), then the strings' bytes. About 14 bytes per entry besides its text.
///
/// Most lookups in running text are for words no name has; the filter answers about 99 % of
/// those from one word of a small array, without touching the slots or the strings, which keeps
/// both the time and the resident part of a mapped lexicon small.
///
/// A table reads its image's memory without holding the image: it is a plain value, so that
/// copying one (the matcher copies tries and word lists many times per new word) costs no
/// reference counting. Whoever stores a table keeps its image alive beside it
/// (``CompiledLexicon/image``, ``GuardData``), and tables never leave their owner's lifetime.
struct StringTable: @unchecked Sendable {
    private let filter: UnsafeBufferPointer<UInt64>
    private let filterMask: Int
    private let slots: UnsafeBufferPointer<UInt32>
    private let ends: UnsafeBufferPointer<UInt32>
    private let values: UnsafeBufferPointer<UInt32>
    private let bytes: UnsafePointer<UInt8>?
    private let mask: Int
    /// Whether slots carry a hash tag in their top byte (see the layout above).
    private let tagged: Bool
    /// The bits of a slot that hold the entry index + 1.
    private let indexMask: UInt32

    /// Entries in the table.
    let count: Int
    /// Bytes the table occupies in its image.
    let byteCount: Int

    /// A table with no entries.
    static let empty = StringTable()

    private init() {
        filter = UnsafeBufferPointer(start: nil, count: 0)
        filterMask = 0
        slots = UnsafeBufferPointer(start: nil, count: 0)
        ends = UnsafeBufferPointer(start: nil, count: 0)
        values = UnsafeBufferPointer(start: nil, count: 0)
        bytes = nil
        mask = 0
        tagged = false
        indexMask = .max
        count = 0
        byteCount = 0
    }

    /// Opens the table stored at `offset ..< offset + length` of `image`, checking that its
    /// parts fit the section. Returns nil when they do not. The caller keeps `image` alive as
    /// long as the table.
    init?(image: ByteImage, offset: Int, length: Int) {
        guard length >= Self.headerSize, offset % 8 == 0 else { return nil }
        let slotCount = Int(image.u32(offset)), entryCount = Int(image.u32(offset + 4))
        let poolSize = Int(image.u64(offset + 8)), filterWords = Int(image.u32(offset + 16))
        let tagBits = image.u32(offset + 20)
        guard slotCount > 0, slotCount & (slotCount - 1) == 0, entryCount < slotCount,
            tagBits == 0 || (tagBits == Self.tagBits && entryCount < 1 << (32 - Self.tagBits)),
            filterWords > 0, filterWords & (filterWords - 1) == 0,
            Self.headerSize + filterWords * 8 + slotCount * 4 + entryCount * 8 + poolSize == length
        else { return nil }
        let slotStart = offset + Self.headerSize + filterWords * 8
        filter = image.array(offset + Self.headerSize, count: filterWords, of: UInt64.self)
        filterMask = filterWords - 1
        slots = image.array(slotStart, count: slotCount, of: UInt32.self)
        ends = image.array(slotStart + slotCount * 4, count: entryCount, of: UInt32.self)
        values = image.array(slotStart + slotCount * 4 + entryCount * 4, count: entryCount, of: UInt32.self)
        guard entryCount == 0 || Int(ends[entryCount - 1]) == poolSize else { return nil }
        bytes = image.bytes(slotStart + slotCount * 4 + entryCount * 8, poolSize).baseAddress
        mask = slotCount - 1
        tagged = tagBits != 0
        indexMask = tagged ? (1 << (32 - Self.tagBits)) - 1 : .max
        count = entryCount
        byteCount = length
    }

    static let headerSize = 24
    /// The width of a slot's hash tag, when the table has one.
    static let tagBits: UInt32 = 8

    /// The tag of a key whose hash is `h`: its top byte (the filter and the slot index use
    /// other bits).
    @inline(__always)
    static func tag(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h >> 56) }

    /// The filter word and bits of a key's hash (bits independent of the slot's low bits).
    @inline(__always)
    static func filterProbe(_ h: UInt64) -> (word: Int, bits: UInt64) {
        (Int(truncatingIfNeeded: h >> 40), 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63) | 1 << ((h >> 32) & 63))
    }

    /// The hash used for slots: FNV-1a over the bytes, finished with a multiply-shift mix.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return (h ^ (h >> 29)) &* 0xbf58_476d_1ce4_e5b9
    }

    /// The value stored for `key`, or nil.
    /// - Complexity: O(|key|) expected.
    @inline(__always)
    func value(_ key: UnsafeBufferPointer<UInt8>) -> UInt32? { value(key, hash: Self.hash(key)) }

    /// The value stored for `key`, whose ``hash(_:)`` is `h`, or nil.
    @inline(__always)
    func value(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> UInt32? {
        guard count > 0 else { return nil }
        let probe = Self.filterProbe(h)
        if filter[probe.word & filterMask] & probe.bits != probe.bits { return nil }
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return nil }
            if tagged, s >> (32 - Self.tagBits) != Self.tag(h) {
                slot = (slot + 1) & mask
                continue
            }
            let e = Int(s & indexMask) - 1
            let start = e == 0 ? 0 : Int(ends[e - 1])
            if Int(ends[e]) - start == key.count, key.count == 0 || memcmp(bytes! + start, key.baseAddress!, key.count) == 0 {
                return values[e]
            }
            slot = (slot + 1) & mask
        }
    }

    /// The ``hash(_:)`` of a string key's UTF-8 bytes.
    static func hash(of key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { hash($0) }
    }

    /// Asks the processor for the filter word and the first slot a lookup of the key whose
    /// ``hash(_:)`` is `h` reads, so that the lookups of several keys overlap their cache misses
    /// (a hint; it changes nothing).
    @inline(__always)
    func prefetch(hash h: UInt64) {
        guard count > 0 else { return }
        cnm_prefetch(filter.baseAddress! + (Self.filterProbe(h).word & filterMask))
        cnm_prefetch(slots.baseAddress! + (Int(truncatingIfNeeded: h) & mask))
    }

    /// The value stored for `key`, or nil.
    func value(_ key: String) -> UInt32? {
        var key = key
        return key.withUTF8 { value($0) }
    }

    /// The value stored for `key`, whose ``hash(of:)`` is `h`, or nil.
    func value(_ key: String, hash h: UInt64) -> UInt32? {
        var key = key
        return key.withUTF8 { value($0, hash: h) }
    }

    /// Entry `index`'s bytes.
    func key(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return UnsafeBufferPointer(start: bytes! + start, count: Int(ends[index]) - start)
    }

    /// Entry `index`'s value.
    func value(at index: Int) -> UInt32 { values[index] }

    /// Entry `index`'s key as a string.
    func string(at index: Int) -> String { String(decoding: key(at: index), as: UTF8.self) }

    /// Serializes `keys` (distinct) with their values, in the given order: entry i is `keys[i]`.
    /// - Complexity: O(total bytes).
    static func encode(_ keys: [(key: [UInt8], value: UInt32)], into out: inout [UInt8]) {
        var slotCount = 1
        while slotCount < keys.count + keys.count / 2 + 1 { slotCount <<= 1 }
        var filterWords = 1
        while filterWords * 4 < keys.count { filterWords <<= 1 }
        var filter = [UInt64](repeating: 0, count: filterWords)
        var slots = [UInt32](repeating: 0, count: slotCount)
        let tagged = keys.count < 1 << (32 - tagBits)
        var ends: [UInt32] = []
        ends.reserveCapacity(keys.count)
        var pool: [UInt8] = []
        for (index, entry) in keys.enumerated() {
            let h = entry.key.withUnsafeBufferPointer { hash($0) }
            let probe = filterProbe(h)
            filter[probe.word & (filterWords - 1)] |= probe.bits
            var slot = Int(truncatingIfNeeded: h) & (slotCount - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot] = UInt32(index + 1) | (tagged ? tag(h) << (32 - tagBits) : 0)
            pool.append(contentsOf: entry.key)
            ends.append(UInt32(pool.count))
        }
        out.appendLE(UInt32(slotCount))
        out.appendLE(UInt32(keys.count))
        out.appendLE(UInt64(pool.count))
        out.appendLE(UInt32(filterWords))
        out.appendLE(tagged ? tagBits : 0)
        out.appendLE(filter)
        out.appendLE(slots)
        out.appendLE(ends)
        out.appendLE(keys.map(\.value))
        out.append(contentsOf: pool)
    }
}
extension [UInt8] {
    /// Appends a value's little-endian bytes.
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends integers' little-endian bytes (the machine's order, checked at compile time).
    mutating func appendLE<T: FixedWidthInteger>(_ values: [T]) {
        values.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// Pads with zeros to a multiple of `alignment`.
    mutating func pad(to alignment: Int) {
        while count % alignment != 0 { append(0) }
    }
}
