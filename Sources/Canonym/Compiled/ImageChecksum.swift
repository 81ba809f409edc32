import Dispatch

/// The checksum of a compiled lexicon: 64 bits over the bytes, read 8 at a time in four
/// independent lanes (so it runs at memory speed: a few milliseconds for a 60 MB file).
///
/// Each step `lane = (lane ^ word) &* odd` is a bijection of the lane for a fixed word and
/// injective in the word for a fixed lane, so changing any one byte — a flipped bit, a zeroed
/// page — always changes the result. It is a check against accidents, not against an adversary.
enum ImageChecksum {
    /// Bytes per chunk of ``chunked(_:count:onCores:afterWindow:)``.
    static let chunkSize = 16 << 20

    /// The checksum of a compiled image: ``compute(_:count:window:beforeWindow:afterWindow:)`` of
    /// each 16 MiB chunk, then of the chunks' sums, so that the chunks can be checked on several
    /// cores at once. Any changed byte changes its chunk's sum, hence the result.
    /// - Complexity: O(count), divided among the cores when `onCores` is true.
    static func chunked(
        _ start: UnsafeRawPointer, count: Int, onCores: Bool = false, afterWindow: (@Sendable (UnsafeRawPointer, Int) -> Void)? = nil
    ) -> UInt64 {
        let chunks = max(1, (count + chunkSize - 1) / chunkSize)
        let sums = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: chunks)
        defer { sums.deallocate() }
        let base = UInt(bitPattern: start)
        let sumsBase = UInt(bitPattern: sums.baseAddress)
        let work: @Sendable (Int) -> Void = { chunk in
            let from = chunk * chunkSize, length = min(chunkSize, count - from)
            let pointer = UnsafeRawPointer(bitPattern: base)! + from
            let sum = compute(pointer, count: max(0, length), afterWindow: afterWindow)
            UnsafeMutablePointer<UInt64>(bitPattern: sumsBase)![chunk] = sum
        }
        if onCores, chunks > 1 {
            DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
        } else {
            for chunk in 0..<chunks { work(chunk) }
        }
        return compute(UnsafeRawPointer(sums.baseAddress!), count: chunks * 8)
    }

    /// The checksum of `count` bytes from `start`.
    /// - Complexity: O(count).
    ///
    /// `afterWindow`, when given, is called after each window of `window` bytes (a multiple of
    /// 32) with the window's start and length: a mapped image uses it to let go of pages it has
    /// checked, so that checking a file never makes all of it resident at once.
    static func compute(
        _ start: UnsafeRawPointer, count: Int, window: Int = 8 << 20, afterWindow: ((UnsafeRawPointer, Int) -> Void)? = nil
    ) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var a: UInt64 = 0x243F_6A88_85A3_08D3, b: UInt64 = 0x1319_8A2E_0370_7344
        var c: UInt64 = 0xA409_3822_299F_31D0, d: UInt64 = 0x082E_FA98_EC4E_6C89
        var offset = 0
        while offset + 32 <= count {
            let windowStart = offset
            let windowEnd = min(offset + window, count - (count - offset) % 32)
            while offset < windowEnd {
                a = (a ^ start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* k
                b = (b ^ start.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* k
                c = (c ^ start.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* k
                d = (d ^ start.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* k
                offset += 32
            }
            afterWindow?(start + windowStart, windowEnd - windowStart)
        }
        var tail: UInt64 = 0xCBF2_9CE4_8422_2325
        while offset < count {
            tail = (tail ^ UInt64(start.load(fromByteOffset: offset, as: UInt8.self))) &* 0x100_0000_01B3
            offset += 1
        }
        return mix(a) ^ rotate(mix(b), 16) ^ rotate(mix(c), 32) ^ rotate(mix(d), 48) ^ mix(tail ^ UInt64(count))
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotate(_ x: UInt64, _ bits: UInt64) -> UInt64 { (x << bits) | (x >> (64 - bits)) }
}
