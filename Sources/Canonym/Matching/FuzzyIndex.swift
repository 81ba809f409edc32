import Foundation

/// Finds the one-word skeleton keys within one edit (insertion, deletion, substitution or
/// adjacent transposition) of a word's skeleton: the `fuzzy` level.
///
/// Symmetric-delete search: every indexed key is stored under itself and each of its
/// one-letter deletions; a query looks up itself and its own deletions, and each candidate is
/// verified with the optimal-string-alignment distance. Only keys of at least
/// ``minimumLength`` - 1 letters are indexed, since only queries of ``minimumLength`` letters
/// or more are searched.
///
/// - Complexity: building is O(K·L) for K keys of length L; a query is O(L) hash probes plus
///   O(L) per candidate to verify.
final class FuzzyIndex: Sendable {
    /// Queries shorter than this are never searched (`fuzzy_min_letters` in thresholds.tsv).
    let minimumLength: Int
    private let keys: [Int32: [UInt8]]
    private let buckets: [UInt64: [Int32]]

    /// The default of `fuzzy_min_letters`.
    static let defaultMinimumLength = 7

    init(trie: LevelTrie, minimumLength: Int) {
        self.minimumLength = minimumLength
        var keys: [Int32: [UInt8]] = [:]
        var buckets: [UInt64: [Int32]] = [:]
        for index in 0..<trie.keys.count where trie.child(of: 0, key: Int32(index)) >= 0 {
            let id = Int32(index)
            let bytes = Array(trie.keys.key(at: index))
            guard bytes.count >= minimumLength - 1, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            keys[id] = bytes
            buckets[Self.hash(bytes, skipping: -1), default: []].append(id)
            for skip in bytes.indices { buckets[Self.hash(bytes, skipping: skip), default: []].append(id) }
        }
        self.keys = keys
        self.buckets = buckets
    }

    /// Key ids within distance 1 of `query` (excluding an identical key).
    func neighbours(of query: String) -> [Int32] {
        let bytes = Array(query.utf8)
        guard bytes.count >= minimumLength else { return [] }
        var found: [Int32] = []
        for skip in -1..<bytes.count {
            guard let ids = buckets[Self.hash(bytes, skipping: skip)] else { continue }
            for id in ids where !found.contains(id) {
                if let key = keys[id], key != bytes, Self.withinOneEdit(key, bytes) { found.append(id) }
            }
        }
        return found.sorted()
    }

    private static func hash(_ bytes: [UInt8], skipping: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, b) in bytes.enumerated() where i != skipping { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ UInt64(bytes.count - (skipping >= 0 ? 1 : 0))
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
