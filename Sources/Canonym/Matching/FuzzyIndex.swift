import Foundation
internal import CCanonymICU

/// Finds the one-word skeleton keys within one edit (insertion, deletion, substitution or
/// adjacent transposition) of a word's skeleton: the `fuzzy` level.
///
/// Symmetric-delete search: every indexed key is stored under itself and each of its
/// one-letter deletions; a query looks up itself and its own deletions, and each candidate is
/// verified with the optimal-string-alignment distance. Only keys of at least
/// ``minimumLength`` - 1 letters are indexed, since only queries of ``minimumLength`` letters
/// or more are searched.
///
/// Compiled with the lexicon and read in place: `minimumLength u32, count u32`, then `count`
/// pairs `(hash u32, key id u32)` sorted, one per key and deletion; a query binary-searches
/// each of its own deletions' hashes by interpolation (about 12 bytes per indexed key and letter).
///
/// - Complexity: building is O(K·L·log(K·L)) for K keys of length L; a query is O(L·log(K·L))
///   plus O(L) per candidate to verify.
struct FuzzyIndex: @unchecked Sendable {
    /// Queries shorter than this are never searched (`fuzzy_min_letters` in thresholds.tsv).
    let minimumLength: Int
    private let skeletonKeys: StringTable
    /// `pairs[2i]` is a hash, `pairs[2i + 1]` a key id.
    private let pairs: UnsafeBufferPointer<UInt32>

    /// The default of `fuzzy_min_letters`.
    static let defaultMinimumLength = 7

    /// Opens the index stored at `offset ..< offset + length`; nil when it does not fit.
    init?(image: ByteImage, offset: Int, length: Int, skeletonKeys: StringTable) {
        guard length >= 8 else { return nil }
        let count = Int(image.u32(offset + 4))
        guard length == 8 + count * 8 else { return nil }
        minimumLength = Int(image.u32(offset))
        self.skeletonKeys = skeletonKeys
        pairs = image.array(offset + 8, count: count * 2, of: UInt32.self)
    }

    /// Key ids within distance 1 of `query` (excluding an identical key), ascending.
    func neighbours(of query: String) -> [Int32] {
        var query = query
        return query.withUTF8 { neighbours(of: $0) }
    }

    /// ``neighbours(of:)`` of a query given as its UTF-8 bytes.
    func neighbours(of query: UnsafeBufferPointer<UInt8>) -> [Int32] {
        guard query.count >= minimumLength else { return [] }
        let bytes = Array(query)
        var found: [Int32] = []
        let count = pairs.count / 2
        guard count > 0 else { return [] }
        // The query's own hash and its deletions' first, each one's guessed position asked for:
        // the probes are independent, so their cache misses overlap instead of queueing.
        let hashes = (-1..<bytes.count).map { Self.hash(bytes, skipping: $0) }
        for h in hashes { cnm_prefetch(pairs.baseAddress! + Self.guess(h, count: count) * 2) }
        for h in hashes {
            var i = firstPair(atLeast: h, count: count)
            while i < count, pairs[i * 2] == h {
                let id = Int32(bitPattern: pairs[i * 2 + 1])
                i += 1
                if found.contains(id) || Int(id) >= skeletonKeys.count { continue }
                let key = Array(skeletonKeys.key(at: Int(id)))
                if key != bytes, Self.withinOneEdit(key, bytes) { found.append(id) }
            }
        }
        return found.sorted()
    }

    /// Where hash `h` is expected among `count` uniform hashes: `h·count / 2³²`.
    @inline(__always)
    private static func guess(_ h: UInt32, count: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(h) &* UInt64(count)) >> 32)
    }

    /// The index of the first pair whose hash is at least `h`. The hashes are uniform, so `h`
    /// sits near position `h·count / 2³²`: the search starts there and widens by doubling steps
    /// until it brackets `h`, then bisects the bracket. That reads a few neighbouring cache lines
    /// instead of the ~20 scattered ones of a bisection over the whole array.
    /// - Complexity: O(log d) for a distance d from the guess, O(log n) at worst.
    @inline(__always)
    private func firstPair(atLeast h: UInt32, count: Int) -> Int {
        let guess = Self.guess(h, count: count)
        var low = 0, high = count, step = 32
        if guess < count, pairs[guess * 2] < h {
            low = guess + 1
            var probe = guess + step
            while probe < count, pairs[probe * 2] < h {
                low = probe + 1
                step *= 2
                probe += step
            }
            high = min(probe, count)
        } else {
            high = guess
            var probe = guess - step
            while probe > 0, pairs[probe * 2] >= h {
                high = probe
                step *= 2
                probe -= step
            }
            low = probe > 0 ? probe + 1 : 0
        }
        while low < high {
            let middle = (low + high) / 2
            if pairs[middle * 2] < h { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Builds the index section over the one-word skeleton keys (`rootKeys`: the key ids that
    /// end a one-word path, with their bytes).
    static func encode(rootKeys: [(id: Int32, bytes: [UInt8])], minimumLength: Int) -> [UInt8] {
        var entries: [UInt64] = []
        for (id, bytes) in rootKeys {
            guard bytes.count >= minimumLength - 1, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            var hashes: Set<UInt32> = [hash(bytes, skipping: -1)]
            for skip in bytes.indices { hashes.insert(hash(bytes, skipping: skip)) }
            for h in hashes { entries.append(UInt64(h) << 32 | UInt64(UInt32(bitPattern: id))) }
        }
        entries.sort()
        var out: [UInt8] = []
        out.appendLE(UInt32(minimumLength))
        out.appendLE(UInt32(entries.count))
        out.appendLE(entries.flatMap { [UInt32(truncatingIfNeeded: $0 >> 32), UInt32(truncatingIfNeeded: $0)] })
        return out
    }

    private static func hash(_ bytes: [UInt8], skipping: Int) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, b) in bytes.enumerated() where i != skipping { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= UInt64(bytes.count - (skipping >= 0 ? 1 : 0))
        return UInt32(truncatingIfNeeded: ((h ^ (h >> 32)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    /// Optimal string alignment distance ≤ 1.
    static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if i == a.count && i == b.count { return true }
        if a.count == b.count {
            // substitution, or adjacent transposition
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        return a.count > b.count ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }
}
